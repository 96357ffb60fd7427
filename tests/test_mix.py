"""Balancing a batch's injector weights against what its exercises offer (engine/mix.py):
the batch's picks replayed with `pick`, nothing run."""

from debugex.engine import Offer, balanced_weights, shortfalls
from debugex.engine.mix import MAX_SCALE, fresh_capacity, simulated_counts
from debugex.formats import Request
from debugex.injectors import Edit

SOURCE = "".join(f"x{n} = {n}\n" for n in range(1, 13))  # twelve lines, one per edit
CLASSES = {"common": "logical", "rare": "logical", "absent": "logical", "typo": "syntax"}
WEIGHTS = {"common": 1.0, "rare": 1.0, "absent": 0.5, "typo": 2.0}


def edit(injector: str, line: int, error_class: str = "logical") -> Edit:
    start = SOURCE.index(f"x{line} =")
    return Edit(injector, error_class, start, start + 1, "y", line)


def offers() -> list[Offer]:
    # `common` has a site on every line of every program; `rare` four sites in one of four
    common = [edit("common", n) for n in range(1, 11)]
    typos = [edit("typo", n, "syntax") for n in range(11, 13)]
    requests = [Request(syntax=1, logical=1)] * 6
    plain = Offer(SOURCE, {"logical": common, "syntax": typos}, requests)
    rich = Offer(SOURCE, {"logical": common + [edit("rare", n) for n in (2, 4, 6, 8)],
                          "syntax": typos}, requests)
    return [plain, plain, plain, rich]


def test_plain_weights_favour_what_every_exercise_offers():
    counts = simulated_counts(offers(), WEIGHTS)
    assert counts["common"] > 3 * counts["rare"]


def test_balanced_weights_raise_what_few_exercises_offer():
    scaled = balanced_weights(offers(), WEIGHTS, CLASSES)
    before = simulated_counts(offers(), WEIGHTS, seed=9)
    after = simulated_counts(offers(), scaled, seed=9)
    assert scaled["rare"] > scaled["common"]
    assert after["rare"] > before["rare"]
    assert sum(after.values()) == sum(before.values())  # nothing asked is lost
    assert scaled["absent"] == WEIGHTS["absent"]  # nothing to balance
    assert all(WEIGHTS[i] / MAX_SCALE - 1e-9 <= scaled[i] <= WEIGHTS[i] * MAX_SCALE + 1e-9
               for i in scaled)


def test_shortfalls_name_what_cannot_be_balanced_and_where_it_is_offered():
    scaled = balanced_weights(offers(), WEIGHTS, CLASSES)
    short = shortfalls(offers(), WEIGHTS, scaled, CLASSES)
    assert short["absent"]["exercises"] == 0 and short["absent"]["expected"] == 0
    assert short["rare"]["exercises"] == 1
    assert "typo" not in short


def test_shortfalls_count_fresh_edits_against_the_share_asked():
    # `rare` has four distinct edits in one exercise whose drafts ask six logical errors:
    # at most four of its errors can be fresh, below the share its weight asks, so the
    # reuse rule (fresh edits first) is what keeps it short
    scaled = balanced_weights(offers(), WEIGHTS, CLASSES)
    short = shortfalls(offers(), WEIGHTS, scaled, CLASSES)["rare"]
    assert short["fresh"] == fresh_capacity(offers(), "rare", "logical") == 4
    assert short["fresh"] < short["wanted"]


def test_fresh_capacity_is_bounded_by_what_the_drafts_ask():
    few = [Offer(SOURCE, {"logical": [edit("common", n) for n in range(1, 11)]},
                 [Request(logical=1)] * 3)]
    assert fresh_capacity(few, "common", "logical") == 3  # ten edits, three errors asked
    repeated = [Offer(SOURCE, {"logical": [edit("common", 1)] * 4}, [Request(logical=1)] * 3)]
    assert fresh_capacity(repeated, "common", "logical") == 1  # one edit, however listed



def test_simple_scripts_are_balanced_apart_from_longer_programs():
    from debugex.engine import balanced_by_shape, is_simple_script

    longer = "".join(f"def f{n}():\n    return {n}\n" for n in range(2)) + SOURCE
    assert is_simple_script(SOURCE) and not is_simple_script(longer)
    plain, _, _, rich = offers()
    shaped = {"s1": plain, "s2": plain, "p1": Offer(longer, rich.edits, rich.requests)}
    weights_of, short = balanced_by_shape(shaped, WEIGHTS, CLASSES)
    # the simple scripts offer no `rare` site: their weights are their own, balanced on them
    assert weights_of["s1"] is weights_of["s2"] and weights_of["s1"] is not weights_of["p1"]
    assert weights_of["s1"] == balanced_weights([plain, plain], WEIGHTS, CLASSES)
    assert weights_of["p1"] == balanced_weights([shaped["p1"]], WEIGHTS, CLASSES)
    assert all(set(row) == {"share", "expected", "exercises", "fresh", "wanted"}
               for row in short.values())


def test_a_logical_error_takes_another_fresh_site_before_a_changed_output_text():
    import random

    from debugex.engine.density import Layout
    from debugex.engine.pick import Place, pick

    layout = Layout(SOURCE)
    text = [Edit("changed_output_text", "logical", SOURCE.index(f"x{n} ="),
                 SOURCE.index(f"x{n} =") + 1, "z", n) for n in range(1, 11)]
    constant = [edit("wrong_constant", 12)]
    for seed in range(10):
        place = Place(layout, {}, False)
        assert pick(random.Random(seed), text + constant, 1, [], place)[0].injector \
            == "wrong_constant"


def test_a_replay_spread_over_processes_counts_as_one_process_does():
    # each exercise replays from its own random stream, so slices give the same counts
    from debugex.engine import spread_replay

    many = offers() * 8  # past the size where the replay is spread
    for seed in (0, 3):
        sliced = simulated_counts(many[:13], WEIGHTS, seed) \
            + simulated_counts(many[13:], WEIGHTS, seed, first=13)
        assert sliced == simulated_counts(many, WEIGHTS, seed)
    # forked only from a process of one thread (a test runner's worker may have more)
    with spread_replay(many, 2) as replay:
        spread = [replay(WEIGHTS, seed) for seed in (0, 3)]
        scaled = balanced_weights(many, WEIGHTS, CLASSES, rounds=2, replay=replay)
    assert spread == [simulated_counts(many, WEIGHTS, seed) for seed in (0, 3)]
    assert scaled == balanced_weights(many, WEIGHTS, CLASSES, rounds=2)
