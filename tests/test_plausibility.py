"""The plausibility filters: one table of edits a student would not make, one of edits
they would, and the guarantee that find_sites never offers a refused edit."""

import pytest
from bundled_sites import bundled_sites, shares_sites
from hypothesis import given, settings
from hypothesis import strategies as st

from debugex.injectors import Edit, ProgramIndex
from debugex.injectors.plausibility import (
    CONTRADICTS_COMMENT,
    INSIDE_COMMENT,
    SCALED_BY_TEN,
    SELF_OPERATION,
    absurdities,
    scaled_by_ten,
)


def edit_of(source: str, old: str, new: str, nth: int = 0) -> Edit:
    start = -1
    for _ in range(nth + 1):
        start = source.index(old, start + 1)
    line = source.count("\n", 0, start) + 1
    return Edit("test", "logical", start, start + len(old), new, line)


CASES = [
    # (source, text replaced (first occurrence), replacement, description, reasons)
    ("price = 3\ncost = 4\nprint(price - cost)\n", "cost)", "price)", "", [SELF_OPERATION]),
    ("b = 3\nc = 4\nif b != c:\n    print(b)\n", "c:", "b:", "", [SELF_OPERATION]),
    ("w = 3\nh = 4\nprint(w * h)\n", "h)", "w)", "", []),  # a square is ordinary code
    ('xs = [1, 2]\nprint(f"{max(xs) - min(xs)}")\n', "min", "max", "", [SELF_OPERATION]),
    # an index changed next to the same item: no name brought in, still itself
    ("pair = (3, 9)\nprint(pair[1] - pair[0])\n", "0]", "1]", "", [SELF_OPERATION]),
    ("pair = (3, 9)\nprint(pair[1] - pair[0])\n", "1]", "2]", "", []),
    ("age = 20\nif age < 18:\n    print(1)\n", "18", "180", "", [SCALED_BY_TEN]),
    ("p = 2.0\nprint(p * 0.2)\n", "0.2", "0.02", "", [SCALED_BY_TEN]),
    ("cm = 250\nprint(cm / 100)\n", "100", "10", "Convert centimetres to metres.",
     []),  # a task about units
    ("age = 20\nif age < 18:\n    print(1)\n", "18", "19", "", []),
    ("n = 5\n# divide by 2 to find the middle\nprint(n % 2)\n", "2)", "3)", "",
     [CONTRADICTS_COMMENT]),
    ("n = 5\nprint(n % 2)  # two groups\n", "2)", "3)", "", [CONTRADICTS_COMMENT]),
    ("n = 5\nprint(n % 2)  # groups\n", "2)", "3)", "", []),
    ("x = 1  # the total\nprint(x)\n", "total", "totl", "", [INSIDE_COMMENT]),
    ('def f():\n    """Add the values."""\n    return 1\nprint(f())\n', "Add", "Ad", "",
     [INSIDE_COMMENT]),
]


@pytest.mark.parametrize("source,old,new,description,reasons", CASES)
def test_plausibility_table(source, old, new, description, reasons):
    program = ProgramIndex(source, description)
    assert absurdities(program, edit_of(source, old, new), description) == reasons


@pytest.mark.parametrize("old,new,expected", [
    ("18", "180", True), ("100", "10", True), ("0.2", "0.02", True), ("3", "3000", True),
    ("18", "19", False), ("20", "30", False), ("0.2", "0.3", False), ("5", "50.5", False),
    ("0", "0", False), ("x", "x0", False),
])
def test_scaled_by_ten(old, new, expected):
    assert scaled_by_ten(old, new) is expected


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=6))
def test_any_power_of_ten_factor_is_caught(value, power):
    assert scaled_by_ten(str(value), str(value * 10**power))
    assert not scaled_by_ten(str(value), str(value + 1))


@shares_sites
def test_find_sites_never_offers_an_absurd_edit():
    for exercise, program, edits in bundled_sites():
        for edit in edits:
            assert absurdities(program, edit, exercise.description) == [], (
                exercise.slug, edit)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.integers(min_value=0, max_value=10**5).map(str),
                 st.decimals(min_value="0.001", max_value="999", places=3,
                             allow_nan=False, allow_infinity=False).map(str)))
def test_wrong_constant_slips_are_never_powers_of_ten(old):
    from debugex.injectors.values import _changed_numbers

    for new in _changed_numbers(old):
        assert new != old and not scaled_by_ten(old, new), (old, new)


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"[a-z][a-z_]{1,12}", fullmatch=True))
def test_every_misspelling_is_another_name(name):
    from debugex.injectors.names import misspellings

    for kind, typo in misspellings(name).items():
        assert typo != name and len(typo) >= 2 and typo.isidentifier(), (kind, typo)
