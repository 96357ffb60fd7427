"""Table-driven: the forms students type for each mistake (issue 37, "Real mistakes v3").

One row per form: an injector, a correct program, the form (the edit's `form` detail),
the changed line as the student types it, and the class the changed program shows. The
injector must offer exactly that edit with that form; the class is shown by one run of
both programs in the sandbox with the input "4" (a batch of all rows at once: rows stay
cheap). Places an injector must leave alone are rows with no form (None).
"""

from __future__ import annotations

import pytest

from debugex.changes.candidates import find_sites
from debugex.injectors import REGISTRY, ProgramIndex, form_weights
from debugex.sandbox import Job

R, L = "runtime", "logical"

FIRST = "def first(items):\n    if {test}:\n        return None\n    return items[0]\n\n\n" \
        "print(first([]))\nprint(first((4,)))\n"
GROW = "def keep(words):\n    out = []\n    for w in words:\n        {line}\n    return out\n\n\n" \
       "print(keep(['ab', 'c']))\n"
NUMS = "def keep(nums):\n    out = []\n    for n in nums:\n        {line}\n    return out\n\n\n" \
       "print(keep([3, 4]))\n"
PEOPLE = "def oldest(people):\n    best = people[0]\n    for p in people:\n" \
         "        if p[1] > best[1]:\n            best = p\n    return best[0]\n\n\n" \
         "print(oldest([('Al', 3), ('Bo', 9), ('Cy', 5)]))\n"
SEARCH = "def last(items, t):\n    where = -1\n    for i in range(len(items)):\n" \
         "        if items[i] == t:\n            where = i\n    return where\n\n\n" \
         "print(last([5, 1, 2], 5), last([1, 5], 5), last([1], 7))\n"

DISPATCH = "def act(w):\n    if w == 'a':\n        print(1)\n    elif w == 'b':\n" \
           "        print(2)\n    else:\n        {last}\n\n\nact('a')\nact('b')\n"

ROWS = [
    # empty_test_wrong_form: one empty value, a merged `or`, `and`, zero, one item
    ("empty_test_wrong_form", FIRST.format(test="len(items) == 0"), "one_empty",
     "if items == ():", R),
    ("empty_test_wrong_form", FIRST.format(test="len(items) == 0"), "or_empty",
     "if items == () or []:", R),
    ("empty_test_wrong_form", FIRST.format(test="len(items) == 0"), "and_empty",
     "if items == () and []:", R),
    ("empty_test_wrong_form", FIRST.format(test="not items"), "zero", "if items == 0:", R),
    ("empty_test_wrong_form", FIRST.format(test="len(items) <= 1").replace(
        "return None", "return list(items)"), "one_item", "if len(items) == 1:", R),
    # return_as_assignment: the guard's value stored in the name computed after it
    ("return_as_assignment", "def mean(xs):\n    if not xs:\n        return 0\n    total = 0\n"
     "    for x in xs:\n        total += x\n    return total / len(xs)\n\n\nprint(mean([]))\n",
     "assigned", "total = 0", R),
    # item_added_as_list: the parts of a word or a record added one by one
    ("item_added_as_list", GROW.format(line="out.append(w)"), "plus_equals", "out += w", L),
    ("item_added_as_list", GROW.format(line="out.append(w)"), "extend", "out.extend(w)", L),
    ("item_added_as_list", GROW.format(line="out.extend([w])"), "extend_list",
     "out.extend(list(w))", L),
    ("item_added_as_list", "def seniors(people):\n    seen = []\n    for p in people:\n"
     "        if p[1] > 60:\n            seen += [p]\n    return seen\n\n\n"
     "print(seniors([('Al', 70), ('Bo', 9)]))\n", "plus_equals", "seen += p", L),
    # item_joined_to_list: a number joined or walked as if it were a list
    ("item_joined_to_list", NUMS.format(line="out.append(n)"), "plus", "out = out + n", R),
    ("item_joined_to_list", NUMS.format(line="out += [n]"), "plus_equals", "out += n", R),
    ("item_joined_to_list", NUMS.format(line="out.extend([n])"), "extend_list",
     "out.extend(list(n))", R),
    ("item_joined_to_list", NUMS.format(line="out += [n]"), "plus", "out = out + n", R),
    ("item_joined_to_list", NUMS.format(line="out += [n]"), "item_first", "n += out", R),
    ("item_joined_to_list", GROW.format(line="out += [w]"), "item_first", "w += out", R),
    # brackets_for_call: square brackets for a method's call, or a dot
    ("brackets_for_call", GROW.format(line="out.append(w)"), "brackets", "out.append[w]", R),
    ("brackets_for_call", GROW.format(line="out.append(w)"), "dot", "out.append.w", R),
    # method_not_called: the list's method returned instead of the ordered list
    ("method_not_called", "def backwards(xs):\n    new = []\n    for x in xs:\n"
     "        new.insert(0, x)\n    return new\n\n\nprint(backwards([1, 2]))\n",
     "returned", "return new.reverse", L),
    # wrong_function: the in-place method where a new list is returned
    ("wrong_function", "def rev(xs):\n    copy = xs[:]\n    return copy[::-1]\n\n\n"
     "print(rev([1, 2]))\n", "in_place_for_copy", "return list.reverse(copy)", L),
    ("wrong_function", "def ordered(xs):\n    return sorted(xs)\n\n\nprint(ordered([2, 1]))\n",
     "in_place_for_copy", "return xs.sort()", L),
    # off_by_one_range: one short and one over
    ("off_by_one_range", SEARCH, "one_short", "for i in range(len(items) - 1):", L),
    ("off_by_one_range", "def head(xs, k):\n    t = 0\n    for i in range(k):\n"
     "        t += xs[i]\n    return t\n\n\nprint(head([1, 2, 3], 2))\n", "one_over",
     "for i in range(k + 1):", L),
    ("off_by_one_range", "def days(m):\n    n = [31, 28, 31]\n    t = 0\n"
     "    for i in range(m - 1):\n        t += n[i]\n    return t\n\n\nprint(days(2))\n",
     "one_over", "for i in range(m):", L),
    # a loop up to a length that indexes with its variable ends one short, never one over
    # (one turn more reads past the end: an IndexError, not the logical error claimed)
    ("off_by_one_range", "def shade(grid):\n    rows = len(grid)\n    for r in range(rows):\n"
     "        print(grid[r] * 2)\n\n\nshade([1, 2])\n", "one_short",
     "for r in range(rows - 1):", L),
    ("off_by_one_range", "def shade(grid):\n    rows = len(grid)\n    for r in range(rows):\n"
     "        print(r * 2)\n\n\nshade([1, 2])\n", "one_over", "for r in range(rows + 1):", L),
    # wrong_value_used: a slice bound one off both ways
    ("wrong_value_used", "def first(xs, k):\n    return xs[:k]\n\n\nprint(first([5, 6, 7], 2))\n",
     "end_over", "return xs[:k + 1]", L),
    ("wrong_value_used", "def before(days, m):\n    return sum(days[:m - 1])\n\n\n"
     "print(before([31, 28, 31], 3))\n", "adjustment_dropped", "return sum(days[:m])", L),
    ("wrong_value_used", "def tail(text, k):\n    return text[-k:]\n\n\n"
     "print(tail('spring', 3))\n", "start_from_end", "return text[-k + 1:]", L),
    ("off_by_one_range", "def evens(n):\n    out = []\n    for i in range(n):\n"
     "        out.append(2 * i)\n    return out\n\n\nprint(evens(3))\n", "from_one",
     "for i in range(1, n):", L),
    ("off_by_one_range", "n = 3\nfor i in range(n, 0, -1):\n    print(i)\nprint('Go!')\n",
     "countdown_short", "for i in range(n, 1, -1):", L),
    ("off_by_one_range", "def back(xs):\n    out = []\n    for i in range(len(xs) - 1, -1, -1):\n"
     "        out.append(xs[i])\n    return out\n\n\nprint(back([1, 2]))\n",
     "countdown_short", "for i in range(len(xs) - 1, 0, -1):", L),
    # wrong_constant: a start value one off
    ("wrong_constant", SEARCH, "start", "where = 0", L),
    ("wrong_constant", "n = 0\nfor w in ['a', 'b']:\n    n += 1\nprint(n)\n", "start",
     "n = 1", L),
    # wrong_return_value: the loop's index, the reversal dropped, a fixed slice
    ("wrong_return_value", SEARCH, "loop_index", "return i", L,
     "Return the last position of t in a non-empty list, or -1."),
    ("wrong_return_value", "def rev(xs):\n    copy = xs[:]\n    return copy[::-1]\n\n\n"
     "print(rev([1, 2]))\n", "not_reversed", "return copy", L),
    ("wrong_return_value", "def top(xs, k):\n    return sorted(xs)[:k]\n\n\n"
     "print(top([5, 1, 4, 2, 3, 6], 2))\n", "fixed_range", "return sorted(xs)[0:3]", L),
    # name_typo: another spelling of the name the student wrote
    ("name_typo", "def sq(xs):\n    new_lst = []\n    for x in xs:\n"
     "        new_lst.append(x * x)\n    return new_lst\n\n\nprint(sq([2]))\n", "near",
     "return new_list", R),
    ("name_typo", "def sq(xs):\n    new_lst = []\n    for x in xs:\n"
     "        new_lst.append(x * x)\n    return new_lst\n\n\nprint(sq([2]))\n", "near",
     "newlst.append(x * x)", R),
    # renamed_parameter: the word the task uses
    ("renamed_parameter", "def days_in(m):\n    return 28 if m == 2 else 31\n\n\n"
     "print(days_in(2))\n", "task_word", "def days_in(month):", R,
     "Return the number of days in a month."),
    # type_name_for_variable: the type's name for the variable named after it
    ("type_name_for_variable", "def count(lst):\n    n = 0\n    for x in lst:\n"
     "        n += 1\n    return n\n\n\nprint(count([1]))\n", "loop", "for x in list:", R),
    ("type_name_for_variable", "def mid(lst):\n    return lst[len(lst) // 2]\n\n\n"
     "print(mid([1, 2, 3]))\n", "argument", "return lst[len(list) // 2]", R),
    ("type_name_for_variable", "def initial(string):\n    return string[0].upper()\n\n\n"
     "print(initial('ab'))\n", "index", "return str[0].upper()", R),
    # type_name_indexed: the type's name indexed, a description that runs on quietly
    ("type_name_indexed", "def like_first(lst):\n    n = 0\n    for x in lst:\n"
     "        if x == lst[0]:\n            n += 1\n    return n\n\n\n"
     "print(like_first([2, 5, 2]))\n", "compared", "if x == list[0]:", L),
    ("type_name_indexed", "def month_of(tup):\n    return 'month ' + str(tup[1])\n\n\n"
     "print(month_of((4, 7)))\n", "shown", "return 'month ' + str(tuple[1])", L),
    # index_on_one_side: a field kept for the record, a record added to a number
    ("index_on_one_side", PEOPLE, "field_kept", "best = p[1]", R),
    ("index_on_one_side", "def pages(books):\n    t = 0\n    for b in books:\n"
     "        t += b[1]\n    return t\n\n\nprint(pages([('a', 3)]))\n", "record_added",
     "t += b", R),
    # string_not_number: an input kept as text, compared with a number or repeated
    ("string_not_number", "n = int(input())\nprint(n, 'times 3 is', n * 3)\n", "", "n = input()",
     L),
    # places left alone
    ("empty_test_wrong_form", "def n(xs):\n    if len(xs) == 0:\n        return 0\n"
     "    return 1\n\n\nprint(n([]))\n", None, "", ""),  # nothing after the guard fails
    ("type_name_for_variable", "def f(lst):\n    return lst[0]\n\n\nprint(f([1]))\n", None,
     "", ""),  # `list[0]` is valid: no crash to show
    ("wrong_constant", "total = 0\nprint(total)\n", None, "", ""),  # never updated
    ("off_by_one_range", "for i in range(10, 0, -2):\n    print(i)\n", None, "",
     ""),  # a countdown by two stopped at 1 prints the same
    ("type_name_indexed", "def f(lst):\n    return lst[0] + 1\n\n\nprint(f([1]))\n", None,
     "", ""),  # `list[0] + 1` would crash: not the quiet mistake
    ("type_name_indexed", "def f(string):\n    return string[0] == 'a'\n\n\n"
     "print(f('ab'))\n", None, "", ""),  # `str[0]` raises: str takes no index
    ("wrong_return_value", SEARCH, None, "", ""),  # `return i` fails for an empty list
    ("not_dropped_or_added", "import re\n\n\ndef num(s):\n    m = re.search('[0-9]+', s)\n"
     "    if m:\n        return m.group()\n    return ''\n\n\nprint(num('a1'), num('b'))\n",
     None, "", ""),  # `if not m: m.group()`: None reaches `.group`, an AttributeError
    ("not_dropped_or_added", "def back(xs):\n    if xs:\n        return xs[::-1]\n"
     "    return [0]\n\n\nprint(back([1, 2]), back([]))\n", "", "if not xs:", L),
    # a slice of an empty list is no crash: the flipped test is a wrong answer
    ("boundary_slip", "def nxt(xs, i):\n    if i < len(xs) - 1:\n        return xs[i + 1]\n"
     "    return None\n\n\nprint(nxt([1, 2], 0), nxt([1, 2], 1))\n", None, "", ""),
    # `i <= len(xs) - 1` guarding `xs[i + 1]` reads past the end: an IndexError
    ("wrong_operator", "def odd(digits):\n    return set(digits) - set('01')\n\n\n"
     "print(odd('102'))\n", None, "", ""),  # sets: `+` raises, it is no slip of arithmetic
    ("wrong_equality_operator", "def act(w):\n    if w == 'a':\n        print(1)\n"
     "    elif w == 'b':\n        print(2)\n    elif w == 'c':\n        print(3)\n\n\n"
     "act('a')\nact('c')\n", None, "", ""),  # a pick among three: `!=` is no reading of it
    ("wrong_equality_operator", "def act(w):\n    if w == 'a':\n        print(1)\n"
     "    elif w == 'b':\n        print(2)\n\n\nact('a')\nact('c')\n", "",
     "elif w != 'b':", L),  # two values: `!=` is still offered
    ("string_not_number", "n = int(input())\nprint(n == 3, range(n))\n", None, "", ""),
    ("method_not_called", "def backwards(xs):\n    new = []\n    for x in xs:\n"
     "        new.insert(0, x)\n    return new\n\n\nprint(len(backwards([1])))\n", None, "",
     ""),  # the caller uses the list: the method would crash there
    # elif_to_if: a chain of its own, and a dispatch whose `else` only raises, left alone
    # (an earlier branch would fall into the raise: a runtime error, not this mistake)
    ("elif_to_if", DISPATCH.format(last="print('?')"), "", "if w == 'b':", L),
    ("elif_to_if", DISPATCH.format(last="raise ValueError(w)"), None, "", L),
]


def _sites(injector_id: str, source: str, task: str = ""):
    return find_sites(ProgramIndex(source, task), [REGISTRY[injector_id]])


def _offered(injector_id: str, source: str, task: str = "") -> dict[str, set[str]]:
    """form -> the changed lines (stripped) of the injector's edits of that form."""
    found: dict[str, set[str]] = {}
    for edit in _sites(injector_id, source, task):
        line = edit.apply(source).split("\n")[edit.line - 1].strip()
        found.setdefault(edit.info.get("form", ""), set()).add(line)
    return found


@pytest.mark.parametrize("injector_id,source,form,line,_class,task",
                         [r if len(r) == 6 else (*r, "") for r in ROWS],
                         ids=[f"{r[0]}-{r[2]}-{n}" for n, r in enumerate(ROWS)])
def test_form_offered(injector_id, source, form, line, _class, task):
    offered = _offered(injector_id, source, task)
    if form is None:
        assert offered == {}
        return
    assert line in offered.get(form, set()), offered
    assert _class == REGISTRY[injector_id].error_class
    table = form_weights(injector_id)
    assert not table or form in table, f"{form} has no weight in weights.toml"


def test_each_form_shows_its_class(sandbox):
    """Both programs of every row run once, in one batch: the changed one raises where
    the class is runtime, and prints something else where it is logical."""
    rows = [r if len(r) == 6 else (*r, "") for r in ROWS if r[2] is not None]
    jobs = []
    for injector_id, source, form, line, _class, task in rows:
        edit = next(e for e in _sites(injector_id, source, task)
                    if e.info.get("form", "") == form
                    and e.apply(source).split("\n")[e.line - 1].strip() == line)
        jobs += [Job(source, ("4",)), Job(edit.apply(source), ("4",))]  # for input()
    outcomes = sandbox.run_many(jobs)
    for (injector_id, _s, form, line, error_class, _t), before, after in zip(
            rows, outcomes[::2], outcomes[1::2], strict=True):
        assert before.kind == "finished", (injector_id, before)
        shown = R if after.kind == "exception" else (
            L if after.kind == "finished" and after.stdout != before.stdout else after.kind)
        assert shown == error_class, (injector_id, form, line, after)


def test_names_traded_only_where_the_item_is_no_list():
    """`r += out` is offered only for an item that is certainly no list (a number, a text,
    a record): a row that may be a list itself would take the list's items and run on."""
    rows = "def keep(rows):\n    out = []\n    for r in rows:\n        out += [r]\n" \
           "    return out\n\n\nprint(keep([[1], [2]]))\n"
    assert "item_first" not in _offered("item_joined_to_list", rows)
    assert "n += out" in _offered("item_joined_to_list", NUMS.format(line="out += [n]"))[
        "item_first"]


def test_length_loop_that_indexes_is_never_made_one_over():
    """`for r in range(rows)` with `rows = len(grid)` and `grid[r]` in the body: one turn
    more would raise, so only the short end is offered."""
    source = ("def shade(grid):\n    rows = len(grid)\n    for r in range(rows):\n"
              "        print(grid[r] * 2)\n\n\nshade([1, 2])\n")
    offered = _offered("off_by_one_range", source)
    assert "one_over" not in offered and offered["one_short"] == {"for r in range(rows - 1):"}


# Parallel lists grown in one loop: `names[i]` with `i` counted from `scores`, which grows
# alongside it, stays within it.
PAIRS = "names = []\nscores = []\nfor n, s in [('a', 3), ('b', 9)]:\n    names.append(n)\n" \
        "    scores.append(s)\nbest = 0\nfor i in range(len(scores)):\n" \
        "    if scores[i] > scores[best]:\n        best = i\nprint(names[best])\n"
# One entry per rank, read at ranks counted from the words: an entry fewer is read past.
RANKS = "def tally(words, ranks):\n    per_rank = []\n    for _ in range(ranks):\n" \
        "        per_rank.append(0)\n        {extra}\n    for w in words:\n" \
        "        for rank, _letter in enumerate(w):\n            per_rank[rank] += 1\n" \
        "    return per_rank\n\n\nprint(tally(['ab', 'b'], 2))\n"
DEAD = "def clean(xs):\n    ys = sorted(xs)\n    ys = list(ys)\n    return len(xs)\n\n\n" \
       "print(clean([2, 1]))\n"
SEARCHED = "def find(xs, t):\n    low, high = 0, len(xs) - 1\n    while low <= high:\n" \
           "        mid = (low + high) // 2\n        if xs[mid] < t:\n            low = mid + 1\n" \
           "        elif xs[mid] > t:\n            high = mid - 1\n        else:\n" \
           "            return mid\n    raise ValueError('absent')\n\n\nprint(find([1, 4], 4))\n"
TABLE = "def paths(n):\n    ways = [1 for _ in range(n + 1)]\n    for i in range(2, n + 1):\n" \
        "        ways[i] = ways[i - 1] + ways[i - 2]\n    return ways[n]\n\n\nprint(paths(4))\n"

# (injector, program, a line no longer changed, a line next to it still changed): a line
# as it was, or as the change makes it
DROPPED = [
    # an entry of a list read at positions counted from elsewhere: an IndexError
    ("missing_statement", RANKS.format(extra="pass"), "per_rank.append(0)", None),
    ("wrong_loop_placement", RANKS.format(extra="total = 0").replace(
        "        per_rank.append(0)\n        total = 0", "        total = 0\n"
        "        per_rank.append(0)"), "per_rank.append(0)", None),
    ("off_by_one_range", RANKS.format(extra="pass").replace("        pass\n", ""),
     "for _ in range(1, ranks):", "for _ in range(ranks + 1):"),
    # ... counted from a list grown alongside it: kept
    ("missing_statement", PAIRS, None, "scores.append(s)"),
    # a value nothing reads (a dead store): leaving it out changes nothing
    ("missing_statement", DEAD, "ys = list(ys)", None),
    ("missing_statement", DEAD.replace("len(xs)", "len(ys)"), None, "ys = list(ys)"),
    # a raise moved into the loop raises on its first pass
    ("wrong_loop_placement", SEARCHED, "raise ValueError('absent')", None),
    # a table one shorter whose last place is read
    ("off_by_one_range", TABLE, "ways = [1 for _ in range(n)]", "for i in range(2, n):"),
]


def _changed_lines(injector_id: str, source: str) -> set[str]:
    """Each edit's line as it was and as the edit makes it."""
    lines = set()
    for edit in _sites(injector_id, source):
        for text in (source, edit.apply(source)):
            lines.add(text.split("\n")[edit.line - 1].strip())
    return lines


@pytest.mark.parametrize(("injector_id", "source", "dropped", "kept"), DROPPED,
                         ids=[f"{r[0]}-{n}" for n, r in enumerate(DROPPED)])
def test_changes_that_can_only_crash_or_change_nothing_are_not_offered(
        injector_id, source, dropped, kept):
    """The site finder leaves out what cannot be proven as a wrong answer, for a reason
    in the code (`injectors/reads.py`), and still offers its neighbour."""
    lines = _changed_lines(injector_id, source)
    if dropped is not None:
        assert dropped not in lines, lines
    if kept is not None:
        assert kept in lines, lines
