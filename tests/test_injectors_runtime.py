"""Special cases of the runtime injectors: the sites they must refuse, and edit shapes.

The golden examples and the survey bar live in test_injectors.py; these tests pin down the
filters that keep the survey honest (a site that would be logical or equivalent is never
offered) and the multi-line edits.
"""

from pathlib import Path

import pytest

from debugex.changes.candidates import find_sites
from debugex.content.exercises import exercise_folders, load_exercise
from debugex.injectors import REGISTRY, ProgramIndex, all_injectors

ROOT = Path(__file__).resolve().parents[1]


def sites(injector_id: str, source: str):
    return find_sites(ProgramIndex(source), [REGISTRY[injector_id]])


def after(injector_id: str, source: str) -> list[str]:
    return [e.apply(source) for e in sites(injector_id, source)]


def test_equality_only_on_the_first_assignment():
    source = "total = 0\ntotal = total + 5\nprint(total)\n"
    assert after("equality_for_assignment", source) == [
        "total == 0\ntotal = total + 5\nprint(total)\n"]


def test_equality_skips_a_local_that_would_read_a_global():
    source = ("size = 3\n\n\ndef show():\n    size = 5\n    print(size)\n\n\nshow()\n"
              "print(size)\n")
    # `size == 5` inside show() would quietly read the global: no error, so no site there
    assert all(e.line == 1 for e in sites("equality_for_assignment", source))


def test_missing_conversion_needs_a_numeric_use():
    printed = 'age = int(input())\nprint("Age:", age)\n'
    assert sites("missing_type_conversion", printed) == []
    via_function = ("def double(n):\n    return n / 2 + 1\n\n\nx = float(input())\n"
                    "print(double(x))\n")
    assert after("missing_type_conversion", via_function) == [
        via_function.replace("float(input())", "input()")]


@pytest.mark.parametrize("source, offered", [
    # a position into a list or a text crashes with text
    ('days = ["Mon", "Tue"]\ni = int(input())\nprint(days[i])\n', True),
    ('word = input()\nn = int(input())\nprint(word[n])\n', True),
    # a dict is keyed by text happily: no crash, so no runtime site
    ('ages = {1: "one"}\nk = int(input())\nprint(ages[k])\n', False),
    # a text repeated by text crashes; a number times a number is not `*`'s sequence case
    ('word = input()\nn = int(input())\nprint(word * n)\n', True),
    ('n = int(input())\nprint(n * 2)\n', False),
    # added onto a number: the target of `+=` is looked up by its bindings
    ('total = 0\nn = int(input())\ntotal += n\nprint(total)\n', True),
    ('words = ""\nn = int(input())\nwords += "a" * 2\nprint(words, n)\n', False),
    # the read at the top of the loop meets the value read at its bottom
    ('top = 0\nn = int(input())\nwhile n != 0:\n    if n > top:\n        top = n\n'
     '    n = int(input())\nprint(top)\n', True),
])
def test_missing_conversion_new_numeric_uses(source, offered):
    last = source.rstrip("\n").split("\n")
    last_read = max(i for i, line in enumerate(last, 1) if "int(input())" in line)
    lines = [e.line for e in sites("missing_type_conversion", source)]
    assert (last_read in lines) is offered


def test_concat_only_for_numbers():
    text = 'name = input()\nprint("Hi " + str(name))\n'
    assert sites("concat_number_to_string", text) == []
    number = 'n = int(input())\nprint("Twice: " + str(n * 2) + "!")\n'
    assert after("concat_number_to_string", number) == [
        'n = int(input())\nprint("Twice: " + n * 2 + "!")\n']


def test_division_guard_removal_dedents_the_kept_block():
    source = ("count = int(input())\nif count != 0:\n    share = 10 / count\n"
              "    # one line per share\n    print(share)  # shown\nelse:\n"
              "    print('none')\nprint('next')\n")
    [edit] = sites("division_by_zero", source)
    assert edit.apply(source) == (
        "count = int(input())\nshare = 10 / count\n# one line per share\n"
        "print(share)  # shown\nprint('next')\n")
    assert edit.line == 2


def test_division_guard_without_division_is_left_alone():
    source = "n = int(input())\nif n > 0:\n    print(100 - n)\n"
    assert sites("division_by_zero", source) == []


def test_shadowed_builtin_when_the_call_comes_before_the_next_read():
    source = ('print("Menu")\nanswer = input("? ")\ncount = int(input("How many? "))\n'
              'print(answer * count)\n')
    [edit] = sites("shadowed_builtin", source)
    assert edit.apply(source) == source.replace('answer = input("? ")', 'input = input("? ")')
    assert edit.line == 2


def test_shadowed_builtin_needs_a_call_before_the_old_name_is_read():
    read_first = 'answer = input("? ")\nprint(answer)\nagain = input("? ")\nprint(again)\n'
    # `answer` would be read (NameError) before input() is called again
    assert [e.line for e in sites("shadowed_builtin", read_first)] == []
    no_call = 'total = 0\nfor n in range(3):\n    total += n\nprint(total)\n'
    assert sites("shadowed_builtin", no_call) == []


def test_unbound_local_needs_a_read_before_the_store():
    stored_first = ("level = 1\n\n\ndef reset():\n    global level\n    level = 0\n"
                    "    print(level)\n\n\nreset()\n")
    assert sites("unbound_local", stored_first) == []


def test_index_forms():
    source = ("s = input()\ni = 0\nwhile i < len(s):\n    print(s[i])\n    i += 1\n"
              "last = len(s) - 1\nprint(s[last])\n")
    assert sorted(after("index_out_of_range", source)) == sorted([
        source.replace("while i < len(s)", "while i <= len(s)"),
        source.replace("last = len(s) - 1", "last = len(s)"),
    ])


def test_methods_of_modules_are_not_miscapitalised():
    source = 'import random\n\nprint(random.choice(["a", "b"]))\n'
    assert sites("wrong_method_for_type", source) == []


def test_none_result_only_when_the_result_is_used():
    printed = "def area(w, h):\n    return w * h\n\n\nprint(area(2, 3))\n"
    assert sites("none_result_used", printed) == []
    method = "def shout(w):\n    return w + '!'\n\n\nprint(shout('hi').upper() + 'x')\n"
    assert sites("none_result_used", method) == []  # None.upper() is an AttributeError


def test_list_conversion_dropped_only_before_item_assignment():
    read_only = 'word = input()\nletters = list(word)\nprint(letters[0])\n'
    assert sites("modify_string_in_place", read_only) == []
    numbers = 'nums = list(range(3))\nnums[0] = 5\nprint(nums)\n'
    assert sites("modify_string_in_place", numbers) == []
    via_function = ('def hide(chars):\n    chars[0] = "*"\n\n\nword = input()\n'
                    'chars = list(word)\nhide(chars)\nprint("".join(chars))\n')
    assert after("modify_string_in_place", via_function) == [
        via_function.replace("chars = list(word)", "chars = word")]


@pytest.mark.parametrize("folder", exercise_folders(ROOT / "content"),
                         ids=lambda f: f.name)
def test_every_runtime_edit_still_compiles(folder):
    exercise = load_exercise(folder)
    program = ProgramIndex(exercise.source)
    for edit in find_sites(program, all_injectors("runtime")):
        changed = edit.apply(exercise.source)
        compile(changed, f"{exercise.slug}:{edit.injector}", "exec")
        assert 1 <= edit.line <= changed.count("\n") + 1


def test_misspellings_cover_the_kinds_people_make():
    from debugex.injectors.names import misspellings

    assert misspellings("total") == {"capitalised": "Total", "dropped letter": "totl",
                                     "swapped letters": "ttoal", "doubled letter": "tottal",
                                     "wrong vowel": "tutal"}
    # a swap of one letter in two cases would read as a change of capitals
    assert "swapped letters" not in misspellings("putTop")
    assert misspellings("putTop")["capitalised"] == "PutTop"  # the first letter only


def test_misspelling_kinds_follow_the_weights_over_many_names():
    from collections import Counter

    from debugex.injectors.names import misspell

    kinds = Counter(misspell("average_score", str(n))[1] for n in range(2000))
    assert 0.25 < kinds["capitalised"] / 2000 < 0.35
    assert 0.25 < kinds["dropped letter"] / 2000 < 0.35
    assert set(kinds) == {"capitalised", "dropped letter", "swapped letters",
                          "doubled letter", "wrong vowel"}
