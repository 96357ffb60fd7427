"""Red team, cause 7: hostile input never gives a traceback.

Each payload goes through the command line as a user would type it (a subprocess, so
that bytes of arguments and the real stdout encoding are what Python gets). The win
condition of the attacker is a Python traceback (or a command that stops the rest of the
work): each test asserts the designed exit code, a sentence naming the problem, no
"Traceback" anywhere, and that the other records of the same input were still processed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "fine-tuning-examples" / "training"
CONTENT = ROOT / "content"


def cli(*args: str | bytes, cwd: Path | None = None, env: dict | None = None
        ) -> subprocess.CompletedProcess:
    """`debugex ARGS`; stdout and stderr decoded leniently (the test reads, never fails)."""
    done = subprocess.run([sys.executable, "-m", "debugex.cli", *args], cwd=cwd,
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    done.stdout = done.stdout.decode("utf-8", "replace")
    done.stderr = done.stderr.decode("utf-8", "replace")
    return done


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stdout + done.stderr, done.stderr[-3000:]


def example(number: int) -> tuple[str, str]:
    return ((EXAMPLES / "user_content" / f"example_{number}_user.xml").read_text("utf-8"),
            (EXAMPLES / "assistant_content" / f"example_{number}_assistant.xml")
            .read_text("utf-8"))


def chat(user: str, assistant: str) -> dict:
    return {"messages": [{"role": "user", "content": user},
                         {"role": "assistant", "content": assistant}]}


def write_jsonl(path: Path, rows: list) -> Path:
    # ensure_ascii (the default) writes a lone surrogate as the escape "\ud800"
    path.write_text("".join(r if isinstance(r, str) else json.dumps(r) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def audit_json(done: subprocess.CompletedProcess) -> dict:
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def defects(record: dict) -> str:
    return " | ".join(f"{d['kind']}: {d['detail']}" for d in record["defects"])


def with_program(text: str, tag: str, program: str) -> str:
    return re.sub(f"<{tag}>.*</{tag}>", lambda _: f"<{tag}>\n{program}</{tag}>", text,
                  flags=re.S)


# -- 1. lone surrogates --------------------------------------------------------------

def test_lone_surrogates_in_a_jsonl_file_are_a_defect_of_their_record(tmp_path):
    user, assistant = example(50)
    good = chat(*example(51))
    escaped = chat(user, assistant.replace("<explanation>\n", "<explanation>\n\ud800 "))
    draft = {"id": "draft-\ud800", "exercise": "x\udcff", "user_xml": user,
             "assistant_xml": assistant.replace("return len(seq)", "return len(seq)  # \ud800")}
    raw = json.dumps(good).encode().replace(b"sequence", b"sequ\xff\xfence", 1) + b"\n"
    path = write_jsonl(tmp_path / "hostile.jsonl", [escaped, draft, good])
    with open(path, "ab") as handle:
        handle.write(raw)  # bytes that are not UTF-8: read as U+FFFD

    data = audit_json(cli("audit", str(path), "--json", "--workers", "1"))
    records = data["records"]
    assert len(records) == 4
    for record in records[:2]:
        assert "lone surrogate (U+D800" in defects(record)
    assert records[2]["defects"] == [] and records[2]["claims"]  # the others still graded
    assert records[3]["claims"]
    # The same as text: each record's sentence, the summary line, exit 0.
    text = cli("audit", str(path), "--workers", "1")
    no_traceback(text)
    assert text.returncode == 0
    assert "holds a lone surrogate (U+D800, an escape that is not a character)" in text.stdout
    assert "records: 4" in text.stdout


def test_lone_surrogates_in_requests_and_responses(tmp_path):
    (user, assistant), (user2, assistant2) = example(50), example(51)
    requests = write_jsonl(tmp_path / "requests.jsonl",
                           [{"user": user.replace("Write", "\udcffWrite")}, {"user": user2}])
    responses = write_jsonl(tmp_path / "responses.jsonl",
                            [{"response": assistant}, {"response": assistant2 + "\ud800"}])
    data = audit_json(cli("audit", "--requests", str(requests), "--responses", str(responses),
                          "--json", "--workers", "1"))
    first, second = data["records"]
    assert "lone surrogate (U+DCFF" in defects(first)
    assert "lone surrogate (U+D800" in defects(second)
    assert first["claims"] and second["claims"]  # both still graded


def _batch(folder: Path, drafts: list[dict]) -> Path:
    folder.mkdir()
    (folder / "batch.json").write_text('{"seed": 0}', encoding="utf-8")
    write_jsonl(folder / "drafts.jsonl", drafts)
    write_jsonl(folder / "decisions.jsonl", [
        {"draft": d["id"], "decision": "accepted", "note": "", "time": "2026-01-01T00:00:00Z"}
        for d in drafts])
    return folder


def _draft(draft_id: str, user: str, assistant: str) -> dict:
    return {"id": draft_id, "exercise": "search_insert_position",
            "request": {"syntax": 0, "runtime": 0, "logical": 1},
            "user_xml": user, "assistant_xml": assistant, "errors": []}


@pytest.mark.parametrize("fmt", ["coderunner", "jupyter"])
def test_lone_surrogates_in_a_batch_exported_for_teachers(tmp_path, fmt):
    user, assistant = example(50)
    batch = _batch(tmp_path / "batch", [
        _draft("words", user.replace("Write", "\udcffWrite"),
               assistant.replace("<explanation>\n", "<explanation>\n\ud800")),
        _draft("program", user, assistant.replace("return len(seq)", "return len(seq)  # \ud800")),
    ])
    done = cli("export", "--format", fmt, "--batch", str(batch), "--out", str(tmp_path / "out"),
               "--content", str(CONTENT))
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert "exported 2 " in done.stdout  # a batch's drafts are read with U+FFFD for them
    written = "".join(p.read_bytes().decode("utf-8")  # valid UTF-8
                      for p in (tmp_path / "out").iterdir())
    assert "\ufffd" in written or "\\ufffd" in written


def test_a_review_note_that_is_not_utf8(tmp_path):
    user, assistant = example(50)
    batch = _batch(tmp_path / "batch", [_draft("one", user, assistant),
                                        _draft("two", *example(51))])
    # bash's $'\xed\xa0\x80' (an encoded surrogate) and a Latin-1 byte, as raw argv bytes
    done = cli("review", str(batch), "--reject", "one", "--note", b"bad \xed\xa0\x80 \xff ok")
    no_traceback(done)
    assert done.returncode == 0
    assert "the note is not valid UTF-8" in done.stderr
    last = json.loads((batch / "decisions.jsonl").read_bytes().decode("utf-8")
                      .splitlines()[-1])
    assert last["draft"] == "one" and last["decision"] == "rejected"
    assert last["note"].startswith("bad \ufffd") and last["note"].endswith(" ok")
    listed = cli("review", str(batch), "--list", "--json")
    no_traceback(listed)
    assert [d["decision"] for d in json.loads(listed.stdout)["drafts"]] == \
        ["rejected", "accepted"]


def test_a_draft_id_with_a_surrogate_can_be_reviewed_and_paged(tmp_path):
    user, assistant = example(50)
    batch = _batch(tmp_path / "batch", [_draft("x\ud800", user, assistant),
                                        _draft("two", *example(51))])
    for args in (["--html"], ["--accept", "all"], ["--list"]):
        done = cli("review", str(batch), *args)
        no_traceback(done)
        assert done.returncode == 0, (args, done.stderr)
    assert "x\ufffd" in (batch / "decisions.jsonl").read_text("utf-8")


# -- 2. programs nested too deeply ----------------------------------------------------

SUM_1000 = "x = " + " + ".join(["1"] * 1000) + "\nprint(x)\n"
SUM_200K = "x = " + " + ".join(["1"] * 200_000) + "\nprint(x)\n"
BRACKETS_1000 = "x = " + "(" * 1000 + "1" + ")" * 1000 + "\nprint(x)\n"
TOO_DEEP = "is nested too deeply for debugex to read (limit 100)"


def test_deep_programs_are_a_defect_of_their_record_in_the_audit(tmp_path):
    user, assistant = example(50)
    rows = [
        chat(with_program(user, "correct-program", SUM_1000),
             with_program(assistant, "incorrect-program", SUM_1000.replace("(x)", "(x + 1)"))),
        chat(user, with_program(assistant, "incorrect-program", SUM_1000)),
        chat(with_program(user, "correct-program", BRACKETS_1000), assistant),
        chat(with_program(user, "correct-program", SUM_200K), assistant),
        chat(*example(51)),
    ]
    data = audit_json(cli("audit", str(write_jsonl(tmp_path / "deep.jsonl", rows)),
                          "--json", "--workers", "1"))
    records = data["records"]
    assert f"unparseable_request: the correct program {TOO_DEEP}" in defects(records[0])
    assert f"unparseable_response: the incorrect program {TOO_DEEP}" in defects(records[1])
    assert f"the correct program {TOO_DEEP}" in defects(records[2])
    assert f"the correct program {TOO_DEEP}" in defects(records[3])
    assert records[4]["defects"] == [] and records[4]["claims"]


@pytest.mark.parametrize("program", [SUM_1000, SUM_200K, BRACKETS_1000],
                         ids=["sum-1000", "sum-200000", "brackets-1000"])
def test_inject_refuses_a_deep_program_with_a_sentence(tmp_path, program):
    path = tmp_path / "deep.py"
    path.write_text(program, encoding="utf-8")
    done = cli("inject", str(path), "--runtime", "1", "--workers", "1")
    no_traceback(done)
    assert done.returncode == 1
    assert f"debugex inject: deep: the program {TOO_DEEP}" in done.stderr


def test_a_program_just_under_the_limit_is_still_injected(tmp_path):
    path = tmp_path / "edge.py"
    path.write_text("def total(a):\n    return " + " + ".join(["a"] * 90)
                    + "\n\n\nvalue = int(input('Number: '))\nprint('Total:', total(value))\n",
                    encoding="utf-8")
    done = cli("inject", str(path), "--runtime", "1", "--workers", "1")
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert "<incorrect-program>" in done.stdout


def test_check_fails_a_deep_exercise_and_checks_the_others(tmp_path):
    content = tmp_path / "content"
    deep = content / "deep"
    deep.mkdir(parents=True)
    (deep / "correct.py").write_text(SUM_1000, encoding="utf-8")
    (deep / "description.txt").write_text("Print a sum.\n", encoding="utf-8")
    good = content / "acronym_maker"
    good.mkdir()
    for name in ("correct.py", "description.txt", "scenarios.toml"):
        (good / name).write_bytes((CONTENT / "acronym_maker" / name).read_bytes())
    done = cli("check", "--content", str(content), "--workers", "1")
    no_traceback(done)
    assert done.returncode == 1
    assert f"FAIL deep: the correct program {TOO_DEEP}" in done.stdout
    assert "1 passed, 1 failed" in done.stdout


# -- 3. control characters in CodeRunner ----------------------------------------------

def test_coderunner_export_with_control_characters(tmp_path):
    lxml = pytest.importorskip("lxml.etree")
    (user, assistant), (user2, assistant2) = example(50), example(51)
    colour = 'print("\\x1b[31mready\\x1b[0m\\a\\x00")\n'  # escapes: the source is plain text
    batch = _batch(tmp_path / "batch", [
        _draft("ansi", user.replace("</correct-program>", colour + "</correct-program>"),
               assistant.replace("</incorrect-program>", colour + "</incorrect-program>")),
        _draft("words", user2.replace("Write", "\x1b[1mWrite\x1b[0m \x07\x00\x0c"),
               assistant2.replace("<explanation>\n", "<explanation>\n\x1b[31m")),
    ])
    out = tmp_path / "out"
    done = cli("export", "--format", "coderunner", "--batch", str(batch), "--out", str(out),
               "--content", str(CONTENT))
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    # a program that prints control characters is exported with them shown as escapes
    # (the question's template prints them so), never a character XML cannot hold
    assert "exported 2 questions" in done.stdout
    tree = lxml.parse(str(out / "coderunner.xml"))  # well-formed XML
    ansi, question = tree.findall("question[@type='coderunner']")
    assert ansi.findtext("name/text").endswith("ansi")
    assert ansi.findtext("testcases/testcase/expected/text").startswith(
        "\\x1b[31mready\\x1b[0m\\x07\\x00\n")
    assert question.findtext("name/text").endswith("words")
    assert "\u241b[1mWrite\u241b[0m \u2407\u2400\u240c" in question.findtext("questiontext/text")
    assert question.findtext("answer") == re.search(
        "<correct-program>\n(.*)</correct-program>", user2, re.S).group(1)


# -- 4. a hostile proof cache ----------------------------------------------------------

def test_cache_info_and_prune_on_a_hostile_cache(tmp_path):
    cache, outside = tmp_path / "cache", tmp_path / "outside"
    cache.mkdir()
    outside.mkdir()
    secret = outside / "secret.jsonl"
    secret.write_text("not the cache's\n", encoding="utf-8")
    (cache / "loop1.jsonl").symlink_to("loop2.jsonl")
    (cache / "loop2.jsonl").symlink_to("loop1.jsonl")
    (cache / "out.jsonl").symlink_to(secret)
    (cache / "outdir.json").symlink_to(outside)
    (cache / "folder.jsonl").mkdir()
    (cache / "good.verdicts1.jsonl").write_text('{"a": 1}\n{"b": 2}\n', encoding="utf-8")
    (cache / "binary.states1.jsonl").write_bytes(b"\xff\xfe\x00 not UTF-8\n")
    with open(cache / "huge.states1.jsonl", "wb") as handle:
        handle.truncate(200 * 1024**2)  # one 200 MB line (sparse: quick to make)
    (cache / "last-run.json").write_text("[" * 100_000, encoding="utf-8")
    env = {"DEBUGEX_CACHE": str(cache)}

    done = cli("cache", "info", env=env)
    no_traceback(done)
    assert done.returncode == 0
    assert "200.0 MB in 3 files, 4 entries" in done.stdout
    for name in ("loop1.jsonl", "loop2.jsonl", "out.jsonl", "outdir.json"):
        assert f"passed over {name}: a symbolic link (never followed)" in done.stderr
    assert "passed over folder.jsonl: not a regular file" in done.stderr
    assert "passed over last-run.json: ignored: the JSON is nested too deeply" in done.stderr
    as_json = cli("cache", "info", "--json", env=env)
    no_traceback(as_json)
    assert json.loads(as_json.stdout)["files"] == 3

    pruned = cli("cache", "prune", "--max-size", "0", env=env)
    no_traceback(pruned)
    assert pruned.returncode == 0
    assert "removed 3 files" in pruned.stdout
    assert secret.read_text("utf-8") == "not the cache's\n"  # nothing outside touched
    assert sorted(p.name for p in outside.iterdir()) == ["secret.jsonl"]
    assert (cache / "out.jsonl").is_symlink()  # links are passed over, not removed


@pytest.mark.parametrize("last_run", ['[1, 2]', '{"lookups": [1]}',
                                      '{"lookups": {"sites hit": 1}, "hit_rate": "x"}',
                                      "\xff"], ids=["array", "lookups", "rate", "bytes"])
def test_cache_info_with_a_last_run_not_as_written(tmp_path, last_run):
    (tmp_path / "last-run.json").write_bytes(last_run.encode("latin-1"))
    done = cli("cache", "info", env={"DEBUGEX_CACHE": str(tmp_path)})
    no_traceback(done)
    assert done.returncode == 0
    assert "last run: none recorded" in done.stdout
    assert "passed over last-run.json: ignored:" in done.stderr


# -- 5. hostile files where a JSONL file is expected -----------------------------------

def test_hostile_jsonl_files(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    done = cli("audit", str(empty))
    no_traceback(done)
    assert done.returncode == 2 and "no records to audit" in done.stderr

    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    done = cli("audit", str(folder))
    no_traceback(done)
    assert done.returncode == 2 and "no training/ or testing/ folder" in done.stderr

    good = json.dumps(chat(*example(51))) + "\n"
    rows = [(bytes(range(10)) + bytes(range(128, 256))) * 50 + b"\n",  # binary
            ("[" * 100_000 + "]" * 100_000 + "\n").encode(),  # JSON nested 100000 deep
            ('{"messages": [{"role": "user", "content": "' + "x" * 50_000_000
             + '"}]}\n').encode(),  # one 50 MB line
            good.encode()]
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_bytes(b"".join(rows))
    data = audit_json(cli("audit", str(hostile), "--json", "--workers", "1"))
    records = data["records"]
    assert len(records) == 4
    assert "invalid JSON" in defects(records[0])
    assert "the JSON is nested too deeply for debugex to read (limit 100)" in defects(records[1])
    assert records[2]["defects"]  # read, and graded as a message without its tags
    assert records[3]["defects"] == [] and records[3]["claims"]


def test_scenarios_nested_too_deeply_and_a_system_prompt_not_utf8(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    program = tmp_path / "program.py"
    program.write_text("print(int(input()) + 1)\n", encoding="utf-8")
    done = cli("inject", str(program), "--scenarios", str(deep), "--runtime", "1")
    no_traceback(done)
    assert done.returncode == 2 and "deep.toml: nested too deeply" in done.stderr

    prompt = tmp_path / "prompt.txt"
    prompt.write_bytes(b"\xff\xfe system")
    done = cli("export", "--system-prompt", str(prompt), "--out", str(tmp_path / "out"))
    no_traceback(done)
    assert done.returncode == 2 and "cannot be read (it is not UTF-8 text)" in done.stderr
