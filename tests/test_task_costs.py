"""The order generate's tasks go out in: what each exercise's drafts took last time,
kept beside the proof cache, a guess for one never measured, and a file that cannot be
trusted or written changes nothing but the order."""

import math

import pytest

from debugex.formats import Request
from debugex.workflow.chunking import cut
from debugex.workflow.planning import Unit
from debugex.workflow.task_costs import FILE, RANDOM_COST, TaskCosts


def units(slug: str, n: int) -> list[Unit]:
    return [Unit(slug, Request(syntax=0, runtime=0, logical=1), seed=i, index=i)
            for i in range(n)]


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.setenv("DEBUGEX_CACHE", str(tmp_path / "cache"))
    for name, text in (("dice", "import random\nprint(random.randint(1, 6))\n"),
                       ("sum", "print(1 + 2)\n"), ("mean", "print(3 / 2)\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "correct.py").write_text(text)
    return tmp_path


def test_nothing_measured_a_random_program_is_guessed_costlier(content):
    costs = TaskCosts.read()
    assert costs.expected(str(content / "dice"), units("dice", 2)) == 2 * RANDOM_COST
    assert costs.expected(str(content / "sum"), units("sum", 2)) == 2
    assert costs.expected(str(content / "missing"), units("missing", 2)) == 2  # fails early


def test_what_was_measured_is_read_back_and_orders_the_next_run(content):
    costs = TaskCosts.read()
    # a task's worker seconds are its phases' (lookup counts and the programs run,
    # counted under the same prefix, are not seconds)
    costs.add(str(content / "sum"), {"seconds prove": 5.0, "seconds text": 1.0,
                                     "sites hit": 40, "seconds runs": 900}, drafts=2)
    costs.add(str(content / "sum"), {"seconds prove": 2.0}, drafts=2)
    costs.add(str(content / "mean"), {"seconds prove": 0.5}, drafts=1)
    # a task that proved its sites (cold) is kept apart; the warm figure is preferred
    costs.add(str(content / "mean"), {"seconds prove": 9.0, "sites miss": 1}, drafts=1)
    costs.write()
    again = TaskCosts.read()
    assert again.expected(str(content / "sum"), units("sum", 1)) == pytest.approx(2.0)
    assert again.expected(str(content / "mean"), units("mean", 4)) == pytest.approx(2.0)
    # never measured: the median of those measured (2.0 and 0.5), times RANDOM_COST for
    # a random program
    assert again.expected(str(content / "dice"), units("dice", 1)) == \
        pytest.approx(1.25 * RANDOM_COST)
    by_slug = {"mean": units("mean", 1), "sum": units("sum", 1)}
    folders = {slug: str(content / slug) for slug in by_slug}
    tasks = cut(by_slug, lambda slug, group: (slug,),
                cost=lambda slug: again.expected(folders[slug], by_slug[slug]))
    assert [job[0] for job in tasks.jobs] == ["sum", "mean"]  # the slower one first


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"a": 1.0}',
                                  '{"a": {"warm": -1, "cold": "x"}, "b": {"warm": true}}',
                                  '{"a": {"warm": NaN}}', '{"a": {"hot": 1.0}}',
                                  '{"a": {"cold": Infinity}}'])
def test_a_damaged_or_foreign_file_is_read_as_nothing_measured(content, text):
    (content / "cache").mkdir()
    (content / "cache" / FILE).write_text(text)
    costs = TaskCosts.read()
    assert costs.known == {}
    assert math.isclose(costs.expected(str(content / "sum"), units("sum", 3)), 3)


def test_a_cache_that_cannot_be_written_is_left_as_it_was(content):
    # a cache "folder" that is a file: nothing can be written under it (even by root)
    blocked = content / "cache"
    blocked.write_text("a file")
    costs = TaskCosts.read()
    assert costs.known == {}
    costs.add(str(content / "sum"), {"seconds prove": 1.0}, drafts=1)
    costs.write()  # never raises
    assert blocked.read_text() == "a file"


def test_a_cold_figure_serves_until_a_warm_one_is_measured(content):
    costs = TaskCosts.read()
    costs.add(str(content / "sum"), {"seconds prove": 8.0, "sites miss": 1}, drafts=2)
    costs.write()
    assert TaskCosts.read().expected(str(content / "sum"), units("sum", 1)) == 4.0
    later = TaskCosts.read()
    later.add(str(content / "sum"), {"seconds prove": 1.0, "sites hit": 1}, drafts=2)
    later.write()
    assert TaskCosts.read().known[str((content / "sum").resolve())] == \
        {"cold": 4.0, "warm": 0.5}
    assert TaskCosts.read().expected(str(content / "sum"), units("sum", 1)) == 0.5
