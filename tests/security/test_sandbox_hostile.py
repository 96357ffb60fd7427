"""Hostile and broken programs: each gets a clear outcome, and the pool survives them."""

import os
import time
from pathlib import Path

import pytest
from procs import processes

from debugex.sandbox import Job, Sandbox

# (name, program, stdin, expected kind, expected exception class or reason fragment)
HOSTILE = [
    ("infinite_loop", "while True:\n    pass\n", (), "timeout", None),
    ("swallows_timer",
     "while True:\n    try:\n        while True:\n            pass\n"
     "    except BaseException:\n        pass\n", (), "timeout", None),
    ("rearms_sigalrm",
     "sig = [c for c in ().__class__.__base__.__subclasses__()\n"
     "       if c.__name__ == '_wrap_close'][0].__init__.__globals__['sys'].modules['signal']\n"
     "sig.signal(sig.SIGALRM, sig.SIG_IGN)\nsig.signal(sig.SIGPROF, sig.SIG_IGN)\n"
     "sig.setitimer(sig.ITIMER_PROF, 0)\n"
     "while True:\n    pass\n", (), "timeout", None),
    ("import_signal", "import signal\nsignal.alarm(0)\n", (), "exception", "ModuleNotFoundError"),
    ("memory_bomb", "x = [0] * (10 ** 10)\n", (), "limit_exceeded", "MemoryError"),
    # Touching half a gigabyte page by page may outlast the time limit on a slow machine.
    ("memory_growth", "chunks = []\nwhile True:\n    chunks.append(' ' * 10 ** 7)\n", (),
     ("limit_exceeded", "timeout"), None),
    ("output_bomb", "while True:\n    print('spam' * 100)\n", (), "limit_exceeded", "output"),
    ("deep_recursion", "def down(n):\n    return down(n + 1)\ndown(0)\n", (),
     "limit_exceeded", "RecursionError"),
    ("exit_zero", "print('bye')\nimport sys\nsys.exit(0)\nprint('never')\n", (), "finished", None),
    ("exit_three", "import sys\nsys.exit(3)\n", (), "exception", "SystemExit"),
    ("os_exit", "import os\nos._exit(0)\n", (), "exception", "AttributeError"),
    ("os_exit_smuggled",
     "real_os = [c for c in ().__class__.__base__.__subclasses__()\n"
     "           if c.__name__ == '_wrap_close'][0].__init__.__globals__['sys'].modules['os']\n"
     "real_os._exit(0)\n", (), "limit_exceeded", "ended the sandbox process"),
    ("keyboard_interrupt", "raise KeyboardInterrupt\n", (), "exception", "KeyboardInterrupt"),
    ("systemexit_in_finally",
     "try:\n    raise SystemExit(5)\nfinally:\n    print('cleanup')\n", (),
     "exception", "SystemExit"),
    ("close_stdout", "import sys\nsys.stdout.close()\nprint('lost')\n", (),
     "exception", "ValueError"),
    ("replace_input",
     "import builtins\nbuiltins.input = lambda prompt='': '42'\nprint(int(input()) + 1)\n",
     (), "finished", None),
    ("fork", "import os\nos.fork()\n", (), "exception", "AttributeError"),
    ("write_and_delete",
     "with open('notes.txt', 'w') as f:\n    f.write('hi')\n"
     "import os\nprint(os.listdir('.'))\nos.remove('notes.txt')\nprint(os.listdir('.'))\n",
     (), "finished", None),
    ("read_outside", "print(open('/etc/hostname').read())\n", (), "exception", "PermissionError"),
    ("read_parent", "print(open('../../x').read())\n", (), "exception", "PermissionError"),
    ("import_debugex", "import debugex.sandbox.harness\n", (), "exception",
     "ModuleNotFoundError"),
    ("huge_power", "x = 10 ** (10 ** 9)\nprint(x)\n", (),
     ("timeout", "limit_exceeded", "exception"), None),
    ("input_loop", "while True:\n    input()\n", ("a", "b"), "input_exhausted", None),
    ("input_loop_swallowed",
     "while True:\n    try:\n        input()\n    except Exception:\n        pass\n", ("a",),
     "input_exhausted", None),
    ("syntax_error", "print('unclosed'\n", (), "syntax_error", "SyntaxError"),
    ("null_byte", "print(1)\x00\n", (), "syntax_error", None),
]


@pytest.mark.parametrize("name,program,stdin,kind,detail", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_program_gets_a_clear_outcome(sandbox, name, program, stdin, kind, detail):
    started = time.monotonic()
    cwd_before = sorted(os.listdir("."))
    outcome = sandbox.run(program, stdin, timeout=1.0)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"{name} took {elapsed:.1f}s"
    assert sorted(os.listdir(".")) == cwd_before, "the caller's working folder changed"
    if isinstance(kind, tuple):  # any of these bounded outcomes is right
        assert outcome.kind in kind, outcome
    else:
        assert outcome.kind == kind, outcome
    if detail:
        assert detail in f"{outcome.exc_class} {outcome.reason}", outcome
    # The pool keeps working afterwards, with clean state.
    after = sandbox.run("import math\nprint(math.pi, input('x? '))\n", ["ok"])
    assert after.kind == "finished" and after.stdout == "x? 3.141592653589793 ok\n"


def test_write_and_delete_sees_only_its_own_folder(sandbox):
    outcome = sandbox.run(HOSTILE[17][1], timeout=1.0)
    assert outcome.stdout == "['notes.txt']\n[]\n"


def test_files_do_not_leak_between_runs(sandbox):
    sandbox.run("open('left.txt', 'w').write('x')\n")
    outcome = sandbox.run("import os\nprint(os.listdir('.'))\n")
    assert outcome.stdout == "[]\n"


def test_runs_are_isolated_from_each_other(sandbox):
    poison = ("import math, random, builtins, time\n"
              "math.pi = 3\nrandom.randint = lambda a, b: 0\n"
              "builtins.len = None\ntime.sleep = None\nprint(len)\n")
    probe = ("import math, random, time\ntime.sleep(5)\n"
             "print(math.pi, random.randint(1, 100), len('abc'))\n")
    clean = sandbox.run(probe)
    sandbox.run_many([Job(poison)] * 8)
    again = sandbox.run_many([Job(probe)] * 8)
    assert clean.kind == "finished" and clean.stdout.startswith("3.14159")
    assert all(o == clean for o in again)


def test_same_program_and_scenario_give_same_outcome(sandbox):
    program = ("import random, datetime, time\n"
               "print(random.random(), random.choice('abcdef'))\n"
               "print(datetime.datetime.now(), datetime.date.today(), time.time())\n"
               "print({'pear', 'fig', 'kiwi', 'plum'})\n")
    outcomes = sandbox.run_many([Job(program)] * 10)
    assert len(set(outcomes)) == 1
    with Sandbox(workers=1) as other:  # another process, same answer
        assert other.run(program) == outcomes[0]


def test_input_echoes_prompt_and_reports_exhaustion(sandbox):
    program = "a = input('First: ')\nb = input('Second: ')\nprint(a + b)\n"
    assert sandbox.run(program, ["x", "y"]).stdout == "First: Second: xy\n"
    short = sandbox.run(program, ["x"])
    assert short.kind == "input_exhausted" and short.line == 2
    assert short.stdout == "First: Second: "


def test_exception_reports_class_line_and_stdout(sandbox):
    outcome = sandbox.run("print('start')\ndef f(x):\n    return x / 0\nf(1)\n")
    assert (outcome.kind, outcome.exc_class, outcome.line) == ("exception", "ZeroDivisionError", 3)
    assert outcome.stdout == "start\n"


def test_syntax_error_reports_class_and_line(sandbox):
    outcome = sandbox.run("x = 1\nif x > 0\n    print(x)\n")
    assert (outcome.kind, outcome.exc_class, outcome.line) == ("syntax_error", "SyntaxError", 2)
    indent = sandbox.run("if True:\nprint(1)\n")
    assert indent.exc_class == "IndentationError"


def test_line_tracing_reports_executed_lines(sandbox):
    outcome = sandbox.run("x = int(input())\nif x > 0:\n    print('pos')\nelse:\n"
                          "    print('neg')\n", ["5"], trace_lines=True)
    assert outcome.lines_run == frozenset({1, 2, 3})


def test_batch_keeps_order_and_survives_killers():
    programs = [f"print({i})\n" for i in range(30)]
    programs[7] = "while True:\n    try:\n        pass\n    except BaseException:\n        pass\n"
    programs[19] = HOSTILE[11][1]  # os._exit through a smuggled module
    with Sandbox(workers=2, chunk_size=5) as pool:
        pids_before = pool.worker_pids()
        outcomes = pool.run_many([Job(p, timeout=0.5) for p in programs])
        pids_after = pool.worker_pids()
    assert [o.stdout for i, o in enumerate(outcomes) if i not in (7, 19)] == [
        f"{i}\n" for i in range(30) if i not in (7, 19)]
    assert outcomes[7].kind == "timeout"
    assert outcomes[19].kind == "limit_exceeded"
    assert pids_after != pids_before  # killed workers were replaced
    for pid in pids_before + pids_after:
        assert not Path(f"/proc/{pid}").exists() or _is_not_our_child(pid)
    assert _our_zombies() == []


def _is_not_our_child(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return int(stat.rsplit(")", 1)[1].split()[1]) != os.getpid()


def _our_zombies() -> list[int]:
    return [pid for pid, fields in processes()
            if fields[0] == "Z" and int(fields[1]) == os.getpid()]


def test_run_program_uses_a_shared_default_pool():
    from debugex.sandbox import default_sandbox, run_program

    outcome = run_program("print(input('n? '))\n", ["7"])
    assert outcome.stdout == "n? 7\n"
    assert default_sandbox() is default_sandbox()
    default_sandbox().close()
