"""The CLI: every command has --help with an example; build, stats, --strict, errors with hints."""

import click
import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main

from conftest import SAMPLE


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


@pytest.mark.parametrize("path", list(_commands(main)), ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(path):
    res = CliRunner().invoke(main, list(path) + ["--help"])
    assert res.exit_code == 0, res.output
    assert "Example" in res.output and "kg " in res.output


def test_version():
    res = CliRunner().invoke(main, ["--version"])
    assert __version__ in res.output


def test_build_and_stats(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path), "--export", "json", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "245 papers" in res.output and "graph.json" in res.output
    res = runner.invoke(main, ["stats", str(tmp_path)])
    assert res.exit_code == 0 and "Paper" in res.output and "compares-to" in res.output


def test_export_takes_a_comma_separated_list(tmp_path):
    res = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path), "--export", "json,nt", "-j", "1", "-q"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "graph.json").exists() and (tmp_path / "graph.nt").exists()


def test_unknown_export_fails_before_any_work(tmp_path):
    res = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path / "o"), "--export", "json,pdf"])
    assert res.exit_code == 1 and "pdf" in res.output and "Hint" in res.output
    assert "papers" not in res.output and not (tmp_path / "o").exists()


def test_strict_fails_on_skips(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "a.jsonl").write_text('{"title": "T", "abstract": "An abstract."}\nnot json\n')
    runner = CliRunner()
    ok = runner.invoke(main, ["build", str(bad), "-o", str(tmp_path / "o1"), "--export", "json"])
    assert ok.exit_code == 0 and "a.jsonl:2" in ok.output
    strict = runner.invoke(main, ["build", str(bad), "-o", str(tmp_path / "o2"), "--export", "json", "--strict"])
    assert strict.exit_code == 1 and "Hint" in strict.output


def test_error_has_hint_not_traceback(tmp_path):
    res = CliRunner().invoke(main, ["stats", str(tmp_path)])
    assert res.exit_code == 1 and "Hint" in res.output and "Traceback" not in res.output


def test_importing_kg_stays_light():
    import subprocess, sys
    code = "import kg, kg.cli, kg.graph, kg.build, sys; print(sorted(m for m in ('neo4j','pyvis','pyshacl','rdflib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("strict", [False, True])
def test_console_script_build_ends_at_once_with_everything_written(tmp_path, strict):
    """``run`` (the console script) ends a finished build with os._exit: output flushed, files complete."""
    import json
    import subprocess
    import sys

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "A paper", "abstract": "We propose FooNet."}\nnot json\n')
    inputs = [str(SAMPLE)] + ([str(bad)] if strict else [])
    code = "import sys; from kg.cli import run; sys.argv = ['kg'] + sys.argv[1:]; run()"
    r = subprocess.run([sys.executable, "-c", code, "build", *inputs, "-o", str(tmp_path / "out"), "--export", "json",
                        *(["--strict"] if strict else [])], capture_output=True, text=True, timeout=300)
    if strict:  # an error still exits through click, with its message
        assert r.returncode == 1 and "--strict" in r.stderr
    else:
        assert r.returncode == 0 and "wrote:" in r.stdout and r.stdout.endswith("graph.json\n"), r.stdout + r.stderr
        assert json.loads((tmp_path / "out" / "graph.json").read_text())["nodes"]
