"""`debugex import`: a teacher's own programs and tests come in as checked content.

The fixtures are our own small exercises in the shapes teachers keep: an autograder
folder with a unittest file, one with a pytest file (parametrize, raises, approx), a
solution with doctests, a folder of stdin scripts, a Moodle CodeRunner bank, a Python 2
program, and names as people write them.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from debugex.cli import main
from debugex.content import load_exercise
from debugex.intake import python2_reason, slug_of
from debugex.scenarios import read_doctests, read_test_file, same_value

SHELF = textwrap.dedent('''\
    def shelf_label(title, copies):
        """The label for a shelf: the title, then how many copies."""
        if copies < 0:
            raise ValueError("copies cannot be negative")
        if copies == 0:
            return title + " (none left)"
        return f"{title} x{copies}"


    def mean_pages(pages):
        return sum(pages) / len(pages)


    def thick_books(pages, limit):
        return [p for p in pages if p > limit]
    ''')

SHELF_UNITTEST = textwrap.dedent('''\
    import unittest

    from shelf import shelf_label, mean_pages, thick_books

    EMPTY = "Atlas (none left)"


    class ShelfTest(unittest.TestCase):
        def test_some_copies(self):
            self.assertEqual(shelf_label("Atlas", 3), "Atlas x3")

        def test_none_left(self):
            self.assertEqual(shelf_label("Atlas", 0), EMPTY)

        def test_negative_raises(self):
            with self.assertRaises(ValueError) as err:
                shelf_label("Atlas", -1)
            self.assertEqual(err.exception.args[0], "copies cannot be negative")

        def test_negative_raises_call_form(self):
            self.assertRaises(ValueError, shelf_label, "Atlas", -2)

        def test_mean_is_a_float(self):
            self.assertAlmostEqual(mean_pages([100, 201]), 150.5)
            self.assertEqual(mean_pages([10, 10]), 10)

        def test_thick_in_any_order(self):
            self.assertCountEqual(thick_books([300, 120, 450], 200), [450, 300])

        def test_table(self):
            for copies, label in [(1, "Atlas x1"), (2, "Atlas x2")]:
                with self.subTest(copies=copies):
                    self.assertEqual(shelf_label("Atlas", copies), label)

        def test_not_a_literal(self):
            books = make_books()
            self.assertTrue(books)
    ''')

SHELF_PYTEST = textwrap.dedent('''\
    import pytest

    from shelf import shelf_label, mean_pages


    @pytest.mark.parametrize("copies, label", [(4, "Atlas x4"), (0, "Atlas (none left)")])
    def test_labels(copies, label):
        assert shelf_label("Atlas", copies) == label


    def test_mean():
        assert mean_pages([1, 2]) == pytest.approx(1.5)


    def test_raises():
        with pytest.raises(ValueError):
            shelf_label("Atlas", -5)
    ''')

TALLY = textwrap.dedent('''\
    # Reads marks until a blank line and prints how many passed (50 or more).
    passed = 0
    while True:
        line = input()
        if line == "":
            break
        if int(line) >= 50:
            passed += 1
    print("passed:", passed)
    ''')

BANK = textwrap.dedent('''\
    <?xml version="1.0" encoding="UTF-8"?>
    <quiz>
      <question type="category"><category><text>$course$/Week 2</text></category></question>
      <question type="coderunner">
        <name><text>Double it</text></name>
        <questiontext format="html"><text><![CDATA[<p>Write <code>double(n)</code>.</p>]]></text></questiontext>
        <coderunnertype>python3</coderunnertype>
        <answer>def double(n):
        return 2 * n
    </answer>
        <testcases>
          <testcase><testcode><text>print(double(4))</text></testcode>
            <stdin><text></text></stdin><expected><text>8</text></expected></testcase>
          <testcase><testcode><text>x = double(1)
    print(x)</text></testcode>
            <stdin><text></text></stdin><expected><text>2</text></expected></testcase>
        </testcases>
      </question>
      <question type="coderunner">
        <name><text>Echo shout</text></name>
        <questiontext format="html"><text>&lt;p&gt;Read a word, print it in capitals.&lt;/p&gt;</text></questiontext>
        <coderunnertype>python3</coderunnertype>
        <answer>word = input()
    print(word.upper())
    </answer>
        <testcases>
          <testcase><testcode><text></text></testcode><stdin><text>hi</text></stdin>
            <expected><text>HI</text></expected></testcase>
        </testcases>
      </question>
    </quiz>
    ''')


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    unit = root / "Shelf-Labels"
    unit.mkdir(parents=True)
    (unit / "shelf.py").write_text(SHELF)
    (unit / "shelf_test.py").write_text(SHELF_UNITTEST)
    (unit / "README.md").write_text("# Shelf labels\n\nWrite `shelf_label` and friends.\n")
    other = root / "shelf pytest"
    other.mkdir()
    (other / "solution.py").write_text(SHELF)
    (other / "test_shelf.py").write_text(SHELF_PYTEST)
    scripts = root / "week 1"
    scripts.mkdir()
    (scripts / "01-tally.py").write_text(TALLY.replace("\n", "\r\n"))  # kept as saved
    (scripts / "old.py").write_text('name = raw_input("Name? ")\nprint "hi", name\n')
    (root / "bank.xml").write_text(BANK)
    return root


def test_unittest_file_read_statically():
    read = read_test_file(SHELF_UNITTEST, {"shelf_label", "mean_pages", "thick_books"}, "shelf")
    got = {(c.call, c.how, c.expected, c.raises) for c in read.cases}
    assert ("shelf_label('Atlas', 0)", "equal", "'Atlas (none left)'", None) in got
    assert ("shelf_label('Atlas', -1)", "raises", None, "ValueError") in got
    assert ("shelf_label('Atlas', -2)", "raises", None, "ValueError") in got
    assert ("mean_pages([100, 201])", "almost", "150.5", None) in got
    assert ("thick_books([300, 120, 450], 200)", "count_equal", "[450, 300]", None) in got
    assert ("shelf_label('Atlas', 2)", "equal", "'Atlas x2'", None) in got
    # what is not read is said, with its line
    lines = SHELF_UNITTEST.splitlines()
    assert [lines[n - 1].strip() for n, _ in read.unread] == [
        'self.assertEqual(err.exception.args[0], "copies cannot be negative")',
        "self.assertTrue(books)"]
    assert read.tests == 8


def test_pytest_file_read_statically():
    read = read_test_file(SHELF_PYTEST, {"shelf_label", "mean_pages"}, "shelf")
    got = {(c.name, c.call, c.how, c.expected, c.raises) for c in read.cases}
    assert ("test_labels_1", "shelf_label('Atlas', 4)", "equal", "'Atlas x4'", None) in got
    assert ("test_labels_2", "shelf_label('Atlas', 0)", "equal", "'Atlas (none left)'",
            None) in got
    assert ("test_mean", "mean_pages([1, 2])", "almost", "1.5", None) in got
    assert ("test_raises", "shelf_label('Atlas', -5)", "raises", None, "ValueError") in got
    assert read.unread == []


def test_doctests_read_statically():
    text = ">>> double(2)\n4\n>>> double(-1)\n-2\n>>> print('x')\nx\n"
    read = read_doctests(text, {"double"})
    assert [(c.call, c.expected) for c in read.cases] == [("double(2)", "4"),
                                                          ("double(-1)", "-2")]
    assert len(read.unread) == 1


@pytest.mark.parametrize("want, got, tolerance, unordered, same", [
    ("1", "1.0", None, False, True),
    ("Counter({'a': 1})", "{'a': 1}", None, False, True),
    ("0.3", "0.30000000000000004", 1e-7, False, True),
    ("0.3", "0.30000000000000004", None, False, False),
    ("[1, 2]", "[2, 1]", None, True, True),
    ("[1, 2]", "[2, 1]", None, False, False),
    ("[1, 2]", "(1, 2)", None, False, False),
    ("True", "1", None, False, True),  # as assertEqual says
    ("<Box object at 0x1>", "<Box object at 0x1>", None, False, True),
    ("<Box object at 0x1>", "<Box object at 0x2>", None, False, False),
])
def test_values_compared_as_python_does(want, got, tolerance, unordered, same):
    assert same_value(want, got, tolerance, unordered) is same


@pytest.mark.parametrize("name, slug", [("armstrong-numbers", "armstrong_numbers"),
                                        ("Shelf Labels", "shelf_labels"),
                                        ("01-tally.py", "ex_01_tally"),
                                        ("Übung  3!", "ubung_3")])
def test_slugs_from_names_as_people_write_them(name, slug):
    assert slug_of(name) == slug


def test_python_2_is_recognised():
    assert "print" in python2_reason('print "hello"\n')
    assert "raw_input" in python2_reason('x = raw_input()\n')
    assert python2_reason("print('hello')\n") is None


def test_dry_run_writes_nothing(course, tmp_path):
    into = tmp_path / "content"
    result = CliRunner().invoke(main, ["import", str(course), "--into", str(into),
                                       "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.output)
    assert {e["slug"] for e in plan["exercises"]} == {
        "shelf_labels", "shelf_pytest", "ex_01_tally", "old", "double_it", "echo_shout"}
    assert not into.exists()


@pytest.mark.heavy
def test_import_writes_checked_content(course, tmp_path):
    into = tmp_path / "content"
    result = CliRunner().invoke(main, ["import", str(course), "--into", str(into),
                                       "--workers", "1", "--json"])
    report = json.loads(result.output)
    by_slug = {e["slug"]: e for e in report["exercises"]}
    assert result.exit_code == 1  # the Python 2 program is refused, the rest is in
    assert "Python 2" in by_slug["old"]["skipped"]
    for slug in ("shelf_labels", "shelf_pytest", "ex_01_tally", "double_it", "echo_shout"):
        assert by_slug[slug]["ok"], by_slug[slug]["problems"]
        load_exercise(into / slug)  # readable content
    shelf = load_exercise(into / "shelf_labels")
    raising = [s for s in shelf.scenarios if s.raises]
    assert {s.name for s in raising} == {"test_negative_raises",
                                         "test_negative_raises_call_form"}
    assert any(s.unordered for s in shelf.scenarios)
    assert "Write `shelf_label`" in shelf.description
    assert by_slug["shelf_labels"]["tests_hold"] == 9
    assert len(by_slug["shelf_labels"]["not_read"]) == 2
    assert "message is not compared" in (into / "shelf_labels" / "scenarios.toml").read_text()
    assert by_slug["double_it"]["tests_read"] == 1  # the assignment test is listed
    assert "not read" in " ".join(by_slug["double_it"]["notes"])
    tally = load_exercise(into / "ex_01_tally")
    assert "blank line" in tally.description and not tally.scenarios_given
    # a second import never writes over what is there
    again = CliRunner().invoke(main, ["import", str(course), "--into", str(into),
                                      "--dry-run", "--json"])
    assert "shelf_labels_2" in {e["slug"] for e in json.loads(again.output)["exercises"]}


def test_a_wrong_expectation_in_the_tests_is_reported(tmp_path):
    folder = tmp_path / "course" / "doubler"
    folder.mkdir(parents=True)
    (folder / "solution.py").write_text("def double(n):\n    return 2 * n\n")
    (folder / "test_double.py").write_text(
        "from solution import double\n\n\ndef test_two():\n    assert double(2) == 5\n")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "course"), "--into",
                                       str(tmp_path / "content"), "--workers", "1"])
    assert result.exit_code == 1
    assert "double(2) returns 4" in result.output and "Traceback" not in result.output


def test_a_program_that_needs_a_file_is_not_called_incorrect(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "names.py").write_text("# Prints the names in names.txt.\n"
                                     "for line in open('names.txt'):\n    print(line.strip())\n")
    result = CliRunner().invoke(main, ["import", str(folder), "--into",
                                       str(tmp_path / "content"), "--workers", "1"])
    assert result.exit_code == 1
    assert "cannot run in the sandbox: it needs a file the exercise does not have " \
           "(names.txt)" in result.output
    assert "not correct" not in result.output
    # it could never run there: taken back out of the content folder, and said so
    assert "skipped names: not written" in result.output
    assert not (tmp_path / "content" / "names").exists()


# A CodeRunner question of the kind a course keeps: tests of the whole program whose code
# is only a comment, and a function test of a program that calls main() itself (which
# CodeRunner drops for that test); and a question answered in a graph editor (JSON).
GREETER_BANK = textwrap.dedent('''\
    <?xml version="1.0" encoding="UTF-8"?>
    <quiz>
      <question type="coderunner">
        <name><text>Greeter</text></name>
        <questiontext format="html"><text>Greet the user by name.</text></questiontext>
        <coderunnertype>python3</coderunnertype>
        <answer>def greeting(name):
        return "Hi " + name.strip().title()


    def main():
        print(greeting(input("Name? ")))


    main()
    </answer>
        <testcases>
          <testcase><testcode><text># The program as a whole</text></testcode>
            <stdin><text>ada</text></stdin><expected><text>Name? Hi Ada</text></expected></testcase>
          <testcase><testcode><text># Your call to main() is ignored here
    print(greeting(" bo "))</text></testcode>
            <stdin><text></text></stdin><expected><text>Hi Bo</text></expected></testcase>
        </testcases>
      </question>
      <question type="coderunner">
        <name><text>Two nodes</text></name>
        <questiontext format="html"><text>Draw two nodes.</text></questiontext>
        <coderunnertype>python3</coderunnertype>
        <answer>{"nodes": [["A", false], ["B", false]], "edges": []}</answer>
        <testcases></testcases>
      </question>
    </quiz>
    ''')


def test_coderunner_tests_as_a_course_keeps_them(tmp_path):
    (tmp_path / "bank.xml").write_text(GREETER_BANK)
    into = tmp_path / "content"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "bank.xml"), "--into",
                                       str(into), "--workers", "1", "--json"])
    report = json.loads(result.output)
    greeter = report["exercises"][0]
    assert greeter["ok"], greeter["problems"]
    assert greeter["tests_hold"] == 1  # the comment-only test ran the program on its stdin
    assert any("test_2: the correct program does not finish it in the sandbox "
               "(input_exhausted" in n for n in greeter["not_read"])
    assert "test_2" not in (into / "greeter" / "scenarios.toml").read_text().split(
        "[[scenario]]", 1)[1]
    assert any("Two nodes" in p and "data (JSON)" in p for p in report["passed_over"])
    assert result.exit_code == 0
