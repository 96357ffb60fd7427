"""Proofs kept on disk between runs: the same program and scenarios are read back, never
run again; a changed program or scenario is proven afresh."""

import importlib

import pytest
from counting import Counting
from hypothesis import given
from hypothesis import strategies as st

from debugex.content.exercises import Exercise, Scenario
from debugex.engine.interplay import analyse
from debugex.engine.sites import SiteCatalog, max_disjoint
from debugex.engine.verify import Prepared, judge_sources, prepare
from debugex.injectors import Edit

LOOP = ("n = int(input())\n"
        "i = 0\n"
        "while i < n:\n"
        "    i += 1\n"
        "    print(i)\n"
        "print('done')\n")


def exercise(source: str, *stdins: tuple[str, ...], stdout: str | None = None) -> Exercise:
    scenarios = tuple(Scenario(f"s{n}", tuple(s), stdout) for n, s in enumerate(stdins))
    return Exercise("fixture", "Counts up to n.\n", source, scenarios, None, True)


def edit(source: str, old: str, new: str, error_class: str) -> Edit:
    start = source.index(old)
    return Edit("fixture", error_class, start, start + len(old), new,
                source.count("\n", 0, start) + 1)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path))
    return tmp_path


def again(prepared: Prepared) -> Prepared:
    """The same exercise prepared by a later run: nothing in memory, only the disk."""
    return Prepared(prepared.exercise, prepared.scenarios, prepared.oracle, prepared.note)


CRASH = edit(LOOP, "n = int", "n = itn", "runtime")
WRONG = edit(LOOP, "'done'", "'dome'", "logical")
SLOWER = edit(LOOP, "i += 1", "i += 2", "logical")


def test_interplay_states_are_run_once_then_read_back(cache, sandbox):
    first = Counting(sandbox)
    prepared = prepare(exercise(LOOP, ("3",), ("0",)), sandbox)
    proven = analyse(prepared, [CRASH, WRONG], [1, 6], first)
    assert first.jobs > 0 and proven.ok and proven.hidden == [(6, 1)]
    second = Counting(sandbox)
    read = analyse(again(prepared), [CRASH, WRONG], [1, 6], second)
    assert second.jobs == 0
    assert read.to_dict() == proven.to_dict() and read.met == proven.met


def test_a_changed_program_is_run_again(cache, sandbox):
    prepared = prepare(exercise(LOOP, ("3",)), sandbox)
    analyse(prepared, [CRASH, WRONG], [1, 6], Counting(sandbox))
    other = Counting(sandbox)
    result = analyse(again(prepared), [CRASH, SLOWER], [1, 4], other)
    # Every state holding the new edit is a new program; the crash alone is not.
    assert other.jobs > 0 and result.ok


@pytest.mark.parametrize("stdins", [[("4",)], [("3",), ("1",)]])
def test_a_changed_scenario_is_run_again(cache, sandbox, stdins):
    analyse(prepare(exercise(LOOP, ("3",)), sandbox), [CRASH, WRONG], [1, 6],
            Counting(sandbox))
    changed = Counting(sandbox)
    analyse(prepare(exercise(LOOP, *stdins), sandbox), [CRASH, WRONG], [1, 6], changed)
    assert changed.jobs == 3 * len(stdins)  # every state anew: both errors, each alone


def test_verdicts_are_read_back_and_missed_when_the_program_changes(cache, sandbox):
    prepared = prepare(exercise(LOOP, ("3",)), sandbox)
    program = WRONG.apply(LOOP)
    [verdict] = judge_sources([(again(prepared), program)], Counting(sandbox))
    counting = Counting(sandbox)
    assert judge_sources([(again(prepared), program)], counting) == [verdict]
    assert counting.jobs == 0
    judge_sources([(again(prepared), SLOWER.apply(LOOP))], counting)
    assert counting.jobs == 1


def test_the_verdict_key_is_the_same_for_a_catalogue_read_back(cache, sandbox):
    # A scenario's expected stdout is not kept in the cached catalogue; the key must not
    # depend on it, or every run after the first would miss every verdict.
    built = prepare(exercise(LOOP, ("3",), stdout="1\n2\n3\ndone\n"), sandbox)
    catalog = SiteCatalog(built, [], [])
    read = SiteCatalog.from_json(built.exercise, catalog.to_json()).prepared
    assert read.scenarios[0].stdout is None
    assert read.cache_key == built.cache_key


@pytest.mark.parametrize("changed", [
    exercise(LOOP + "print(n)\n", ("3",)),  # the program
    exercise(LOOP, ("4",)),  # a scenario's input
    exercise(LOOP, ("3",), ("3",)),  # one more scenario
])
def test_the_verdict_key_changes_with_the_program_and_its_scenarios(changed):
    base = Prepared(exercise(LOOP, ("3",)), exercise(LOOP, ("3",)).scenarios, [])
    other = Prepared(changed, changed.scenarios, [])
    assert other.cache_key != base.cache_key
    assert Prepared(base.exercise, base.scenarios, [], timeout=1.0).cache_key \
        != base.cache_key


def _naive_max_disjoint(edits):
    chosen = []
    for e in sorted(edits, key=lambda e: (e.end, e.start)):
        if not any(e.overlaps(c) for c in chosen):
            chosen.append(e)
    return len(chosen)


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)), max_size=25))
def test_max_disjoint_equals_the_plain_greedy_count(spans):
    # Insertions (empty spans) overlap what starts where they are: the shortcut that stops
    # looking back must keep that.
    edits = [Edit("x", "logical", s, s + n, "y", 1) for s, n in spans]
    assert max_disjoint(edits) == _naive_max_disjoint(edits)


def test_readable_answers_are_kept_per_program_and_edits(cache, sandbox, monkeypatch):
    compose = importlib.import_module("debugex.engine.compose")  # the module, not compose()

    calls = []

    def counted(source, edits, lines):
        calls.append(source)
        return True

    monkeypatch.setattr(compose, "readable_as", counted)
    prepared = prepare(exercise(LOOP, ("3",)), sandbox)
    assert compose._readable(prepared, [CRASH, WRONG], [1, 6]) and len(calls) == 1
    assert compose._readable(again(prepared), [WRONG, CRASH], [6, 1]) and len(calls) == 1
    compose._readable(again(prepared), [CRASH, SLOWER], [1, 4])
    other = prepare(exercise(LOOP + "print(n)\n", ("3",)), sandbox)
    compose._readable(other, [CRASH, WRONG], [1, 6])
    assert len(calls) == 3  # other edits, another program: asked again


def test_programs_judged_alone_are_not_run_again_as_interplay_states(cache, sandbox,
                                                                    monkeypatch):
    target = exercise(LOOP, ("3",), ("0",))
    unaided = analyse(prepare(target, sandbox), [CRASH, WRONG], [1, 6], sandbox)
    monkeypatch.setenv("DEBUGEX_CACHE", str(cache / "another"))
    prepared = prepare(target, sandbox)
    judge_sources([(prepared, e.apply(LOOP)) for e in (CRASH, WRONG)], sandbox)
    counting = Counting(sandbox)
    result = analyse(again(prepared), [CRASH, WRONG], [1, 6], counting)
    assert counting.jobs == 2  # only both errors together, on each of the 2 scenarios
    assert result.to_dict() == unaided.to_dict() and result.met == unaided.met


def test_the_cache_key_changes_with_the_python_that_proves(monkeypatch):
    # A 3.11 verdict must never be read by 3.13: messages, tokenizer errors and printing
    # differ between versions.
    from debugex.engine import cache

    def keys():
        cache.code_fingerprint.cache_clear()
        cache.catalogue_version.cache_clear()
        base = Prepared(exercise(LOOP, ("3",)), exercise(LOOP, ("3",)).scenarios, [])
        return cache.code_fingerprint(), cache.catalogue_version(), base.cache_key

    here = keys()
    monkeypatch.setattr(cache.sys, "version", "3.11.9 (main) [GCC 12]")
    elsewhere = keys()
    monkeypatch.undo()
    assert keys() == here
    assert all(a != b for a, b in zip(here, elsewhere, strict=True))
