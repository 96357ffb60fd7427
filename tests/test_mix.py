"""Balancing a batch's injector weights against what its exercises offer (engine/mix.py)."""

import pytest

from debugex.engine import Demand, balanced_weights, shortfalls
from debugex.engine.mix import expected_counts

CLASSES = {"common": "logical", "rare": "logical", "absent": "logical", "typo": "syntax"}
WEIGHTS = {"common": 1.0, "rare": 1.0, "absent": 0.5, "typo": 2.0}


def demands() -> list[Demand]:
    # `common` everywhere, `rare` in one exercise of four, `absent` nowhere
    many = {"logical": {"common": 9}, "syntax": {"typo": 9}}
    return [Demand({"logical": 4, "syntax": 2}, many) for _ in range(3)] + [
        Demand({"logical": 4, "syntax": 2},
               {"logical": {"common": 9, "rare": 9}, "syntax": {"typo": 9}})]


def test_unbalanced_weights_favour_what_every_exercise_offers():
    got = expected_counts(demands(), WEIGHTS)
    assert got["common"] > 3 * got["rare"]


def test_balanced_weights_give_the_weights_files_mix_where_sites_allow():
    scaled = balanced_weights(demands(), WEIGHTS, CLASSES)
    got = expected_counts(demands(), scaled)
    assert scaled["rare"] > scaled["common"]
    # `rare` can take at most the 4 logical errors of its one exercise: all of them
    assert got["rare"] == pytest.approx(4.0, abs=0.05)
    assert sum(got.values()) == pytest.approx(16 + 8)  # nothing asked is lost
    assert scaled["absent"] == WEIGHTS["absent"]  # nothing to balance


def test_shortfalls_name_what_cannot_be_balanced_and_where_it_is_offered():
    scaled = balanced_weights(demands(), WEIGHTS, CLASSES)
    short = shortfalls(demands(), WEIGHTS, scaled, CLASSES)
    assert short["absent"]["exercises"] == 0 and short["absent"]["expected"] == 0
    assert short["rare"]["exercises"] == 1
    assert "common" not in short and "typo" not in short


def test_a_weight_is_never_raised_past_its_cap():
    from debugex.engine.mix import MAX_SCALE
    scaled = balanced_weights(demands(), WEIGHTS, CLASSES)
    assert all(scaled[i] <= WEIGHTS[i] * MAX_SCALE + 1e-9 for i in scaled)
