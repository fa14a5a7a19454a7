"""The offline HTML explorer: static checks, then a real headless Chromium over the DevTools protocol."""
from __future__ import annotations

import json
import re
import time

import pytest

from kg.export import default_formats, html
from kg.graph import KnowledgeGraph
from kg.model import Claim, Entity, Evidence, Paper, Source
from conftest import require

XSS_ABSTRACT = 'We test "><img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> here.'


def synthetic(n_papers: int, n_entities: int) -> KnowledgeGraph:
    """Papers linked to a few entities each, deterministically."""
    g = KnowledgeGraph()
    ents = [g.add_entity(Entity(("Method", "Dataset", "Hardware")[i % 3], f"Thing {i}")) for i in range(n_entities)]
    for p in range(n_papers):
        pid = g.add_paper(Paper(f"Paper number {p}", f"Abstract {p}.", Source("syn.jsonl", p + 1),
                                published=f"2024-{1 + p % 12:02d}-{1 + p % 28:02d}"))
        for j in (p % n_entities, (p * 7 + 3) % n_entities, (p * p) % max(1, n_entities // 10)):
            g.add_edge(pid, "builds-on", ents[j], Evidence(f"Paper {p} uses Thing {j}.", "syn/1"))
    return g


@pytest.fixture
def xss_graph(tiny_graph):
    pid = tiny_graph.add_paper(Paper("Injected <img src=x onerror=\"window.__pwned=3\">", XSS_ABSTRACT,
                                     Source("c.txt", 1), published="--07-04"))
    lora = "method/lora"
    tiny_graph.add_edge(pid, "compares-to", lora, Evidence('LoRA "><img src=x onerror="window.__pwned=4">', "t/1"),
                        Claim("<b>3x</b> better", 3.0, "x"))
    return tiny_graph


def data_of(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))


def test_registered_as_default_export():
    assert "html" in default_formats()


def test_self_contained_deterministic_and_escaped(xss_graph, tmp_path):
    (path,) = html.write(xss_graph, tmp_path)
    page = path.read_text()
    assert path.name == "explorer.html"
    assert page == html.render(xss_graph, *html.select_view(xss_graph))  # byte-identical rebuild
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)  # nothing to fetch
    assert not re.search(r"url\(\s*(?![\"']?data:)|@import", page)  # CSS fetches nothing either
    assert "onerror" in page and "<img src=x" not in page and "\\u003cscript\\u003e" in page
    data = data_of(page)
    assert data["shown"] == data["total"] == len(xss_graph) and len(data["vis"]["nodes"]) == len(xss_graph)
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["vis"]["nodes"])


def test_big_graph_gets_an_overview_that_says_so():
    g = synthetic(300, 60)
    ids, note = html.select_view(g, max_nodes=100)
    assert len(ids) == 100 and f"showing 100 of {len(g)} nodes" in note
    assert {"thing-0", "thing-1"} & {i.split("/")[1] for i in ids}
    data = data_of(html.render(g, ids, note))
    assert data["shown"] == 100 and data["total"] == len(g) and data["note"] == note


def test_ego_view_keeps_nearest_first(tiny_graph):
    ids, note = html.ego_view(tiny_graph, "method/lora", depth=1)
    assert set(ids) == {"method/lora", next(n["id"] for n in tiny_graph.nodes("Paper") if n["name"] == "Another paper")}
    ids2, note2 = html.ego_view(tiny_graph, "method/flashattention-2", depth=2, max_nodes=3)
    assert len(ids2) == 3 and "method/flashattention-2" in ids2 and "showing 3 of" in note2


# -- real browser ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def chromium():
    from kg.export.chromium import Chromium, find_chromium

    try:
        import websocket  # noqa: F401
    except ImportError:
        websocket = None
    require(find_chromium() is not None, "chromium is not installed (apt-get install chromium)")
    require(websocket is not None, "websocket-client is not installed (pip install -e '.[dev]')")
    with Chromium() as c:
        yield c


def load(chromium, path):
    chromium.open(path)
    chromium.wait_for("window.kgExplorer && kgExplorer.ready", timeout=20)
    return chromium


@pytest.mark.browser
def test_page_loads_offline_without_errors(chromium, xss_graph, tmp_path):
    (path,) = html.write(xss_graph, tmp_path)
    c = load(chromium, path)
    assert c.errors() == [] and c.requests() == []
    shown = int(c.eval("document.getElementById('kg-status').getAttribute('data-shown')"))
    assert shown == len(xss_graph) == c.eval("kgExplorer.renderedNodeCount()")
    assert f"showing {shown} of {len(xss_graph)} nodes" in c.eval("document.getElementById('kg-status').textContent")
    legend = c.eval("Array.from(document.querySelectorAll('#kg-types label')).map(l => l.textContent)")
    assert any(t.startswith("\u25cfPaper") for t in legend) and len(legend) == len(xss_graph.count_nodes())


@pytest.mark.browser
def test_injected_markup_runs_nothing(chromium, xss_graph, tmp_path):
    (path,) = html.write(xss_graph, tmp_path)
    c = load(chromium, path)
    pid = next(n["id"] for n in xss_graph.nodes("Paper") if n["name"].startswith("Injected"))
    script_pid = next(n["id"] for n in xss_graph.nodes("Paper") if "<script>" in n["name"])
    assert c.eval(f"kgExplorer.selectNode({json.dumps(pid)})")
    panel = c.eval("document.getElementById('kg-panel').textContent")
    assert XSS_ABSTRACT in panel and "Injected <img src=x" in panel
    assert c.eval("document.querySelectorAll('#kg-panel img, #kg-panel script').length") == 0
    edge = c.eval(f"kgExplorer.edges.get().find(e => e.from === {json.dumps(pid)}).id")
    c.eval(f"kgExplorer.selectEdge({json.dumps(edge)})")
    assert "<b>3x</b> better" == c.eval("document.getElementById('kg-claim').textContent")
    c.eval(f"kgExplorer.selectNode({json.dumps(script_pid)})")
    c.eval("kgExplorer.search('Injected')")
    time.sleep(0.3)
    assert c.eval("typeof window.__pwned") == "undefined"
    assert c.requests() == [] and c.errors() == []


@pytest.mark.browser
def test_search_filters_focus_and_time(chromium, tiny_graph, tmp_path):
    (path,) = html.write(tiny_graph, tmp_path)
    c = load(chromium, path)
    total = len(tiny_graph)
    # search by alias focuses the node and opens its panel
    assert c.eval("kgExplorer.search('FA2')") == "method/flashattention-2"
    assert c.eval("kgExplorer.network.getSelectedNodes()") == ["method/flashattention-2"]
    assert c.eval("document.querySelector('#kg-panel h2').textContent") == "FlashAttention-2"
    assert c.eval("kgExplorer.search('no such thing at all')") is None
    # type filter through the real checkbox
    c.eval("document.querySelector('#kg-types input[data-type=\"Method\"]').click()")
    methods = tiny_graph.count_nodes()["Method"]
    assert c.eval("kgExplorer.renderedNodeCount()") == total - methods
    assert c.eval("document.getElementById('kg-status').getAttribute('data-shown')") == str(total - methods)
    assert c.eval("kgExplorer.nodes.get('method/lora').hidden") is True
    c.eval("document.getElementById('kg-reset').click()")
    assert c.eval("kgExplorer.renderedNodeCount()") == total
    # relation filter hides edges
    c.eval("kgExplorer.setRelVisible('builds-on', false)")
    assert c.eval("kgExplorer.renderedEdgeCount()") == (
        sum(tiny_graph.count_edges().values()) - tiny_graph.count_edges()["builds-on"])
    c.eval("kgExplorer.setRelVisible('builds-on', true)")
    # neighbourhood focus: 1 hop around LoRA is LoRA and the paper building on it
    c.eval("kgExplorer.setFocus('method/lora', 1)")
    assert sorted(c.eval("Array.from(kgExplorer.visible.nodes)")) == sorted(html.ego_view(tiny_graph, "method/lora", 1)[0])
    c.eval("kgExplorer.setFocus(null, 0)")
    # time filter: drop the only dated paper (keeps undated ones) and the entities only it links to
    assert c.eval("kgExplorer.dates") == ["2024-05-01"]
    c.eval("document.getElementById('kg-undated').click()")
    assert c.eval("kgExplorer.renderedNodeCount()") == total - 2  # the undated paper and LoRA go
    assert c.eval("kgExplorer.nodes.get('method/lora').hidden") is True
    assert c.errors() == [] and c.requests() == []


@pytest.mark.browser
def test_clicking_an_edge_shows_its_evidence(chromium, tiny_graph, tmp_path):
    (path,) = html.write(tiny_graph, tmp_path)
    c = load(chromium, path)
    p1 = next(n["id"] for n in tiny_graph.nodes("Paper") if n["name"].startswith("FastAttn"))
    eid = c.eval(f"kgExplorer.edges.get().find(e => e.from === {json.dumps(p1)} && e.rel === 'compares-to').id")
    assert c.eval(f"kgExplorer.selectEdge({json.dumps(eid)})")
    evidence = "It is 2x faster than FlashAttention-2 on H100 and GSM8K."
    assert c.eval("document.getElementById('kg-evidence').textContent") == evidence
    assert c.eval("document.getElementById('kg-claim').textContent") == "2x faster than FlashAttention-2"
    # a real mouse click on the middle of the LoRA edge (shows only that edge, zoomed in)
    c.eval("kgExplorer.setFocus('method/lora', 1)")
    c.eval("document.querySelector('#kg-panel').replaceChildren()")
    x, y = c.eval("""(() => { const n = kgExplorer.network, e = kgExplorer.edges.get().find(e => e.to === 'method/lora');
        const p = n.getPositions([e.from, e.to]), a = p[e.from], b = p[e.to];
        const d = n.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
        const r = document.getElementById('kg-graph').getBoundingClientRect(); return [r.left + d.x, r.top + d.y]; })()""")
    c.click(x, y)
    c.wait_for("!!document.getElementById('kg-evidence')", timeout=5)
    assert c.eval("document.getElementById('kg-evidence').textContent") == "We build on FlashAttention-2 with LoRA."


@pytest.mark.browser
def test_overview_page_renders_what_it_says(chromium, tmp_path):
    g = synthetic(2400, 300)
    ids, note = html.select_view(g)
    assert len(ids) == html.MAX_NODES < len(g)
    (path,) = html.write(g, tmp_path)
    c = load(chromium, path)
    assert c.eval("kgExplorer.renderedNodeCount()") == html.MAX_NODES
    assert f"showing {html.MAX_NODES:,} of {len(g):,} nodes" in c.eval("document.getElementById('kg-note').textContent")
    assert c.eval("document.getElementById('kg-status').getAttribute('data-shown')") == str(html.MAX_NODES)
    assert c.errors() == [] and c.requests() == []


@pytest.mark.browser
def test_sample_corpus_explorer(chromium, sample_build):
    graph, _, out = sample_build
    page = out / "explorer.html"
    assert page.exists()
    c = load(chromium, page)
    assert c.errors() == [] and c.requests() == []
    assert c.eval("kgExplorer.renderedNodeCount()") == min(len(graph), html.MAX_NODES)
    assert c.eval("kgExplorer.search('speculative decoding')") == "method/speculative-decoding"
