"""How generate's plan is cut into tasks: a few units each, dealt so that every task of
an exercise gets its share of the large requests, the same cut whatever the engine, and
an exercise's later tasks held back until its first has ended."""

import pytest

from debugex.formats import Request
from debugex.workflow.chunking import TASK_DRAFTS, cut, deal
from debugex.workflow.planning import Unit


def units(slug: str, totals: list[int], start: int = 0) -> list[Unit]:
    return [Unit(slug, Request(syntax=0, runtime=0, logical=t), seed=i, index=start + i)
            for i, t in enumerate(totals)]


@pytest.mark.parametrize("totals,size,groups", [
    ([1], 4, [[0]]),
    ([1, 1, 1, 1], 4, [[0, 1, 2, 3]]),
    ([1, 1, 1, 1, 1], 4, [[0, 2, 4], [1, 3]]),
    ([1, 3, 2, 1, 2], 2, [[1, 0], [2, 3], [4]]),  # largest first, round the groups
    ([2] * 9, 3, [[0, 3, 6], [1, 4, 7], [2, 5, 8]]),
])
def test_units_are_dealt_into_groups_of_at_most_the_size(totals, size, groups):
    dealt = deal(units("a", totals), size)
    assert [[u.index for u in group] for group in dealt] == groups
    assert all(len(group) <= size for group in dealt)


def test_tasks_go_out_round_by_round_and_later_ones_wait_for_their_exercises_first():
    by_slug = {"a": units("a", [1] * (2 * TASK_DRAFTS + 1)), "b": units("b", [1], 100),
               "c": units("c", [1] * (TASK_DRAFTS + 1), 200)}
    tasks = cut(by_slug, lambda slug, group: (slug, [u.index for u in group]))
    assert [slug for slug, _ in tasks.jobs] == ["a", "b", "c", "a", "c", "a"]
    assert tasks.after == [None, None, None, 0, 2, 0]
    planned = sorted(u.index for us in by_slug.values() for u in us)
    assert sorted(i for _, group in tasks.jobs for i in group) == planned  # each unit once


def test_the_costliest_exercises_go_out_first_in_each_round_without_changing_the_cut():
    by_slug = {"a": units("a", [1] * (TASK_DRAFTS + 1)), "b": units("b", [1], 100),
               "c": units("c", [1] * (TASK_DRAFTS + 1), 200)}
    plain = cut(by_slug, lambda slug, group: (slug, [u.index for u in group]))
    costs = {"a": 1, "b": 64, "c": 1}
    tasks = cut(by_slug, lambda slug, group: (slug, [u.index for u in group]),
                cost=costs.__getitem__)
    # b first, then a and c in plan order; the second round likewise
    assert [slug for slug, _ in tasks.jobs] == ["b", "a", "c", "a", "c"]
    assert tasks.after == [None, None, None, 1, 2]
    assert sorted(map(repr, tasks.jobs)) == sorted(map(repr, plain.jobs))  # the same tasks

