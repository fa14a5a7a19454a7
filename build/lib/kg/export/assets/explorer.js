/* kg explorer: filters, search, neighbourhood focus and details panel over vis-network.
   Every piece of text from the graph is put on the page with textContent, never as HTML. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const api = { data: data, ready: false, firstDrawMs: null };
  window.kgExplorer = api;

  const visNodes = data.vis.nodes, visEdges = data.vis.edges;
  const nodes = new vis.DataSet(visNodes);
  const edges = new vis.DataSet(visEdges);
  const network = new vis.Network($("kg-graph"), { nodes: nodes, edges: edges }, data.vis.options);
  Object.assign(api, { network: network, nodes: nodes, edges: edges });
  network.once("afterDrawing", () => {
    api.firstDrawMs = performance.now();
    api.ready = true;
    document.body.setAttribute("data-ready", "1");
  });

  const edgeById = {};
  visEdges.forEach((e) => { edgeById[e.id] = e; });
  const typeStyle = {};
  data.types.forEach((t) => { typeStyle[t.type] = t; });
  const state = { types: {}, rels: {}, from: 0, to: 0, undated: true, focus: null, depth: 0, selected: null };
  data.types.forEach((t) => { state.types[t.type] = true; });
  data.rels.forEach((r) => { state.rels[r.rel] = true; });

  // ---- time filter: papers' publication dates ("--MM-DD" sorts before every full date)
  const dateKey = (p) => (p ? (p.startsWith("--") ? "0000" + p.slice(1) : p) : null);
  const showDate = (k) => (k.startsWith("0000") ? k.slice(5) + " (year unknown)" : k);
  const dates = Array.from(new Set(visNodes.map((n) => dateKey(data.nodes[n.id].published)).filter(Boolean))).sort();
  state.to = Math.max(0, dates.length - 1);
  const timeActive = () => dates.length > 0 && (state.from > 0 || state.to < dates.length - 1 || !state.undated);
  const inTime = (m) => {
    const k = dateKey(m.published);
    if (!k) return state.undated;
    return k >= dates[state.from] && k <= dates[state.to];
  };

  function computeVisible() {
    const active = timeActive();
    let vn = new Set();
    visNodes.forEach((n) => {
      const m = data.nodes[n.id];
      if (state.types[m.type] && (!active || m.type !== "Paper" || inTime(m))) vn.add(n.id);
    });
    let ve = visEdges.filter((e) => state.rels[e.rel] && vn.has(e.from) && vn.has(e.to));
    if (active) {  // an entity stays only while a visible paper links to it
      const linked = new Set();
      ve.forEach((e) => {
        if (data.nodes[e.from].type === "Paper") linked.add(e.to);
        if (data.nodes[e.to].type === "Paper") linked.add(e.from);
      });
      vn = new Set(Array.from(vn).filter((id) => data.nodes[id].type === "Paper" || linked.has(id)));
      ve = ve.filter((e) => vn.has(e.from) && vn.has(e.to));
    }
    if (state.focus && state.depth > 0 && vn.has(state.focus)) {
      const adj = {};
      ve.forEach((e) => {
        (adj[e.from] = adj[e.from] || []).push(e.to);
        (adj[e.to] = adj[e.to] || []).push(e.from);
      });
      const seen = new Set([state.focus]);
      let frontier = [state.focus];
      for (let d = 0; d < state.depth; d++) {
        const next = [];
        frontier.forEach((id) => (adj[id] || []).forEach((m) => { if (!seen.has(m)) { seen.add(m); next.push(m); } }));
        frontier = next;
      }
      vn = seen;
      ve = ve.filter((e) => vn.has(e.from) && vn.has(e.to));
    }
    return { nodes: vn, edges: new Set(ve.map((e) => e.id)) };
  }

  const hidden = { nodes: {}, edges: {} };
  function apply() {
    const v = computeVisible();
    const nu = [], eu = [];
    visNodes.forEach((n) => {
      const h = !v.nodes.has(n.id);
      if (hidden.nodes[n.id] !== h) { hidden.nodes[n.id] = h; nu.push({ id: n.id, hidden: h }); }
    });
    visEdges.forEach((e) => {
      const h = !v.edges.has(e.id);
      if (hidden.edges[e.id] !== h) { hidden.edges[e.id] = h; eu.push({ id: e.id, hidden: h }); }
    });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    api.visible = v;
    const s = $("kg-status");
    s.textContent = "showing " + v.nodes.size + " of " + data.total + " nodes, " + v.edges.size + " of " +
      data.total_edges + " edges";
    s.setAttribute("data-shown", String(v.nodes.size));
  }
  visNodes.forEach((n) => { hidden.nodes[n.id] = false; });
  visEdges.forEach((e) => { hidden.edges[e.id] = false; });

  // ---- side bar: legend + type filter, relation filter, time filter, focus
  data.types.forEach((t) => {
    const lab = el("label");
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t.type);
    box.addEventListener("change", () => { state.types[t.type] = box.checked; apply(); });
    const glyph = el("span", t.glyph, "kg-glyph");
    glyph.style.color = t.color;
    lab.append(box, glyph, el("span", t.type), el("span", t.count, "kg-count"));
    $("kg-types").append(lab);
  });
  data.rels.forEach((r) => {
    const lab = el("label");
    const box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-rel", r.rel);
    box.addEventListener("change", () => { state.rels[r.rel] = box.checked; apply(); });
    lab.append(box, el("span", " " + r.rel), el("span", r.count, "kg-count"));
    $("kg-rels").append(lab);
  });
  const from = $("kg-from"), to = $("kg-to");
  function showRange() {
    $("kg-range").textContent = dates.length ? showDate(dates[state.from]) + " to " + showDate(dates[state.to]) : "";
  }
  if (!dates.length) $("kg-time").hidden = true;
  from.max = to.max = String(Math.max(0, dates.length - 1));
  to.value = String(state.to);
  from.addEventListener("input", () => {
    state.from = Math.min(+from.value, state.to); from.value = String(state.from); showRange(); apply();
  });
  to.addEventListener("input", () => {
    state.to = Math.max(+to.value, state.from); to.value = String(state.to); showRange(); apply();
  });
  $("kg-undated").addEventListener("change", (ev) => { state.undated = ev.target.checked; apply(); });
  $("kg-depth").addEventListener("change", (ev) => { setFocus(state.selected, +ev.target.value); });
  $("kg-reset").addEventListener("click", () => {
    document.querySelectorAll("#kg-side input[type=checkbox]").forEach((b) => { b.checked = true; });
    data.types.forEach((t) => { state.types[t.type] = true; });
    data.rels.forEach((r) => { state.rels[r.rel] = true; });
    state.from = 0; state.to = Math.max(0, dates.length - 1); state.undated = true;
    from.value = "0"; to.value = String(state.to); $("kg-depth").value = "0";
    state.focus = null; state.depth = 0; showRange(); apply(); network.fit({ animation: false });
  });
  if (data.note) { $("kg-note").textContent = data.note; $("kg-note").hidden = false; }

  // ---- details panel
  const panel = $("kg-panel");
  const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);
  function link(url, text) {
    const ok = safeUrl(url);
    if (!ok) return el("span", text || url);
    const a = el("a", text || url);
    a.href = ok; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function nodeButton(id) {
    const b = el("button", data.nodes[id] ? data.nodes[id].name : id, "kg-link");
    b.type = "button";
    b.addEventListener("click", () => selectNode(id));
    return b;
  }
  function fields(pairs) {
    const dl = el("dl");
    pairs.forEach(([k, v]) => {
      if (v === undefined || v === null || v === "") return;
      const dd = el("dd");
      if (v instanceof Node) dd.append(v); else dd.textContent = String(v);
      dl.append(el("dt", k), dd);
    });
    return dl;
  }
  function typeBadge(type) {
    const b = el("span", type, "kg-type");
    b.style.background = (typeStyle[type] || {}).color || "#777";
    return b;
  }
  function showNode(id) {
    const m = data.nodes[id];
    panel.replaceChildren();
    panel.append(typeBadge(m.type), el("h2", m.name));
    if (m.type === "Paper") {
      panel.append(fields([["Published", m.published], ["Organisation", m.organization],
        ["Upvotes", m.upvotes], ["Authors", m.author_count], ["arXiv", m.url ? link(m.url, m.arxiv_id || m.url) : null]]));
      panel.append(el("h3", "Abstract"), el("p", m.abstract || "(no abstract)"));
      if (m.code && m.code.length) {
        const ul = el("ul");
        m.code.forEach((u) => { const li = el("li"); li.append(link(u)); ul.append(li); });
        panel.append(el("h3", "Code"), ul);
      }
    } else {
      panel.append(fields([["Type", m.type], ["Aliases", (m.aliases || []).join(", ") || "(none)"],
        ["URL", m.url ? link(m.url) : null]]));
    }
    panel.append(fields([["Connections", m.degree]]));
    const around = visEdges.filter((e) => e.from === id || e.to === id);
    if (around.length) {
      panel.append(el("h3", "Edges in this view"));
      const ul = el("ul");
      around.slice(0, 200).forEach((e) => {
        const li = el("li");
        const rel = el("button", (e.from === id ? "→ " : "← ") + e.rel, "kg-link");
        rel.type = "button";
        rel.addEventListener("click", () => selectEdge(e.id));
        li.append(rel, el("span", " "), nodeButton(e.from === id ? e.to : e.from));
        ul.append(li);
      });
      if (around.length > 200) ul.append(el("li", "and " + (around.length - 200) + " more"));
      panel.append(ul);
    }
  }
  function showEdge(eid) {
    const e = edgeById[eid], m = data.edges[eid];
    panel.replaceChildren();
    panel.append(el("span", "Edge", "kg-hint"), el("h2", m.rel));
    panel.append(fields([["From", nodeButton(e.from)], ["To", nodeButton(e.to)]]));
    const q = el("blockquote", m.evidence !== undefined ? data.sentences[m.evidence] : "(no evidence)");
    q.id = "kg-evidence";
    panel.append(el("h3", "Evidence"), q);
    if (m.claim) {
      const c = m.claim;
      const p = el("p", c.text);
      p.id = "kg-claim";
      panel.append(el("h3", "Claim"), p, fields([["Value", c.value], ["Unit", c.unit], ["Metric", c.metric],
        ["Direction", c.direction]]));
    }
    panel.append(fields([["Extractor", m.extractor], ["Source", m.source_file]]));
  }

  // ---- selection, focus and search
  function reveal(id) {
    const m = data.nodes[id];
    if (!state.types[m.type]) {
      state.types[m.type] = true;
      const box = document.querySelector('#kg-types input[data-type="' + CSS.escape(m.type) + '"]');
      if (box) box.checked = true;
    }
    if (api.visible && !api.visible.nodes.has(id)) { state.focus = null; state.from = 0;
      state.to = Math.max(0, dates.length - 1); state.undated = true; from.value = "0"; to.value = String(state.to); }
    apply();
  }
  function selectNode(id) {
    if (!data.nodes[id]) return false;
    state.selected = id;
    if (state.depth > 0) state.focus = id;
    reveal(id);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showNode(id);
    return true;
  }
  function selectEdge(eid) {
    if (!data.edges[eid]) return false;
    network.selectEdges([eid]);
    showEdge(eid);
    return true;
  }
  function setFocus(id, depth) {
    state.depth = depth || 0;
    $("kg-depth").value = String(state.depth);
    state.focus = state.depth > 0 ? id : null;
    apply();
    if (state.focus) network.fit({ nodes: Array.from(api.visible.nodes), animation: false });
  }
  const names = [];
  visNodes.forEach((n) => {
    const m = data.nodes[n.id];
    [m.name].concat(m.aliases || []).forEach((s) => names.push([s.toLowerCase(), n.id, s]));
  });
  function find(q) {
    q = String(q || "").trim().toLowerCase();
    if (!q) return null;
    for (const test of [(s) => s === q, (s) => s.startsWith(q), (s) => s.includes(q)]) {
      const hit = names.find(([s]) => test(s));
      if (hit) return hit[1];
    }
    return null;
  }
  function search(q) {
    const id = find(q);
    $("kg-search-msg").textContent = id ? "" : "no match";
    if (id) selectNode(id);
    return id;
  }
  const dl = $("kg-names");
  names.slice().sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0)).forEach(([, , s]) => {
    const o = el("option"); o.value = s; dl.append(o);
  });
  $("kg-search").addEventListener("change", (ev) => search(ev.target.value));
  $("kg-search").addEventListener("keydown", (ev) => { if (ev.key === "Enter") search(ev.target.value); });

  network.on("click", (p) => {
    if (p.nodes.length) selectNode(p.nodes[0]);
    else if (p.edges.length) selectEdge(p.edges[0]);
  });

  Object.assign(api, {
    search: search, selectNode: selectNode, selectEdge: selectEdge, setFocus: setFocus, apply: apply,
    setTypeVisible: (t, on) => { state.types[t] = !!on;
      const b = document.querySelector('#kg-types input[data-type="' + CSS.escape(t) + '"]'); if (b) b.checked = !!on; apply(); },
    setRelVisible: (r, on) => { state.rels[r] = !!on;
      const b = document.querySelector('#kg-rels input[data-rel="' + CSS.escape(r) + '"]'); if (b) b.checked = !!on; apply(); },
    setTimeRange: (i, j) => { state.from = i; state.to = j; from.value = String(i); to.value = String(j); showRange(); apply(); },
    dates: dates,
    renderedNodeCount: () => network.body.nodeIndices.length,
    renderedEdgeCount: () => network.body.edgeIndices.length,
  });
  showRange();
  apply();
  const hash = new URLSearchParams(location.hash.slice(1));  // deep link: explorer.html#node=ID&depth=1
  if (hash.get("node") && data.nodes[hash.get("node")]) {
    selectNode(hash.get("node"));
    if (+hash.get("depth") > 0) setFocus(hash.get("node"), Math.min(2, +hash.get("depth")));
  } else if (data.focus && data.nodes[data.focus]) {
    state.selected = data.focus;
    network.selectNodes([data.focus]);
    showNode(data.focus);
  }
})();
