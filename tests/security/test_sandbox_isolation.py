"""The sandbox is a boundary: what a hostile program tries, and what it must never get.

Every payload runs through the Python API and through `debugex audit --requests/--responses`
(the command a researcher runs on model output downloaded from anywhere). For each: no
secret in any output, no file written outside the scratch folder, no code run in the
parent, the parent still answers, no process left behind, and an honest program run after
it gets exactly the outcome it gets alone.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from procs import processes

from debugex.formats.messages import (
    AssistantMessage,
    Request,
    UserMessage,
    render_assistant,
    render_user,
)
from debugex.sandbox import Job, Sandbox
from debugex.sandbox.harness import wire

SECRET_NAME = "DEBUGEX_TEST_SECRET"
SECRET = "s3cr3t-" + uuid.uuid4().hex
MARKER = Path("/tmp") / f"debugex-escape-{uuid.uuid4().hex}"
REAL_OS = ("real_os = [c for c in ().__class__.__base__.__subclasses__()\n"
           "           if c.__name__ == '_wrap_close'][0].__init__.__globals__['sys'].modules['os']\n")


class _Escape:
    """Unpickling this runs code: it is what a pickle frame from a program would carry."""

    def __reduce__(self):
        return (os.system, (f"touch {MARKER}",))


PICKLE = pickle.dumps(("done", 1, [_Escape()]))
# Outcome frames as a zygote sends them, claiming the neighbour's run (index 1) under
# any chunk id the pool may have given: a program must not answer for another job.
FORGED = [wire.outcome_tag(chunk, 1)
          + b'["finished","forged",null,null,"",null,null,0,[]]' for chunk in range(1, 17)]

# name -> program. Each tries one way out that the issue found open.
PAYLOADS = {
    "secret_via_len_self": f"print(len.__self__.__import__('os').environ.get('{SECRET_NAME}'))\n",
    "secret_via_random_os": f"import random\nprint(random._os.environ.get('{SECRET_NAME}'))\n",
    "secret_via_expandvars": f"import os\nprint(os.path.expandvars('${SECRET_NAME}'))\n",
    "secret_via_loader": ("import random\n"
                          "print(random.__loader__.get_data('/proc/1/environ'))\n"),
    "secret_via_frames": ("try:\n    1 / 0\nexcept ZeroDivisionError as e:\n"
                          "    f = e.__traceback__.tb_frame\n"
                          "    while f is not None:\n"
                          "        print(sorted(f.f_globals)[:50])\n"
                          f"        print(f.f_globals.get('os', f).__dict__.get('environ', {{}}).get('{SECRET_NAME}'))\n"
                          "        f = f.f_back\n"),
    "secret_via_subclasses": (
        "bi = [c for c in ().__class__.__base__.__subclasses__()\n"
        "      if c.__name__ == 'BuiltinImporter'][0]\n"
        "posix = bi.load_module('posix')\n"
        f"print(posix.environ.get(b'{SECRET_NAME}'))\n"
        "print(open('/proc/self/environ', 'rb').read())\n"),
    "read_files_outside": REAL_OS + (
        "for p in ('/etc/passwd', '/proc/1/cmdline', os.path.expanduser('~/.bash_history')):\n"
        "    try:\n        print(real_os.open(p, 0))\n    except OSError as e:\n        print(type(e).__name__)\n"
        ).replace("os.path.expanduser", "real_os.path.expanduser"),
    "write_outside": REAL_OS + f"real_os.close(real_os.open('{MARKER}', real_os.O_CREAT | real_os.O_WRONLY))\n",
    "opener_descriptors": (
        f"frames = [{PICKLE!r}, *{FORGED!r}]\n"
        "for fd in range(0, 64):\n"
        "    for data in frames:\n"
        "        try:\n"
        "            with open('x', 'wb', opener=lambda path, flags: fd) as handle:\n"
        "                handle.write(len(data).to_bytes(4, 'big') + data)\n"
        "        except Exception:\n"
        "            pass\n"
        "print('done')\n"),
    "kill_parent": REAL_OS + "real_os.kill(real_os.getppid(), 9)\nprint('alive')\n",
    "kill_everyone": REAL_OS + "real_os.kill(-1, 9)\n",
    "new_session_leftover": REAL_OS + (
        "sp = real_os.__dict__\n"
        "pid = real_os.fork()\n"
        "if pid == 0:\n    real_os.setsid()\n    import time\n    while True: pass\n"),
    "exec_a_shell": REAL_OS + "real_os.execv('/bin/sh', ['sh', '-c', 'touch " + str(MARKER) + "'])\n",
    "socket": ("socket = len.__self__.__import__('socket')\n"
               "print(socket.socket(socket.AF_INET, socket.SOCK_STREAM))\n"),
    "raise_limits": ("r = [c for c in ().__class__.__base__.__subclasses__()\n"
                     "     if c.__name__ == 'BuiltinImporter'][0].load_module('posix')\n"
                     "import_res = __import__\n"
                     + REAL_OS +
                     "res = real_os.sys.modules.get('resource')\n"
                     "res.setrlimit(res.RLIMIT_CPU, (1000, 1000))\n"),
    "atexit_hook": ("ax = [c for c in ().__class__.__base__.__subclasses__()\n"
                    "      if c.__name__ == 'BuiltinImporter'][0].load_module('atexit')\n"
                    f"ax.register(lambda: open('{MARKER}', 'w'))\nprint('registered')\n"),
    "thread_ghost": ("t = [c for c in ().__class__.__base__.__subclasses__()\n"
                     "     if c.__name__ == 'BuiltinImporter'][0].load_module('_thread')\n"
                     "def ghost():\n    while True:\n        print('boo')\n"
                     "t.start_new_thread(ghost, ())\nprint('started')\n"),
    "finalizer": ("class Late:\n    def __del__(self):\n        print('late')\n"
                  "keep = Late()\nkeep.me = keep\n"),
    "module_state": ("import decimal, calendar, re, json, statistics, random\n"
                     "decimal.getcontext().prec = 3\ncalendar.setfirstweekday(6)\n"
                     "re.compile('a+')\njson.encoder.FLOAT_REPR = lambda f: 'x'\n"
                     "random.Random = None\nstatistics.mean = lambda xs: 0\n" + REAL_OS +
                     "real_os.sys.set_int_max_str_digits(0)\n"
                     "real_os.sys.setprofile(lambda *a: None)\n"
                     "print(decimal.Decimal(1) / 3)\n"),
    "huge_expression": "x = " + " + ".join(["1"] * 200_000) + "\nprint(x)\n",
}

# The honest program: reads all the module state the payloads try to change.
HONEST = ("import decimal, calendar, json, statistics, random, time, datetime\n"
          "class Point:\n    pass\n"
          "print(decimal.Decimal(1) / 3, calendar.firstweekday(), json.dumps(0.5))\n"
          "print(statistics.mean([1, 2, 4]), random.Random().random(), random.random())\n"
          "print(time.time(), time.monotonic(), time.perf_counter(), time.thread_time())\n"
          "print(time.clock_gettime(0), datetime.datetime.now(), datetime.date.today())\n"
          "print(datetime.datetime.utcnow(), Point(), int('9' * 4000) % 7)\n"
          "print(input('n? '))\n")


@pytest.fixture(scope="module")
def secret_env():
    os.environ[SECRET_NAME] = SECRET
    yield
    os.environ.pop(SECRET_NAME, None)


def _session_members(sid: int) -> list[int]:
    return [pid for pid, fields in processes() if int(fields[3]) == sid]


def test_the_kernel_layers_hold_here():
    with Sandbox(workers=1) as sandbox:
        sandbox.run("print(1)\n")
        assert sandbox.layers == {"seccomp": True, "landlock": True, "rlimits": True,
                                  "no_new_privs": True, "signal scope": True,
                                  "unprivileged": True}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_gets_nothing_through_the_api(secret_env, name):
    with Sandbox(workers=1) as sandbox:
        alone = sandbox.run(HONEST, ["7"])
        zygotes = sandbox.worker_pids()
        hostile = sandbox.run_many([Job(PAYLOADS[name], timeout=1.0)] * 2)
        after = sandbox.run(HONEST, ["7"])
        sessions = [pid for z in zygotes for pid in _session_members(z)]
    text = json.dumps([o.to_dict() for o in hostile])
    assert SECRET not in text
    assert not MARKER.exists(), "a file was written outside the scratch folder"
    assert "forged" not in text
    assert alone.kind == "finished" and after == alone
    assert hostile[0] == hostile[1], "the same program gave two outcomes"
    assert not [pid for pid in sessions if Path(f"/proc/{pid}").exists()], "a process was left"


def test_honest_state_is_the_same_in_every_pool():
    with Sandbox(workers=1) as one, Sandbox(workers=2) as two:
        first = one.run(HONEST, ["7"])
        assert {two.run(HONEST, ["7"]) for _ in range(4)} == {first}
    assert "object at 0x...>" in first.stdout
    assert "0.333333" in first.stdout and "2024-03-15 10:30:00" in first.stdout


def test_specific_payload_outcomes():
    with Sandbox(workers=1) as sandbox:
        outcomes = {name: sandbox.run(PAYLOADS[name], timeout=1.0) for name in
                    ("huge_expression", "kill_parent", "exec_a_shell", "socket",
                     "new_session_leftover", "thread_ghost", "finalizer", "atexit_hook")}
    assert outcomes["huge_expression"].kind == "syntax_error"
    assert outcomes["kill_parent"].exc_class == "PermissionError"
    assert outcomes["exec_a_shell"].exc_class == "PermissionError"
    assert outcomes["socket"].exc_class == "PermissionError"
    assert outcomes["new_session_leftover"].exc_class == "PermissionError"
    assert outcomes["thread_ghost"].stdout.startswith("started")
    assert "late" not in outcomes["finalizer"].stdout
    assert outcomes["atexit_hook"].stdout == "registered\n"


def test_a_program_cannot_answer_for_another_job():
    """A child writes its run's whole outcome frame, tagged with its chunk and index: a
    frame with another job's tag makes that run's own outcome "tampered", and the other
    jobs still get the outcomes they get alone."""
    claims = [wire.outcome_tag(chunk, index)
              + b'["finished","forged",null,null,"",null,null,0,[]]'
              for chunk in range(1, 17) for index in (1, 2)]
    forger = REAL_OS + (
        f"for data in {claims!r}:\n"
        "    frame = len(data).to_bytes(4, 'big') + data\n"
        "    for fd in range(3, 64):\n"
        "        try:\n"
        "            real_os.write(fd, frame)\n"
        "        except OSError:\n"
        "            pass\n"
        "print('done')\n")
    with Sandbox(workers=1, chunk_size=3) as sandbox:
        alone = sandbox.run(HONEST, ["7"])
        outcomes = sandbox.run_many([Job(forger), Job(HONEST, ("7",)), Job(HONEST, ("7",))])
    assert outcomes[1] == outcomes[2] == alone
    assert outcomes[0].kind == "limit_exceeded"
    assert outcomes[0].reason == "the program tampered with the sandbox's reply"


def test_a_program_that_waits_without_computing_is_ended_by_its_zygote():
    """No CPU time passes, so only the wall-clock deadline can end it: the zygote's own,
    not the pool's backstop (which would replace the zygote)."""
    waiter = REAL_OS + "r, w = real_os.pipe()\nprint('waiting')\nreal_os.read(r, 1)\n"
    with Sandbox(workers=1) as sandbox:
        sandbox.run("print(1)\n")
        zygotes = sandbox.worker_pids()
        outcome = sandbox.run(waiter, timeout=0.5)
        after = sandbox.run("print(2)\n")
        assert sandbox.worker_pids() == zygotes
    assert outcome.kind == "timeout" and outcome.reason.startswith("wall-clock limit")
    assert after.stdout == "2\n"


def test_an_answer_is_not_held_back_behind_a_long_run():
    """The zygote sends answers in small batches, but never holds one while it starts a
    run that may outlast the pool's patience for the held answer's job (the pool would
    take the zygote for dead, and the quick job would lose its outcome)."""
    waiter = REAL_OS + "r, w = real_os.pipe()\nreal_os.read(r, 1)\n"
    with Sandbox(workers=1, chunk_size=2) as sandbox:
        sandbox.run("print(0)\n")
        zygotes = sandbox.worker_pids()
        quick, slow = sandbox.run_many([Job("print(1)\n", timeout=0.1),
                                        Job(waiter, timeout=3.5)])
        assert sandbox.worker_pids() == zygotes
    assert quick.stdout == "1\n" and slow.kind == "timeout"


def test_a_program_that_closes_its_reply_pipe_is_ended_at_once():
    """It cannot reply any more: the zygote ends it when the pipe closes, not when its
    time is up, and says why."""
    closer = REAL_OS + ("for fd in range(3, 64):\n    try:\n        real_os.close(fd)\n"
                        "    except OSError:\n        pass\n")
    with Sandbox(workers=1) as sandbox:
        outcomes = sandbox.run_many([Job(closer + "while True:\n    pass\n", timeout=30.0),
                                     Job(closer), Job("print(1)\n")])
    for outcome in outcomes[:2]:
        assert outcome.kind == "limit_exceeded"
        assert outcome.reason == "the program closed the sandbox's reply pipe"
    assert outcomes[2].stdout == "1\n"


def test_the_scratch_of_a_killed_sandbox_is_removed_by_the_next(tmp_path):
    """A process killed before it could close its sandbox leaves its scratch folder; the
    next sandbox of this user removes it (and never one whose process still runs)."""
    from debugex.sandbox.scratch import sweep_stale_scratch

    code = ("import os, sys\nfrom debugex.sandbox import Sandbox\n"
            "s = Sandbox(workers=1)\ns.run('print(1)')\n"
            "print(s._scratch_root, flush=True)\nos.kill(os.getpid(), 9)\n")
    env = dict(os.environ, TMPDIR=str(tmp_path))
    killed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env)
    left = Path(killed.stdout.strip())
    assert killed.returncode == -9 and left.is_dir() and left.parent == tmp_path
    mine = tmp_path / f"debugex-sandbox-{os.getpid()}-x"
    mine.mkdir()
    assert sweep_stale_scratch(str(tmp_path)) == 1
    assert not left.exists() and mine.is_dir()


def test_a_zygote_that_lies_is_replaced(monkeypatch):
    """Garbage from the process that runs programs is a verdict on one job, never a crash."""
    from debugex.sandbox import pool

    with Sandbox(workers=1) as sandbox:
        sandbox.run("print(1)\n")
        worker = sandbox._workers[0]
        os.write(worker.stdin, b"\xff\xff\xff\xff")  # a frame far over the cap
        outcomes = sandbox.run_many([Job("print(2)\n")] * 3)
        assert all(o.kind in ("finished", "limit_exceeded") for o in outcomes)
        assert sandbox.run("print(3)\n").stdout == "3\n"
    assert pool.SandboxError  # the module still imports its error type


def _audit_files(tmp_path: Path) -> tuple[Path, Path]:
    correct = 'n = int(input("n? "))\nprint(n + 1)\n'
    user = render_user(UserMessage("Add one to n.", correct, Request(0, 1, 0)))
    requests, responses = [], []
    for name in sorted(PAYLOADS):
        program = PAYLOADS[name]
        assistant = render_assistant(AssistantMessage(
            f"Trying {name}.", program, (1,), ("Line 1: a runtime error.",)))
        requests.append(json.dumps({"user": user}))
        responses.append(json.dumps({"response": assistant}))
    req, res = tmp_path / "requests.jsonl", tmp_path / "responses.jsonl"
    req.write_text("\n".join(requests) + "\n")
    res.write_text("\n".join(responses) + "\n")
    return req, res


def test_payloads_through_audit_of_model_output(tmp_path):
    req, res = _audit_files(tmp_path)
    env = dict(os.environ, **{SECRET_NAME: SECRET})
    before = sorted(os.listdir(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "debugex.cli", "audit", "--requests", str(req),
         "--responses", str(res), "--json", "--content", str(tmp_path / "none")],
        capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not MARKER.exists()
    assert sorted(os.listdir(tmp_path)) == before
    report = json.loads(result.stdout)
    assert report["summary"]["records"] == len(PAYLOADS)


FUNCTIONS = ("def add_item(items, x):\n    items.append(x)\n    return len(items)\n"
             "def halve(n):\n    print('halving', n)\n    return n / 0 if n == 0 else n / 2\n"
             "def spin():\n    while True:\n        pass\n")


def test_calls_are_run_after_the_top_level_with_fresh_arguments(sandbox):
    outcome = sandbox.run_many([Job(FUNCTIONS, calls=("add_item([], 1)", "add_item([], 2)",
                                                      "halve(8)"), trace_lines=True)])[0]
    assert outcome.kind == "finished", outcome
    assert outcome.returns == ("1", "1", "4.0")
    assert outcome.stdout == (">>> add_item([], 1)\n>>> add_item([], 2)\n>>> halve(8)\n"
                              "halving 8\n")
    assert {2, 3, 5, 6} <= outcome.lines_run  # lines reached through calls count


def test_a_call_that_raises_or_loops_ends_the_run(sandbox):
    raised, looped, huge = sandbox.run_many([
        Job(FUNCTIONS, calls=("halve(4)", "halve(0)", "halve(2)")),
        Job(FUNCTIONS, calls=("spin()",), timeout=0.5),
        Job(FUNCTIONS, calls=("list(range(10 ** 6))",), output_limit=1000)])
    assert (raised.kind, raised.exc_class, raised.line) == ("exception", "ZeroDivisionError", 6)
    assert raised.returns == ("2.0",)  # so the failing call is calls[1]
    assert looped.kind == "timeout"
    assert huge.kind == "limit_exceeded" and huge.reason == "output limit"


def test_a_missing_layer_is_said_once_never_silently(monkeypatch, capsys):
    from debugex.sandbox import confine, pool

    monkeypatch.setattr(confine, "seccomp_filter", lambda: (None, "libseccomp is not here"))
    monkeypatch.setattr(confine, "landlock_ruleset", lambda scratch: (None, "no Landlock here"))
    monkeypatch.setattr(pool, "_warned", set())
    with Sandbox(workers=2) as sandbox:
        assert sandbox.run("print(6 * 7)\n").stdout == "42\n"
        assert sandbox.layers["seccomp"] is False and sandbox.layers["landlock"] is False
        assert sandbox.layers["rlimits"] is True
    err = capsys.readouterr().err
    assert err.count("debugex: warning: no seccomp filter") == 1
    assert err.count("debugex: warning: no Landlock") == 1 and "SECURITY.md" in err
