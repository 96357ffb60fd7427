"""generate's requests: the default distribution, --max-per-class, fitting, reuse, partials."""

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from debugex.cli import main
from debugex.formats.messages import Request
from debugex.workflow.drawing import DEFAULT_DISTRIBUTION, draw_request, usable_distribution
from debugex.workflow.generation import run_exercise
from debugex.workflow.planning import (
    GenerateOptions,
    Unit,
    check_options,
    composition_settings,
    fit_request,
    plan,
)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
OFFERED = {"syntax": 9, "runtime": 9, "logical": 9}


def test_default_distribution_covers_one_to_eight_with_a_share_of_six_plus():
    totals = {int(k): v for k, v in DEFAULT_DISTRIBUTION["totals"].items()}
    assert sorted(totals) == list(range(1, 9))
    assert sum(v for k, v in totals.items() if k >= 6) / sum(totals.values()) >= 0.10


@given(st.integers(0, 2**32), st.integers(0, 3))
def test_max_per_class_is_respected_and_zero_excludes(seed, most):
    distribution = usable_distribution(DEFAULT_DISTRIBUTION, most, given=False) if most else None
    if most == 0:
        with pytest.raises(ValueError, match="excludes every class"):
            usable_distribution(DEFAULT_DISTRIBUTION, 0, given=False)
        return
    request = draw_request(random.Random(seed), distribution, most)
    assert request is not None and 1 <= request.total
    assert max(request.as_dict().values()) <= most


@given(st.integers(0, 2**32))
def test_a_class_with_no_weight_or_max_zero_never_appears(seed):
    weights = {"totals": {"2": 1, "4": 1}, "classes": {"syntax": 1, "runtime": 0, "logical": 1}}
    request = draw_request(random.Random(seed), weights, None)
    assert request.runtime == 0 and request.total in (2, 4)


@pytest.mark.parametrize("distribution, most, given_, reason", [
    ({"totals": {"5": 1}, "classes": {"logical": 1}}, 2, True, "asks for 5 errors"),
    ({"totals": {"1": 1, "9": 1}, "classes": {"syntax": 1, "logical": 1}}, 4, True,
     "asks for 9 errors"),
    ({"totals": {"1": 1}, "classes": {"logical": 1}}, 0, True, "excludes every class"),
])
def test_unmeetable_distributions_say_why(distribution, most, given_, reason):
    with pytest.raises(ValueError, match=reason):
        usable_distribution(distribution, most, given_)


def test_the_default_distribution_is_trimmed_not_refused():
    trimmed = usable_distribution(DEFAULT_DISTRIBUTION, 1, given=False)
    assert sorted(int(k) for k in trimmed["totals"]) == [1, 2, 3]


@pytest.mark.parametrize("args, reason", [
    (["--max-per-class", "0"], "excludes every class"),
    (["--grid", "2", "--max-per-class", "0"], "no request in the grid"),
])
def test_cli_usage_errors(args, reason):
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT), *args])
    assert result.exit_code == 2 and reason in result.output


def test_cli_distribution_over_max_per_class_is_a_usage_error(tmp_path):
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"totals": {"6": 1}, "classes": {"syntax": 1, "logical": 1}}))
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT),
                                       "--distribution", str(path), "--max-per-class", "2"])
    assert result.exit_code == 2 and "asks for 6 errors" in result.output


@pytest.mark.parametrize("values, expected", [
    ((), None), (("2",), 2), (("syntax=0",), {"syntax": 0, "runtime": None, "logical": None}),
    (("1", "logical=0"), {"syntax": 1, "runtime": 1, "logical": 0}),
])
def test_max_per_class_option_forms(values, expected):
    from debugex.commands.options import parse_max_per_class

    assert parse_max_per_class(None, None, values) == expected


@pytest.mark.parametrize("value", ["-1", "typo=1", "syntax=x"])
def test_max_per_class_bad_values_are_usage_errors(value):
    result = CliRunner().invoke(main, ["generate", "--content", str(CONTENT),
                                       "--max-per-class", value])
    assert result.exit_code == 2 and "--max-per-class" in result.output


@given(st.integers(0, 2**32))
def test_one_class_at_zero_is_never_drawn(seed):
    limits = {"syntax": 0, "runtime": None, "logical": 2}
    distribution = usable_distribution(DEFAULT_DISTRIBUTION, limits, given=False)
    request = draw_request(random.Random(seed), distribution, limits)
    assert request.syntax == 0 and request.logical <= 2 and request.total >= 1


def test_grid_with_one_class_at_zero():
    options = GenerateOptions(CONTENT, grid=1, per_exercise=None,
                              max_per_class={"syntax": 0, "runtime": None, "logical": None})
    labels = {u.request.label() for u in plan(["leap_year"], options)}
    assert labels == {"0/1/0", "0/0/1", "0/1/1"}


def test_max_per_class_zero_leaves_the_class_out_of_the_plan():
    options = GenerateOptions(CONTENT, per_exercise=40, max_per_class=0,
                              distribution={"totals": {"1": 1, "2": 1},
                                            "classes": {"syntax": 1, "logical": 1}})
    with pytest.raises(ValueError):
        check_options(options)
    options.max_per_class = 1
    check_options(options)
    units = plan(["leap_year"], options)
    assert {u.request.runtime for u in units} == {0}
    assert max(max(u.request.as_dict().values()) for u in units) == 1


def unit(request: Request, partial: bool = False) -> Unit:
    return Unit("x", request, 7, 0, partial)


@pytest.mark.parametrize("request_, partial, room, origin", [
    (Request(1, 1, 1), False, 4, "drawn"),
    (Request(3, 3, 2), False, 4, "redrawn"),  # over the density cap
    (Request(0, 0, 12), False, 20, "redrawn"),  # over the offered logical sites
    (Request(3, 3, 2), True, 4, "partial"),  # answered honestly
    (Request(1, 0, 0), True, 4, "partial"),  # grown until it does not fit
])
def test_fit_request(request_, partial, room, origin):
    options = GenerateOptions(CONTENT)
    fitted, got = fit_request(unit(request_, partial), OFFERED, room, options)
    assert got == origin
    fits = fitted.total <= room and all(fitted.count(c) <= OFFERED[c] for c in OFFERED)
    assert fits == (origin != "partial")
    if origin == "drawn":
        assert fitted == request_


@pytest.mark.parametrize("offered, room, expected", [
    ({"syntax": 9, "runtime": 9, "logical": 2}, 20, Request(1, 0, 3)),  # past the sites
    ({"syntax": 9, "runtime": 9, "logical": 9}, 2, None),  # past the cap: total 3
    ({"syntax": 20, "runtime": 20, "logical": 20}, 30, "unchanged"),  # over 10: no partial
])
def test_partial_requests_grow_the_cheapest_way(offered, room, expected):
    options = GenerateOptions(CONTENT)
    fitted, origin = fit_request(unit(Request(1, 0, 0), partial=True), offered, room, options)
    if expected == "unchanged":
        assert (fitted, origin) == (Request(1, 0, 0), "drawn")
    elif expected is None:
        assert origin == "partial" and fitted.total == room + 1 and fitted.syntax >= 1
    else:
        assert (fitted, origin) == (expected, "partial")


def test_partial_share_goes_to_programs_a_request_can_overfill():
    from debugex.workflow.planning import partial_rates

    options = GenerateOptions(CONTENT, partial_share=0.05)
    # times_table: 3 code lines (cap 1); bank_account: cap 17, over any request of <= 10
    assert partial_rates(["times_table", "bank_account"], options) == {
        "times_table": 0.1, "bank_account": 0.0}


def test_fresh_sites_get_the_classes_redrawn_with_the_same_total():
    options = GenerateOptions(CONTENT)
    fresh = {"syntax": 3, "runtime": 0, "logical": 3}
    fitted, origin = fit_request(unit(Request(1, 2, 1)), OFFERED, 8, options, fresh)
    assert origin == "redrawn" and fitted.total == 4 and fitted.runtime == 0


def test_grid_requests_are_never_changed():
    options = GenerateOptions(CONTENT, grid=3, per_exercise=None)
    fitted, origin = fit_request(unit(Request(3, 3, 3)), OFFERED, 4, options)
    assert (fitted, origin) == (Request(3, 3, 3), "drawn")


def test_one_exercise_reuses_an_edit_in_at_most_two_drafts():
    options = GenerateOptions(CONTENT, slugs=("sum_to_n",), per_exercise=10, seed=3,
                              partial_share=0.0)
    units = plan(["sum_to_n"], options)
    slug, drafts, failures = run_exercise((str(CONTENT / "sum_to_n"), units,
                                           composition_settings(options)))
    assert drafts and len(drafts) + len(failures) == len(units)
    uses = Counter(sig for d in drafts for sig in {(e["edit"]["start"], e["edit"]["end"],
                                                    e["edit"]["replacement"])
                                                   for e in d["errors"]})
    assert max(uses.values()) <= 2
    for draft in drafts:
        density = draft["composition"]["density"]
        assert density["errors"] <= density["cap"] == 2  # sum_to_n: 5 code lines
    # Each second use of an edit is counted once, in the draft that reused it.
    assert sum(d["composition"]["repeated_edits"] for d in drafts) == \
        sum(n - 1 for n in uses.values())


def test_partial_units_become_honest_partial_drafts():
    options = GenerateOptions(CONTENT, per_exercise=3, seed=1, partial_share=1.0)
    units = plan(["times_table"], options)
    assert all(u.partial for u in units)
    _, drafts, failures = run_exercise((str(CONTENT / "times_table"), units,
                                        composition_settings(options)))
    assert len(drafts) == 3 and not failures
    for draft in drafts:
        assert draft["partial"] and draft["request_origin"] == "partial"
        assert sum(draft["delivered"].values()) < sum(draft["request"].values())
        # the density cap is the constraint here: the note says so and names the option
        assert "fit in this program" in draft["assistant_xml"]
        assert "`--max-density`" in draft["assistant_xml"]


def candidates(error_class: str, n: int) -> list:
    from debugex.injectors import Edit

    return [Edit("x", error_class, 10 * i, 10 * i + 2, "y", i + 1) for i in range(n)]


@pytest.mark.parametrize("request_, partial, offered", [
    (Request(1, 1, 1), False, (3, 3, 3)),  # fits: replayed as drawn
    (Request(3, 3, 2), False, (3, 3, 3)),  # over the cap: drawn again within it
    (Request(0, 0, 4), False, (3, 3, 1)),  # over the logical sites offered
    (Request(3, 3, 2), True, (3, 1, 3)),  # a partial draft: cut as compose cuts it
    (Request(1, 0, 0), True, (3, 3, 3)),  # a partial draft grown past the cap, cut back
])
def test_the_balance_replays_requests_as_they_will_be_composed(request_, partial, offered):
    from debugex.workflow.planning import replayed_request

    source = "".join(f"x{i} = {i}\n" for i in range(8))  # 8 code lines: room for 4
    edits = {c: candidates(c, n) for c, n in zip(("syntax", "runtime", "logical"), offered,
                                                  strict=True)}
    options = GenerateOptions(CONTENT)
    replayed = replayed_request(unit(request_, partial), source, edits, options)
    assert 0 < replayed.total <= 4
    assert all(replayed.count(c) <= n for c, n in zip(("syntax", "runtime", "logical"),
                                                      offered, strict=True))
    if request_.total <= 4 and all(request_.count(c) <= n for c, n in
                                   zip(("syntax", "runtime", "logical"), offered, strict=True)) \
            and not partial:
        assert replayed == request_
