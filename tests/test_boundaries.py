"""Where `boundary_slip` leaves a comparison alone (injectors/boundaries.py): each place
left alone is shown, by running the changed program, to end in a time-out or a raise,
and the shape next to it that does show a wrong output is still offered."""

from __future__ import annotations

import pytest

from debugex.changes.candidates import find_sites
from debugex.injectors import REGISTRY, ProgramIndex
from debugex.sandbox import Job

DIGITS = ("def digits(n):\n    out = []\n    while n > 0:\n        out.append(n % 10)\n"
          "        n //= 10\n    return out\n\n\nprint(digits(907))\n")
COUNTDOWN = "k = 3\nwhile k > 0:\n    print(k)\n    k = k - 1\n"
FACTORS = ("def factors(n):\n    found = []\n    d = 2\n    while n > 1:\n"
           "        while n % d == 0:\n            found.append(d)\n            n //= d\n"
           "        d += 1\n    return found\n\n\nprint(factors(12))\n")
HALVES = ("def halves(n):\n    steps = 0\n    while n > 1:\n        n //= 2\n"
          "        steps += 1\n    return steps\n\n\nprint(halves(8))\n")
SEARCH = ("def find(xs, v):\n    low, high = 0, len(xs) - 1\n    while low <= high:\n"
          "        mid = (low + high) // 2\n        if xs[mid] > v:\n            high = mid - 1\n"
          "        elif xs[mid] < v:\n            low = mid + 1\n        else:\n"
          "            return mid\n    {after}\n\n\nprint(find([1, 3, 5, 7], 7))\n")
SIZES = ("def size(n):\n    if n < 10:\n        word = 'small'\n    elif n <= 99:\n"
         "        word = 'medium'\n{rest}    return word\n\n\nprint(size(99))\n")


def _slips(source: str) -> dict[int, set[str]]:
    """line -> the changed lines (stripped) boundary_slip offers there."""
    found: dict[int, set[str]] = {}
    for edit in find_sites(ProgramIndex(source), [REGISTRY["boundary_slip"]]):
        found.setdefault(edit.line, set()).add(
            edit.apply(source).split("\n")[edit.line - 1].strip())
    return found


# (program, its line, the slip typed there (not offered), what the changed program does)
LEFT_ALONE = [
    (DIGITS, 3, "while n >= 0:", "timeout"),  # 0 // 10 is 0
    (FACTORS, 4, "while n >= 1:", "timeout"),  # 1 has no divisor: n stays 1
    (SEARCH.format(after="raise ValueError(v)"), 3, "while low < high:", "exception"),
    (SEARCH.format(after="raise ValueError(v)"), 5, "if xs[mid] >= v:", "exception"),
    (SIZES.format(rest=""), 4, "elif n < 99:", "exception"),  # `word` never bound
]


@pytest.mark.parametrize("source,line,slip,ending", LEFT_ALONE,
                         ids=[f"{n}-{r[2]}" for n, r in enumerate(LEFT_ALONE)])
def test_left_alone_where_the_boundary_ends_the_run(source, line, slip, ending, sandbox):
    assert slip not in _slips(source).get(line, set())
    lines = source.split("\n")
    indent = lines[line - 1][:len(lines[line - 1]) - len(lines[line - 1].lstrip())]
    lines[line - 1] = indent + slip
    before, after = sandbox.run_many([Job(source, timeout=0.5),
                                      Job("\n".join(lines), timeout=0.5)])
    assert before.kind == "finished" and after.kind == ending, after


@pytest.mark.parametrize("source,line,slip", [
    (COUNTDOWN, 2, "while k >= 0:"),  # counts down by subtraction: one pass more
    (HALVES, 3, "while n >= 1:"),  # 1 // 2 is 0: one halving more, then it ends
    (SEARCH.format(after="return -1"), 3, "while low < high:"),  # "not found": -1
    (SIZES.format(rest="    else:\n        word = 'large'\n"), 4, "elif n < 99:"),
])
def test_still_offered_where_the_boundary_shows(source, line, slip):
    assert slip in _slips(source)[line]
