"""The fast paths of composition choose exactly what the plain algorithm chooses: the
same edits from the same random draws, so a batch is byte-identical for the same seed."""

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from debugex.engine.density import Layout
from debugex.engine.pick import Place, Pool, edit_signature, pick
from debugex.injectors import Edit
from debugex.injectors.weights import injector_weights

PROGRAM = ("n = int(input())\n"
           "total = 0\n"
           "for i in range(n):\n"
           "    if i % 2:\n"
           "        total += i\n"
           "    else:\n"
           "        total -= 1\n"
           "    print(i,\n"
           "          total)\n"
           "while total > 10:\n"
           "    total //= 2\n"
           "print(total)\n")
LAYOUT = Layout(PROGRAM)
INJECTORS = ["name_typo", "brackets_for_call", "off_by_one_range", "missing_colon"]


def plain_allowed(place: Place, edit: Edit, taken) -> bool:
    if any(edit.overlaps(t) for t in taken):
        return False
    return place.same_line_ok or all(t.line != edit.line for t in taken)


def plain_pick(rng, pool, count, chosen, place):
    """`pick` as it was first written: every key and every check computed afresh."""
    weights = injector_weights()
    per_injector = Counter(e.injector for e in pool)
    keyed = [(rng.random() ** (per_injector[e.injector] / max(weights.get(e.injector, 0),
                                                              1e-6)), e) for e in pool]
    candidates = [e for _key, e in sorted(keyed, key=lambda k: -k[0])]
    picked = []
    for _ in range(count):
        taken = chosen + picked
        usable = [e for e in candidates if plain_allowed(place, e, taken)]
        if not usable:
            break
        best = min(usable, key=lambda e: place.key(e, taken))
        picked.append(best)
        candidates.remove(best)
    if len(picked) < count:
        picked = []
        for edit in sorted(pool, key=lambda e: (e.end, e.start)):
            if len(picked) == count:
                break
            if plain_allowed(place, edit, chosen + picked):
                picked.append(edit)
    return picked


edits = st.builds(
    lambda start, length, line, injector, text: Edit(injector, "runtime", start,
                                                     start + length, text, line),
    st.integers(0, 60), st.integers(0, 3), st.integers(1, 13), st.sampled_from(INJECTORS),
    st.sampled_from(["x", "y", ""]))


@given(pool=st.lists(edits, max_size=14), chosen=st.lists(edits, max_size=3),
       count=st.integers(1, 4), same_line_ok=st.booleans(), seed=st.integers(0, 2**16),
       used_share=st.integers(0, 3))
def test_pick_chooses_what_the_plain_algorithm_chooses(pool, chosen, count, same_line_ok,
                                                       seed, used_share):
    used = Counter(edit_signature(e) for e in pool[:used_share])
    plain_rng, fast_rng = random.Random(seed), random.Random(seed)
    expected = plain_pick(plain_rng, pool, count, chosen, Place(LAYOUT, used, same_line_ok))
    place = Place(LAYOUT, used, same_line_ok)
    assert pick(fast_rng, Pool.of(pool, injector_weights()), count, chosen, place) \
        == expected
    assert fast_rng.random() == plain_rng.random()  # the same draws were made


@given(taken=st.lists(edits, max_size=4), candidates=st.lists(edits, min_size=1, max_size=6),
       used_share=st.integers(0, 3))
def test_keyer_gives_the_same_keys_as_key(taken, candidates, used_share):
    used = Counter(edit_signature(e) for e in candidates[:used_share])
    place = Place(LAYOUT, used, False)
    key = place.keyer(taken)
    assert [key(e) for e in candidates] == [place.key(e, taken) for e in candidates]
