"""Special cases of the syntax injectors: sites that must not be offered because the edit
would still be valid Python, and a fast proof that every offered edit fails to compile."""

import warnings
from pathlib import Path

import pytest

from debugex.changes.candidates import find_sites
from debugex.content.exercises import exercise_folders, load_exercise
from debugex.injectors import ProgramIndex, all_injectors, get_injector

ROOT = Path(__file__).resolve().parents[1]


def edited(injector_id: str, source: str) -> list[str]:
    program = ProgramIndex(source)
    return [e.apply(source) for e in find_sites(program, [get_injector(injector_id)])]


def compiles(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "<edit>", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


def test_every_syntax_edit_on_the_bundled_content_fails_to_compile():
    injectors = all_injectors("syntax")
    offered = 0
    for folder in exercise_folders(ROOT / "content"):
        exercise = load_exercise(folder)
        for edit in find_sites(ProgramIndex(exercise.source), injectors):
            offered += 1
            assert not compiles(edit.apply(exercise.source)), (exercise.slug, edit)
    assert offered > 0


@pytest.mark.parametrize("source", [
    "print('Ann', 'Bob')\n",          # two strings join silently (a logical error)
    "x = 1\nprint(x, (x + 1))\n",     # `x (x + 1)` is a call
    "x = 1\nprint(x, -1)\n",          # `x -1` is a subtraction
    "x = [1]\nprint(x, [0])\n",       # `x [0]` is an index
])
def test_missing_comma_skips_commas_whose_removal_is_still_valid(source):
    assert edited("missing_comma", source) == []


def test_missing_comma_never_glues_two_names():
    assert edited("missing_comma", "a = b = 1\nprint(a,b)\n") == ["a = b = 1\nprint(a b)\n"]


@pytest.mark.parametrize("source", ["print()\n", "x = 1\nprint(-x)\n", "x = 1\nprint((x))\n",
                                    "x = [1]\nprint([0])\n"])
def test_print_statement_skips_calls_that_stay_valid_without_brackets(source):
    assert edited("print_statement", source) == []


def test_reversed_assignment_skips_names_and_input_lines():
    assert edited("reversed_assignment", "y = 1\nx = y\nname = input('Name: ')\n") \
        == ["1 = y\nx = y\nname = input('Name: ')\n"]


def test_stray_indent_never_pushes_a_line_into_the_block_above():
    source = "for i in range(2):\n    print(i)\nprint('done')\n"
    assert edited("stray_indent", source) == []


def test_assign_in_condition_leaves_keyword_arguments_alone():
    source = "def f(a):\n    return a\n\n\nif f(1 == 1):\n    print('yes')\n"
    assert edited("assign_in_condition", source) == []


@pytest.mark.parametrize("source", ["def f(x):\n    return\n", "def f(x):\n    return (x)\n",
                                    "def f(x):\n    return -x\n"])
def test_misspelt_return_only_where_the_line_breaks(source):
    assert [s for s in edited("misspelt_keyword", source) if "def" in s] == []


def test_misspelt_return_after_a_block_is_judged_by_its_value():
    # the first token of this `return` is the DEDENT that closes the loop
    source = "def f(x):\n    while x > 0:\n        x -= 1\n    return -1\n"
    after = edited("misspelt_keyword", source)
    assert after and not any(compiles(s) for s in after)
    assert not any("Return" in s or "retrun" in s for s in after)


def test_misspelt_return_after_a_block_only_where_the_line_breaks():
    # `return -1` after a loop opens with a DEDENT token; `Return -1` would still compile
    source = "def f(xs):\n    for x in xs:\n        return x\n    return -1\n"
    after = edited("misspelt_keyword", source)
    assert not any(compiles(s) for s in after)
    assert source.replace("return x", "retrun x") in after
    assert not any("Return -1" in s or "retrun -1" in s for s in after)


def test_misspelt_keyword_covers_the_family():
    after = edited("misspelt_keyword", "n = 0\nwhile n < 3:\n    n += 1\nelse:\n    print(n)\n")
    assert "n = 0\nwhille n < 3:\n    n += 1\nelse:\n    print(n)\n" in after
    assert "n = 0\nWhile n < 3:\n    n += 1\nelse:\n    print(n)\n" in after
    assert "n = 0\nwhile n < 3:\n    n += 1\nesle:\n    print(n)\n" in after


def test_unclosed_bracket_reports_the_line_it_opens_on():
    source = "age = int(input('Age: '))\nprint(age)\n"
    edits = find_sites(ProgramIndex(source), [get_injector("unclosed_bracket")])
    assert [e.apply(source) for e in edits][0] == "age = int(input('Age: ')\nprint(age)\n"
    assert edits[0].line == 1
    assert dict(edits[0].details)["owner"] == "the call to `int`"


def test_missing_block_indent_names_the_header():
    source = "def area(w, h):\n    return w * h\n"
    edits = find_sites(ProgramIndex(source), [get_injector("missing_block_indent")])
    assert [e.apply(source) for e in edits] == ["def area(w, h):\nreturn w * h\n"]
    assert edits[0].info == {"keyword": "def", "header_line": "1"}
    assert edits[0].line == 2


def test_bad_identifier_only_at_the_first_binding_and_not_on_constants():
    source = "MAX_TRIES = 3\nfirst_name = 'Ann'\nfirst_name = 'Bo'\nprint(first_name)\n"
    assert edited("bad_identifier", source) == [
        "MAX_TRIES = 3\nfirst name = 'Ann'\nfirst_name = 'Bo'\nprint(first_name)\n",
        "MAX_TRIES = 3\nfirst-name = 'Ann'\nfirst_name = 'Bo'\nprint(first_name)\n",
    ]
