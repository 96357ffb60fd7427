"""The mistakes of issue 23 where students make them: the roles `variable_misuse` swaps,
the element/collection, empty-test, indexed-comparison and return-value injectors, and
the look-alike places each must leave alone. Sites only: no program is run here (the
golden examples in tests/test_injectors.py run theirs)."""

import pytest

from debugex.changes import recover_changes
from debugex.changes.candidates import find_sites
from debugex.injectors import REGISTRY, ProgramIndex


def changed_lines(injector_id: str, source: str, description: str = "") -> list[str]:
    found = find_sites(ProgramIndex(source, description), [REGISTRY[injector_id]])
    return sorted(e.apply(source).split("\n")[e.line - 1].strip() for e in found)


EXTREMES = ("def extremes(ages):\n    oldest = ages[0]\n    youngest = ages[0]\n"
            "    for age in ages:\n        if age > oldest:\n            oldest = age\n"
            "        if age < youngest:\n            youngest = age\n"
            "    return (oldest, youngest)\n")
UNIQUE = ("def unique(items):\n    result = []\n    for x in items:\n"
          "        if x not in result:\n            result.append(x)\n    return result\n")

CONVERT = ("def convert(amount, unit, places):\n    if unit == 'km':\n        factor = 1000\n"
           "    elif unit == 'cm':\n        factor = 0.01\n"
           "    return round(amount * factor, places)\n")

DIGITS = ("def digits(number, base):\n    out = []\n    while number > 0:\n"
          "        out.append(number % base)\n        number //= base\n    return out\n")

CASES = [
    # the list being built and the list it is built from, both ways
    ("variable_misuse", UNIQUE, "", {"if x not in items:", "return items"}, set()),
    # values kept side by side: an update of one written to the other
    ("variable_misuse", EXTREMES, "", {"youngest = age", "oldest = age"}, set()),
    # never the first assignment of a name (that is a NameError, not a mix-up)
    ("variable_misuse", "def f(n):\n    a = n\n    b = n * 2\n    return a + b\n", "",
     set(), {"b = n", "a = n * 2"}),
    # an item for its collection only where it still runs (len, append, ==, [0])
    ("variable_misuse", "def sizes(words):\n    out = []\n    for w in words:\n"
     "        out.append(len(w))\n    return out\n", "", {"out.append(len(words))"},
     {"out.append(len(w.upper()))"}),
    # two fields unpacked from one item
    ("variable_misuse", "def book(entries):\n    d = {}\n    for name, phone in entries:\n"
     "        d[name] = phone\n    return d\n", "", {"d[name] = name"}, set()),
    # never the name an if/elif chain without else tests, where only its branch binds a
    # name read after it (UnboundLocalError); with an else the swap stays
    ("variable_misuse", CONVERT, "", set(), {"if places == 'km':", "elif amount == 'cm':"}),
    ("variable_misuse", CONVERT.replace("    return", "    else:\n        factor = 1\n"
                                        "    return"), "",
     {"if places == 'km':", "elif amount == 'cm':"}, set()),
    # never a name whose only binding is the statement being computed (NameError)
    ("variable_misuse", "marks = [m * 2 for m in range(5)]\nprint(marks)\n"
     "passed = [\n    m for m in marks if m > 4]\nprint(passed)\n", "", {"print(marks)"},
     {"m for m in passed if m > 4]"}),
    # never `n //= n` in a `while` loop whose test holds at 1 (it never ends); at `n > 1`
    # the loop stops and the swap stays
    ("variable_misuse", DIGITS, "", set(), {"number //= number"}),
    ("variable_misuse", DIGITS.replace("number > 0", "number > 1"), "",
     {"number //= number"}, set()),
    # a parameter renamed in the def line: synonyms, the task's own words first
    ("renamed_parameter", "def day_of_year(day, month):\n    return (month - 1) * 30 + day\n",
     "the day of the year of a date", {"def day_of_year(date, month):"}, set()),
    # never when the program itself binds the old name (the body would read that one)
    ("renamed_parameter", "day = 3\ndef f(day):\n    return day + 1\nprint(f(day))\n", "",
     set(), {"def f(date):"}),
    # element vs collection: text walked by += (logical), a number joined by + (runtime)
    ("item_added_as_list", "def caps(words):\n    out = []\n    for word in words:\n"
     "        out.append(word.upper())\n    return out\n", "",
     {"out += word.upper()", "out.extend(word.upper())"}, set()),
    ("item_added_as_list", "def sq(n):\n    out = []\n    for i in range(n):\n"
     "        out.append(i * i)\n    return out\n", "", set(), {"out += i * i"}),
    ("item_joined_to_list", "def sq(n):\n    out = []\n    for i in range(n):\n"
     "        out.append(i * i)\n    return out\n", "", {"out = out + i * i", "out += i * i"},
     set()),
    ("item_joined_to_list", "def wrap(xs):\n    return [0] + xs\n", "", {"return 0 + xs"},
     set()),
    # the emptiness test only where the code it guards would crash on an empty value
    ("empty_test_wrong_form", "def first(items):\n    if len(items) == 0:\n"
     "        return None\n    return items[0]\n", "", {"if items == ():"}, {"if items == []:"}),
    ("empty_test_wrong_form", "def first(items):\n    if len(items) == 0:\n"
     "        return None\n    return items[0]\n", "a list or tuple",
     {"if items == ():", "if items == []:"}, set()),
    ("empty_test_wrong_form", "def show(items):\n    if len(items) == 0:\n"
     "        print('none')\n    print(len(items))\n", "", set(), {"if items == ():"}),
    # an index dropped on both sides (never [0]: tuples compare by their first item)
    ("index_dropped_on_both_sides", "def f(ps, b):\n    for p in ps:\n"
     "        if p[1] > b[1]:\n            b = p\n    return b\n", "", {"if p > b:"}, set()),
    ("index_dropped_on_both_sides", "def f(ps, b):\n    for p in ps:\n"
     "        if p[0] > b[0]:\n            b = p\n    return b\n", "", set(), {"if p > b:"}),
    ("index_on_one_side", "def f(rs, mean):\n    n = 0\n    for r in rs:\n"
     "        if r[1] > mean:\n            n += 1\n    return n\n", "", {"if r > mean:"},
     set()),
    # a wrong return value
    ("wrong_return_value", "def f(xs):\n    if not xs:\n        return []\n    return xs[1:]\n",
     "", {"return None"}, set()),
    ("wrong_return_value", "def top(xs, k):\n    return sorted(xs)[:k]\n", "",
     {"return sorted(xs)[:1]", "return sorted(xs)[:3]"}, set()),
    # an item and its collection where the other one crashes; never on text
    ("item_collection_mixup", "def f(items, limit):\n    n = 0\n    for item in items:\n"
     "        if item > limit:\n            n += 1\n    return n\n", "",
     {"if items > limit:"}, set()),
    ("item_collection_mixup", "def f(text):\n    n = 0\n    for ch in text:\n"
     "        if ch > 'm':\n            n += 1\n    return n\n", "", set(),
     {"if text > 'm':"}),
    ("method_not_called", "def desc(xs):\n    new = sorted(xs)\n    new.reverse()\n"
     "    return new\n", "", {"return new.reverse"}, set()),
]


@pytest.mark.parametrize("injector_id,source,description,offered,refused", CASES,
                         ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)])
def test_sites_where_students_make_the_mistake(injector_id, source, description, offered,
                                                refused):
    lines = set(changed_lines(injector_id, source, description))
    assert offered <= lines, lines
    assert not refused & lines, lines


@pytest.mark.parametrize("correct,incorrect", [
    ("if len(s) == 0:\n", "if s == []:\n"),
    ("if not s:\n", "if s == ():\n"),
    ("if p[1] > best[1]:\n", "if p > best:\n"),
    ("if x > best:\n", "if x[1] > best[1]:\n"),
    ("if people[j][1] < people[k][1]:\n", "if people[j] < people[k]:\n"),
])
def test_one_comparison_rewritten_is_one_change(correct, incorrect):
    assert len(recover_changes(correct, incorrect)) == 1


@pytest.mark.parametrize("correct,incorrect", [
    ("x = a[1] + b[1]\n", "x = a + b\n"),  # no comparison: two slips
    ("if a[1] > b[1] and c[1] > d:\n", "if a > b[1] and c > d:\n"),
])
def test_edits_apart_stay_two_changes(correct, incorrect):
    assert len(recover_changes(correct, incorrect)) == 2
