"""Sandbox v3 (issue 39, causes 2, 3 and 4): signals through descriptors, orphans, file
metadata, and who a program runs as. Each payload first escapes the beginner's allow-list
(as the red team did: the real `os` through `__subclasses__`, then the `ctypes` the
harness imported) and then makes the system call; each test asserts that what the payload
wanted did not happen. Run as root (as CI is), where the danger is real.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from procs import processes

from debugex.sandbox import Sandbox

REAL_OS = ("real_os = [c for c in ().__class__.__base__.__subclasses__()\n"
           "           if c.__name__ == '_wrap_close'][0].__init__.__globals__['sys'].modules['os']\n"
           "ct = real_os.sys.modules['ctypes']\n"
           "libc = ct.CDLL(None, use_errno=True)\n"
           "def call(*result):\n"
           "    print(result[0], ct.get_errno() if result[0] == -1 else 0)\n")
ROOT = os.geteuid() == 0
EPERM = 1


def _results(outcome) -> list[tuple[int, int]]:
    """The (return value, errno) pairs a payload printed, one per line."""
    assert outcome.kind == "finished", outcome
    return [tuple(map(int, line.split())) for line in outcome.stdout.splitlines()]


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


@pytest.fixture
def victim():
    """A process of the user running debugex (root in CI): what a signal would reach."""
    process = subprocess.Popen(["sleep", "300"])
    yield process.pid
    process.kill()
    process.wait()


def test_a_descriptor_owner_cannot_send_signals(victim):
    """Cause 2: the program makes a pipe's owner debugex's zygote, or any process of the
    user, and asks for SIGSTOP or SIGKILL when the pipe is ready. Every way of setting an
    owner or a signal fails, nothing is stopped or killed, and debugex still answers."""
    payload = REAL_OS + (
        "class Owner(ct.Structure):\n"
        "    _fields_ = [('type', ct.c_int), ('pid', ct.c_int)]\n"
        "r, w = real_os.pipe()\n"
        f"for target in (real_os.getppid(), {victim}, -{victim}):\n"
        "    call(libc.fcntl(r, 8, target))\n"  # F_SETOWN
        "    call(libc.fcntl(r, 15, ct.byref(Owner(1, abs(target)))))\n"  # F_SETOWN_EX
        "    call(libc.ioctl(r, 0x8901, ct.byref(ct.c_int(target))))\n"  # FIOSETOWN
        "    call(libc.ioctl(r, 0x8902, ct.byref(ct.c_int(target))))\n"  # SIOCSPGRP
        "for sig in (19, 9):\n"
        "    call(libc.fcntl(r, 10, sig))\n"  # F_SETSIG
        "libc.fcntl(r, 4, 0o20000)\n"  # O_ASYNC: the signal goes when the pipe is ready
        "real_os.write(w, b'x')\n")
    with Sandbox(workers=1) as sandbox:
        sandbox.run("print(0)\n")
        zygotes = sandbox.worker_pids()
        outcome = sandbox.run(payload, timeout=2.0)
        after = sandbox.run("print(1)\n")
        assert sandbox.worker_pids() == zygotes, "the zygote was killed"
        assert _state(zygotes[0]) not in ("T", "t", None), "the zygote was stopped"
    assert _results(outcome) == [(-1, EPERM)] * 14
    assert after.stdout == "1\n"
    assert _state(victim) not in ("T", "t", None), "the victim was stopped or killed"


def test_an_orphan_cannot_outlive_its_zygote():
    """Cause 3: the program clears its parent-death signal, tries to kill its zygote,
    and sleeps. Here the zygote is killed from outside while it sleeps (as if the kill had
    worked): the program dies with it, and nothing of the sandbox is left."""
    payload = REAL_OS + (
        "call(libc.prctl(1, 0, 0, 0, 0))\n"  # PR_SET_PDEATHSIG: none
        "call(libc.prctl(36, 1, 0, 0, 0))\n"  # PR_SET_CHILD_SUBREAPER
        "call(libc.prctl(4, 1, 0, 0, 0))\n"  # PR_SET_DUMPABLE
        "try:\n    real_os.kill(real_os.getppid(), 9)\nexcept OSError as e:\n"
        "    print(-1, e.errno)\n"
        "if real_os.sys.modules['builtins'].__dict__.get('SLEEP'):\n"
        "    real_os.sys.modules['time'].sleep(300)\n")
    with Sandbox(workers=1) as sandbox:
        first = sandbox.run(payload, timeout=2.0)
        zygote = sandbox.worker_pids()[0]
        holder: list = []
        sleeper = payload.replace("if real_os", "real_os.sys.modules['builtins'].SLEEP = 1\nif real_os")
        runner = threading.Thread(target=lambda: holder.append(
            sandbox.run(sleeper, timeout=30.0)))
        runner.start()
        child = _wait_for(lambda: [pid for pid, f in processes() if int(f[1]) == zygote])[0]
        os.kill(zygote, signal.SIGKILL)
        runner.join(timeout=120)
        assert not runner.is_alive()
        _wait_for(lambda: _state(child) in (None, "Z") or None)
    assert _results(first) == [(-1, EPERM)] * 4
    assert holder[0].kind in ("limit_exceeded", "timeout")
    assert _state(child) in (None, "Z"), "the program outlived its zygote"
    assert not _alive_in_session(zygote), "a process was left"


def test_nothing_of_a_sandbox_outlives_its_close():
    """The pool kills every zygote's children and groups when it closes (and at exit),
    whatever they were doing."""
    waiter = REAL_OS + "r, w = real_os.pipe()\nreal_os.read(r, 1)\n"
    sandbox = Sandbox(workers=1)
    sandbox.run("print(0)\n")
    zygote = sandbox.worker_pids()[0]
    runner = threading.Thread(target=lambda: sandbox.run(waiter, timeout=30.0))
    runner.start()
    _wait_for(lambda: [pid for pid, f in processes() if int(f[1]) == zygote])
    from debugex.sandbox import reap
    reap.kill_family(zygote)  # what close() does to each zygote
    runner.join(timeout=120)
    sandbox.close()
    assert not _alive_in_session(zygote)


@pytest.fixture
def outside(tmp_path):
    """A secret file and a folder outside the scratch folder, owned by the user."""
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    secret.chmod(0o600)
    folder = tmp_path / "folder"
    folder.mkdir(mode=0o700)
    binary = tmp_path / "tool"
    binary.write_bytes(b"\x7fELF")
    binary.chmod(0o755)
    return secret, folder, binary


def _metadata(path: Path) -> tuple:
    info = path.stat()
    return info.st_mode, info.st_uid, info.st_gid, info.st_mtime_ns, os.listxattr(path)


def test_file_metadata_outside_the_scratch_folder_cannot_change(outside):
    """Cause 4: a program makes a binary setuid 4777, a folder 777, a secret 666, gives
    them away, changes their times and extended attributes, by every call there is."""
    secret, folder, binary = outside
    before = [_metadata(p) for p in outside]
    payload = REAL_OS + "".join(
        f"p = {str(path)!r}.encode()\n"
        f"call(libc.chmod(p, {mode}))\n"
        f"call(libc.fchmodat(-100, p, {mode}, 0))\n"
        f"call(libc.syscall(452, -100, p, {mode}, 0))\n"  # fchmodat2
        "call(libc.chown(p, 65534, 65534))\n"
        "call(libc.lchown(p, 65534, 65534))\n"
        "call(libc.fchownat(-100, p, 65534, 65534, 0))\n"
        "call(libc.utimes(p, None))\n"
        "call(libc.utimensat(-100, p, None, 0))\n"
        "call(libc.setxattr(p, b'user.x', b'1', 1, 0))\n"
        "call(libc.removexattr(p, b'user.x'))\n"
        for path, mode in ((binary, 0o4777), (folder, 0o777), (secret, 0o666)))
    with Sandbox(workers=1) as sandbox:
        outcome = sandbox.run(payload, timeout=2.0)
    assert [_metadata(p) for p in outside] == before
    results = _results(outcome)
    assert results == [(-1, EPERM)] * 30


def test_metadata_calls_are_denied_even_in_the_scratch_folder():
    """The kernel filter, not only file permissions: a program cannot chmod, chown, touch
    or tag even the file it has just written."""
    payload = REAL_OS + (
        "open('mine.txt', 'w').write('x')\n"
        "p = (real_os.getcwd() + '/mine.txt').encode()\n"
        "fd = real_os.open(p, real_os.O_RDONLY)\n"
        "call(libc.chmod(p, 0o4777))\ncall(libc.fchmod(fd, 0o777))\n"
        "call(libc.chown(p, 0, 0))\ncall(libc.fchown(fd, 0, 0))\n"
        "call(libc.utimensat(-100, p, None, 0))\ncall(libc.futimesat(-100, p, None))\n"
        "call(libc.setxattr(p, b'user.x', b'1', 1, 0))\n"
        "call(libc.fsetxattr(fd, b'user.x', b'1', 1, 0))\n"
        "call(libc.getxattr(p, b'user.x', None, 0))\n"
        "call(libc.listxattr(p, None, 0))\n")
    with Sandbox(workers=1) as sandbox:
        sandbox.run("print(0)\n")
        real_cwd = sandbox._workers[0].scratch
        outcome = sandbox.run(payload.replace("real_os.getcwd()", repr(real_cwd)), timeout=2.0)
        after = sandbox.run("open('mine.txt', 'w').write('y')\nprint(open('mine.txt').read())\n")
    assert _results(outcome) == [(-1, EPERM)] * 10
    assert after.stdout == "y\n"


@pytest.mark.skipif(not ROOT, reason="the drop to nobody happens only when debugex is root")
def test_programs_run_as_nobody_without_capabilities_when_root(tmp_path):
    """Run as root, a program is uid and gid 65534 with no groups and no capabilities: it
    cannot even tell whether a file under a folder closed to others exists."""
    (tmp_path / "closed").mkdir(mode=0o700)
    hidden = tmp_path / "closed" / "answer.py"
    hidden.write_text("print('the correct program')\n")
    payload = REAL_OS + (
        "print(real_os.getresuid(), real_os.getresgid(), real_os.getgroups())\n"
        "class Header(ct.Structure):\n"
        "    _fields_ = [('version', ct.c_uint32), ('pid', ct.c_int)]\n"
        "class Data(ct.Structure):\n"
        "    _fields_ = [('e', ct.c_uint32), ('p', ct.c_uint32), ('i', ct.c_uint32)]\n"
        "data = (Data * 2)()\n"
        "libc.capget(ct.byref(Header(0x20080522, 0)), data)\n"
        "print([(d.e, d.p, d.i) for d in data])\n"
        f"for path in ({str(hidden)!r}, {str(hidden.parent)!r}):\n"
        "    try:\n        print(real_os.stat(path).st_size)\n"
        "    except OSError as e:\n        print(type(e).__name__)\n")
    with Sandbox(workers=1) as sandbox:
        outcome = sandbox.run(payload, timeout=2.0)
        assert sandbox.layers["unprivileged"] is True
    assert outcome.kind == "finished", outcome
    lines = outcome.stdout.splitlines()
    assert lines[0] == "(65534, 65534, 65534) (65534, 65534, 65534) []"
    assert lines[1] == "[(0, 0, 0), (0, 0, 0)]"
    assert lines[2:] == ["PermissionError"] * 2  # existence and size stay hidden


def test_a_beginner_os_path_tells_nothing_outside_the_scratch_folder(outside):
    """Without any escape, `os.path` was a way to stat any file: whether it exists, its
    size and times. It now answers only inside the scratch folder, like `open`."""
    secret = str(outside[0])
    program = ("import os\nopen('mine.txt', 'w').write('abc')\n"
               "print(os.path.exists('mine.txt'), os.path.getsize('mine.txt'))\n"
               "for query in (os.path.exists, os.path.getsize, os.path.isfile,\n"
               "              os.path.getmtime, os.path.islink):\n"
               f"    for path in ({secret!r}, '/etc/passwd', '../../..'):\n"
               "        try:\n            print(query(path))\n"
               "        except PermissionError:\n            print('denied')\n")
    with Sandbox(workers=1) as sandbox:
        outcome = sandbox.run(program)
    assert outcome.kind == "finished", outcome
    assert outcome.stdout == "True 3\n" + "denied\n" * 15


def test_the_signal_scope_holds_without_seccomp(monkeypatch):
    """Landlock's signal scope is a layer of its own: with no seccomp filter at all, a
    program still cannot signal its zygote or anything outside the sandbox."""
    from debugex.sandbox import confine, pool

    if confine.signal_scope_missing():
        pytest.skip(confine.signal_scope_missing())
    monkeypatch.setattr(confine, "seccomp_filter", lambda: (None, "no seccomp in this test"))
    monkeypatch.setattr(pool, "_warned", set())
    payload = REAL_OS + (
        "for target in (real_os.getppid(), 1):\n"
        "    try:\n        real_os.kill(target, 0)\n        print(0, 0)\n"
        "    except OSError as e:\n        print(-1, e.errno)\n")
    with Sandbox(workers=1) as sandbox:
        outcome = sandbox.run(payload, timeout=2.0)
        assert sandbox.layers["signal scope"] is True and sandbox.layers["seccomp"] is False
    assert _results(outcome) == [(-1, EPERM)] * 2


def test_the_same_payloads_through_audit_of_model_output(tmp_path, victim):
    """The red team's way in: a model response whose program makes a root-owned binary
    setuid and points a pipe's SIGSTOP at another process, audited with `debugex audit
    --requests/--responses` (which runs it). Nothing changes, and the audit ends normally."""
    from debugex.formats.messages import (
        AssistantMessage,
        Request,
        UserMessage,
        render_assistant,
        render_user,
    )

    tool = tmp_path / "tool"
    tool.write_bytes(b"\x7fELF")
    tool.chmod(0o755)
    before = _metadata(tool)
    program = REAL_OS + (
        f"libc.chmod({str(tool)!r}.encode(), 0o4777)\n"
        "r, w = real_os.pipe()\n"
        f"libc.fcntl(r, 8, {victim})\nlibc.fcntl(r, 10, 19)\nlibc.fcntl(r, 4, 0o20000)\n"
        "real_os.write(w, b'x')\n"
        'n = int(input("n? "))\nprint(n + 2)\n')
    correct = 'n = int(input("n? "))\nprint(n + 1)\n'
    user = render_user(UserMessage("Add one to n.", correct, Request(0, 0, 1)))
    assistant = render_assistant(AssistantMessage(
        "A logical error.", program, (2,), ("Line 2: it adds two instead of one.",)))
    (tmp_path / "requests.jsonl").write_text(json.dumps({"user": user}) + "\n")
    (tmp_path / "responses.jsonl").write_text(json.dumps({"response": assistant}) + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "debugex.cli", "audit", "--requests", "requests.jsonl",
         "--responses", "responses.jsonl", "--json", "--content", str(tmp_path / "none")],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert _metadata(tool) == before, "the binary's mode changed"
    assert _state(victim) not in ("T", "t", None), "the victim was stopped or killed"


def test_honest_programs_behave_as_before():
    """Every allowed import, a lazy import inside the standard library, tracebacks,
    input(), files in the scratch folder and the output cap, as nobody and confined."""
    from debugex.sandbox.harness.modules import ALLOWED

    program = ("import " + ", ".join(ALLOWED) + "\n"
               "print('x'.encode('utf-16'), statistics.mean([1, 2]), json.dumps({'a': 1}))\n"
               "name = input('name? ')\n"
               "with open('notes.txt', 'w') as f:\n    f.write(name * 2)\n"
               "print(open('notes.txt').read())\n"
               "import os\nprint(os.listdir('.'), os.getcwd())\n"
               "{}['missing']\n")
    with Sandbox(workers=1) as sandbox:
        outcome = sandbox.run(program, ["ab"])
        flood = sandbox.run("while True:\n    print('x' * 1000)\n", output_limit=10_000)
    assert (outcome.kind, outcome.exc_class, outcome.line) == ("exception", "KeyError", 9)
    assert outcome.stdout == ("b'\\xff\\xfex\\x00' 1.5 {\"a\": 1}\nname? abab\n"
                              "['notes.txt'] /sandbox\n")
    assert flood.kind == "limit_exceeded" and flood.reason == "output limit"
    assert json.dumps(outcome.to_dict())


def _alive_in_session(sid: int) -> list[int]:
    """Processes of the session `sid` that still run (a zombie runs nothing: it waits for
    its new parent, often the machine's init, to collect its status)."""
    return [pid for pid, f in processes() if int(f[3]) == sid and f[0] != "Z"]


def _wait_for(probe, limit: float = 60.0):
    """Poll until `probe()` is truthy (a readiness wait, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("the condition never held")
