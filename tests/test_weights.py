"""The default mix: one weights file for every injector, and `generate` drawing by it."""

import random
from collections import Counter

from debugex.engine.density import Layout
from debugex.engine.pick import Place, pick
from debugex.injectors import REGISTRY, Edit
from debugex.injectors.weights import (
    class_weights,
    injector_weights,
    listed_ids,
    shares,
    weight_source,
)
from debugex.workflow.drawing import DEFAULT_DISTRIBUTION


def test_every_injector_has_a_weight_and_a_source():
    assert listed_ids() == set(REGISTRY)
    for injector_id, weight in injector_weights().items():
        assert weight > 0, injector_id
        assert weight_source(injector_id), injector_id


def test_shares_sum_to_one_and_classes_follow_the_injectors():
    assert abs(sum(shares().values()) - 1) < 1e-9
    assert DEFAULT_DISTRIBUTION["classes"] == class_weights()
    assert all(v > 0 for v in class_weights().values())


def _edits(injector: str, count: int, first_offset: int, first_line: int = 1) -> list[Edit]:
    return [Edit(injector, REGISTRY[injector].error_class, first_offset + 10 * n,
                 first_offset + 10 * n + 1, "x", first_line + n) for n in range(count)]


# One statement per line, all in one block: only the injector tells the edits apart.
PLACE = Place(Layout("".join(f"x{n} = {n}\n" for n in range(200))), {}, same_line_ok=False)


def test_pick_draws_injectors_by_weight_not_by_number_of_sites():
    weights = injector_weights()
    heavy, light = "name_typo", "brackets_for_call"  # both runtime
    pool = _edits(heavy, 2, 0) + _edits(light, 40, 1000, first_line=100)
    rng = random.Random(7)
    drawn = Counter(pick(rng, pool, 1, [], PLACE)[0].injector for _ in range(3000))
    expected = weights[heavy] / (weights[heavy] + weights[light])
    assert abs(drawn[heavy] / 3000 - expected) < 0.04, (drawn, expected)


def test_pick_still_prefers_a_new_injector_for_the_second_error():
    pool = _edits("name_typo", 5, 0) + _edits("brackets_for_call", 1, 1000, first_line=100)
    for seed in range(20):
        picked = pick(random.Random(seed), pool, 2, [], PLACE)
        assert {e.injector for e in picked} == {"name_typo", "brackets_for_call"}


def test_an_injectors_forms_share_its_weight_by_the_forms_table():
    from debugex.engine.pick import site_weights
    from debugex.injectors import form_weights

    table = form_weights("empty_test_wrong_form")
    assert table and all(w > 0 for w in table.values())

    def edits(form: str, count: int, offset: int) -> list[Edit]:
        return [Edit("empty_test_wrong_form", "runtime", offset + n, offset + n + 1, "x", 1,
                     (("form", form),)) for n in range(count)]
    pool = edits("one_empty", 9, 0) + edits("zero", 1, 100) + _edits("name_typo", 3, 500)
    weights = injector_weights()
    shares_ = site_weights(pool, weights)
    one, zero = sum(shares_[:9]), shares_[9]
    assert abs(one + zero - weights["empty_test_wrong_form"]) < 1e-9
    assert abs(one / zero - table["one_empty"] / table["zero"]) < 1e-9
    assert abs(sum(shares_[10:]) - weights["name_typo"]) < 1e-9  # no form: shared alike
