"""Red team, cause 1: nothing read from disk is ever executed or believed.

A crafted entry in a shared proof cache, or a crafted batch, must neither run code in the
debugex process nor put its words into a draft: each payload below is the red team's, and
its win condition (a marker file written, a forged output quoted) is asserted false.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import debugex
from debugex.engine import sealing
from debugex.text.evidence import output_lines

PACKAGE = Path(debugex.__file__).resolve().parent
# The only places that may call eval/exec: the sandbox's runner, inside the confined child
# (it runs the program under test), and the check cell debugex writes into a notebook
# (plain Python that runs in the student's own kernel, never in debugex).
MAY_RUN_CODE = {PACKAGE / "sandbox" / "harness" / "runner.py",
                PACKAGE / "exports" / "notebook_check.py"}
FORBIDDEN_CALLS = {"eval", "exec"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}


def _calls_and_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in FORBIDDEN_CALLS:
            found.append(f"{path.name}:{node.lineno} calls {node.func.id}()")
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            if name.split(".")[0] in FORBIDDEN_MODULES:
                found.append(f"{path.name}:{node.lineno} imports {name}")
    return found


def test_no_eval_exec_or_pickle_in_the_package():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path not in MAY_RUN_CODE:
            found += _calls_and_imports(path)
    assert found == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import pickle\nx = eval('1')\nexec('y = 2')\n")
    assert len(_calls_and_imports(sample)) == 3


FSTRING_PAYLOAD = ("output line 1: expected f'{__import__(\"os\").system(\"touch {marker}\")}', "
                   "got 'x'")


def test_a_stored_difference_is_never_evaluated(tmp_path):
    marker = tmp_path / "pwned"
    for text in (FSTRING_PAYLOAD.replace("{marker}", str(marker)),
                 f"output line 1: expected ('a' if open({str(marker)!r}, 'w') else 'b'), "
                 "got 'x'",
                 "output line 1: expected b'bytes', got 'x'"):
        assert output_lines(text) is None
    assert not marker.exists()
    assert output_lines("output line 2: expected 'total: 6', got 'total: 5'") == (
        "total: 6", "total: 5")


def _inject(cache: Path, config: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUGEX_CACHE": str(cache), "XDG_CONFIG_HOME": str(config)}
    return subprocess.run(
        [sys.executable, "-m", "debugex.cli", "inject", "--exercise", "bmi_report",
         "--logical", "2", "--runtime", "1", "--seed", "1", "--json", *extra],
        capture_output=True, text=True, env=env, timeout=300)


def _forge(cache: Path, marker: Path, seal_with: Path | None) -> int:
    """Rewrite every cached verdict to claim the program prints "x" and to carry the
    f-string payload; seal the lines with another user's key, or not at all."""
    payload = FSTRING_PAYLOAD.replace("{marker}", str(marker))
    forged = 0
    for path in cache.glob("*.jsonl"):
        lines = []
        for line in path.read_text().splitlines():
            digest, entry = json.loads(line.partition(" ")[2])
            verdict = entry.get("verdict", entry)
            if "status" in verdict:
                verdict.update(status="logical", difference=payload, scenario="s")
                forged += 1
            lines.append(json.dumps([digest, entry]))
        if seal_with:
            lines = _sealed_by(seal_with, lines)
        path.write_text("\n".join(lines) + "\n")
    for path in cache.glob("*.json"):
        mac, _, body = path.read_text().partition("\n")
        data = json.loads(body)
        for verdict in data.get("verdicts", ()):  # the other kinds (sites, prepared
            verdict.update(status="logical", difference=payload, scenario="s")
        data["unknown_field"] = 1  # exercises) are forged by a field no schema has
        text = json.dumps(data)
        path.write_text(f"{mac}\n{text}")
    return forged


def _sealed_by(config: Path, texts: list[str]) -> list[str]:
    """The lines sealed with the key of the user whose config folder is `config` (one
    process for all of them: a process per line made this test take minutes)."""
    code = ("import json, sys; from debugex.engine import sealing; "
            "print(json.dumps([sealing.sealed_line(t) for t in json.load(sys.stdin)]))")
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts),
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "XDG_CONFIG_HOME": str(config)})
    return json.loads(done.stdout)


@pytest.mark.parametrize("how", ["unsealed", "another user's key"])
def test_a_forged_shared_cache_runs_nothing_and_is_not_believed(tmp_path, how):
    cache, me, other = tmp_path / "cache", tmp_path / "me", tmp_path / "other"
    marker = tmp_path / "pwned"
    first = _inject(cache, me)
    assert first.returncode == 0, first.stderr
    assert _forge(cache, marker, other if how != "unsealed" else None) > 0
    again = _inject(cache, me)
    assert not marker.exists()
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    # The forged verdicts were ignored and proven again: the same draft, byte for byte.
    assert json.loads(again.stdout) == json.loads(first.stdout)


def test_my_own_entries_are_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "me"))
    sealing.cache_key.cache_clear()
    try:
        line = sealing.sealed_line('["a", {"readable": true}]')
        assert sealing.open_line(line) == '["a", {"readable": true}]'
        assert sealing.open_line(line.replace("true", "false")) is None
        key_file = sealing.key_path()
        assert key_file.stat().st_mode & 0o777 == 0o600
        # A key that others may read is not a private key: not used.
        key_file.chmod(0o644)
        sealing.cache_key.cache_clear()
        assert sealing.open_line(line) is None
    finally:
        sealing.cache_key.cache_clear()


def test_a_crafted_batch_is_shown_as_stored_never_run(tmp_path):
    from debugex.engine import restyle

    marker = tmp_path / "pwned"
    first = _inject(tmp_path / "cache", tmp_path / "me")
    record = json.loads(first.stdout)
    draft = {"user_xml": record["user_xml"], "assistant_xml": record["assistant_xml"],
             "errors": record["errors"], "seed": 1}
    payload = FSTRING_PAYLOAD.replace("{marker}", str(marker))
    for error in draft["errors"]:
        error.setdefault("evidence", {})["difference"] = payload
        error["evidence"]["status"] = "logical"
    restyled = restyle(draft, "teacher")
    assert not marker.exists()
    assert "__import__" not in restyled
    draft["errors"][0]["edit"]["start"] = "0; import os"
    assert restyle(draft, "teacher") == draft["assistant_xml"]
