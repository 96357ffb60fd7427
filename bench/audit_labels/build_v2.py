"""Build the records that labelled set v2 adds: bench/audit_labels/{clean,defective}_v2.jsonl.

Set v1 (build.py) uses the freedoms of the hand-made dataset's format; v2 adds the
conventions of a teacher's hand-written dataset that the audit reads since issue 33
(docs/changes.md, "Readings"): records that use them rightly (clean) and records that
abuse them (one real defect each). The programs are small beginner programs of our own
in `programs/` (an exercise folder each: description, correct program, scenarios), so
the audit runs them on their scenarios. Each record is data: the program it is based
on, the request, the edits, the claims, the thinking, the layout of the assistant
message and the label. Claim lines are computed from the incorrect program (a quoted
fragment of the line) except where a record is meant to give a wrong line. Run from the
repository root:

    python bench/audit_labels/build_v2.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from debugex.formats import system_prompt

# The v1 builder beside this file, by its path ("build" is also a PyPI package's name).
_spec = importlib.util.spec_from_file_location("audit_labels_v1_build",
                                               Path(__file__).resolve().parent / "build.py")
_v1 = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)  # dataclasses ask
_spec.loader.exec_module(_v1)
apply, line_of = _v1.apply, _v1.line_of

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
SYSTEM = system_prompt()

# The conventions a clean v2 record uses (and a defective one abuses).
ORIGINAL = "original_line_explanation"  # `Line N of original program:` for a removal
MERGED = "merged_statements"  # two statements typed on one line: one change
LITERAL = "whole_literal"  # a literal of constants rewritten as a whole: one change
QUOTE = "broken_quote_line"  # a quote and the code beside it on one line: two changes
TAG_INDENT = "tag_indentation"  # a program indented deeper than its tag: one change
ALONE = "change_alone"  # a removed import and the edited line that uses it: two changes
CONVENTIONS = (ORIGINAL, MERGED, LITERAL, QUOTE, TAG_INDENT, ALONE)

# Layouts of the assistant message: our own (tags at the margin), a dataset that indents
# its blocks inside <root> with the text at the tag's own indentation ("nested"), and one
# with the text one level inside its tags ("deep").
FLAT, NESTED, DEEP = "flat", "nested", "deep"


@dataclass
class Claim:
    at: str | int | tuple  # fragment of the incorrect program's line, a line number, or
    #                        ("removed", N): located `Removed line N of original program`
    text: str
    nth: int = 1  # which occurrence of the fragment
    original: bool | None = None  # explained as `Line N of original program:` (the
    #                               default for a removal, and only for one)
    said: int | None = None  # the N its explanation gives, when it is meant to differ


@dataclass
class Rec:
    slug: str
    request: tuple[int, int, int]
    edits: list[tuple[str, str]]
    claims: list[Claim]
    thinking: str
    label: dict
    layout: str = FLAT
    deeper: int = 0  # spaces every program line has beyond the layout (typed indented)
    order: list[int] | None = None  # indices into claims, as explained


def _block(tag: str, text: str, layout: str, extra: int = 0) -> str:
    """One tag and its text in the layout; `extra` more spaces on each text line."""
    tag_indent = "" if layout == FLAT else "    "
    text_indent = tag_indent + ("    " if layout == DEEP else "") + " " * extra
    body = "".join(text_indent + line if line.strip() else line
                   for line in text.splitlines(keepends=True))
    return f"{tag_indent}<{tag}>\n{body}{tag_indent}</{tag}>\n"


def build(rec: Rec) -> dict:
    folder = PROGRAMS / rec.slug
    description = (folder / "description.txt").read_text().strip()
    correct = (folder / "correct.py").read_text()
    incorrect = apply(correct, rec.edits)
    counts = dict(zip(("syntax", "runtime", "logical"), rec.request, strict=True))
    user = (f"<description>\n{description}\n</description>\n\n"
            f"<correct-program>\n{correct}</correct-program>\n\n"
            + "".join(f"<{tag}>{counts[tag]}</{tag}>\n" for tag in counts))
    entries = []  # (sort key, location text, explanation)
    for claim in rec.claims:
        if isinstance(claim.at, tuple):
            number = claim.at[1]
            location = f"Removed line {number} of original program"
        else:
            number = claim.at if isinstance(claim.at, int) else line_of(incorrect, claim.at,
                                                                        claim.nth)
            location = str(number)
        said = claim.said or number
        original = isinstance(claim.at, tuple) if claim.original is None else claim.original
        head = f"Line {said} of original program:" if original else f"Line {said}:"
        entries.append((number, location, f"{head} {claim.text}"))
    located = sorted(entries, key=lambda e: e[0])
    explained = [entries[i] for i in rec.order] if rec.order is not None else located
    assistant = ("<root>\n" + _block("thinking", rec.thinking.strip() + "\n", rec.layout)
                 + _block("incorrect-program", incorrect, rec.layout, rec.deeper)
                 + _block("error-location", "".join(e[1] + "\n" for e in located), rec.layout)
                 + _block("explanation", "".join(e[2] + "\n" for e in explained), rec.layout)
                 + "</root>\n")
    return {"messages": [{"role": "system", "content": SYSTEM},
                         {"role": "user", "content": user},
                         {"role": "assistant", "content": assistant}],
            "metadata": {"exercise": rec.slug, "programs": "bench/audit_labels/programs"},
            "label": rec.label}


def clean(*conventions: str, why: str) -> dict:
    assert conventions and all(c in CONVENTIONS for c in conventions)
    return {"clean": True, "freedoms": list(conventions), "why": why}


def defect(kind: str, line: int | None, abuses: str, why: str) -> dict:
    assert abuses in CONVENTIONS
    return {"clean": False, "defect": kind, "line": line, "abuses": abuses, "why": why}


# ---------------------------------------------------------------------------------------
# Clean records: each convention used rightly.
# ---------------------------------------------------------------------------------------

CLEAN = [
    # -- a removal explained against the original program --------------------------------
    Rec("circle_area", (0, 1, 0), [("import math\n", "")],
        [Claim(("removed", 1), "Removed the import of the math module, so once the radius "
               "has been typed, `math.pi` on the area line raises a NameError.")],
        """
One runtime error. Students often see `import math` as a decoration at the top of the
file and delete it while tidying up, not knowing that `math.pi` needs it. I take the import
away.

The program still asks for the radius, then stops on the area line with a NameError:
Python has never heard of `math`.
""", clean(ORIGINAL, why="the import (line 1) removed; located `Removed line 1 of original "
                   "program` and explained `Line 1 of original program:`")),

    Rec("grade_bands", (0, 0, 2),
        [("if mark >= 70:", "if mark > 70:"), ('else:\n    print("Grade C")\n', "")],
        [Claim("if mark > 70:", "`>` leaves out a mark of exactly 70, so 70 gets Grade B "
               "instead of Grade A: a logical error."),
         Claim(("removed", 6), "Removed the else clause, so a mark below 50 gets no grade "
               "at all and only Done is printed: a logical error.")],
        """
Two logical errors, both about the edges of the grade bands.

The first test becomes `mark > 70`: "more than 70" is how many students read "70 or more".
A mark of exactly 70 now falls through to Grade B.

For the second error I delete the else clause at the end of the if-chain. A student who
thinks the last band "happens anyway" leaves it out; marks below 50 now get no grade line.
""", clean(ORIGINAL, why="the else clause (lines 6-7) removed and explained as line 6 of "
                   "the original program, beside a plain location for the other error")),

    Rec("egg_boxes", (0, 1, 1),
        [("spare = eggs % box_size\n", ""),
         ('print("Full boxes:", full)', 'print("Full boxes:", eggs)')],
        [Claim('print("Full boxes:", eggs)', "the number of eggs is printed instead of the "
               "number of full boxes, so 26 eggs in boxes of 12 show 26 full boxes instead "
               "of 2: a logical error."),
         Claim(("removed", 4), "Removed the line that works out the spare eggs, so `spare` "
               "never gets a value and the last print raises a NameError.")],
        """
One runtime and one logical error.

The logical error is a name slip on the first print: `eggs` instead of `full`. Both are
numbers, so nothing crashes; the student sees a count of boxes that is far too large.

For the runtime error I delete the line that works out the remainder. The student who
thinks the last print "works it out itself" sees a NameError on the line that uses `spare`.
""", clean(ORIGINAL, why="line 4 of the incorrect program (a changed print) and line 4 of "
                   "the original program (removed) share the number 4, each in its own "
                   "style")),

    Rec("times_quiz", (0, 1, 2),
        [("score = 0\n", ""), ('if answer == "54":', 'if answer == "45":'),
         ('else:\n    print("Not quite, it is 54.")\n', "")],
        [Claim(("removed", 1), "Removed `score = 0`, so the score never starts: a right "
               "first answer makes `score += 1` raise a NameError, and two wrong answers "
               "make the last line raise it."),
         Claim('if answer == "45":', "the right answer 54 is compared with \"45\", so 54 is "
               "called wrong and 45 is called right: a logical error."),
         Claim(("removed", 12), "Removed the else clause of the second question, so a wrong "
               "answer to 9 x 6 gets no reply at all: a logical error.")],
        """
One runtime error and two logical errors, in a quiz of two questions.

The runtime error is the classic missing start value: without `score = 0` the first
`score += 1` has nothing to add to.

The two logical errors are in the second question. The digits of the expected answer are
swapped, a typing slip that is easy to miss when reading the code, and its else clause is
gone, so a wrong answer passes without a word.
""", clean(ORIGINAL, why="two removals (lines 1 and 12 of the original program) and a plain "
                   "location between them; locations ascend as numbers"),
        layout=NESTED),

    Rec("rocket_countdown", (0, 0, 1), [('print("Lift off!")\n', "")],
        [Claim(("removed", 5), "Removed the last line, so the countdown stops at 1 and "
               "Lift off! is never printed: a logical error.")],
        """
One logical error. The last line of the program is the one that matters most to the
user, and it is the one I delete: a student who copies the loop from another program often
forgets what came after it.

The numbers still count down; the program then simply ends.
""", clean(ORIGINAL, why="the last line removed, located and explained as line 5 of the "
                   "original program"), layout=DEEP),

    Rec("times_quiz", (0, 1, 0), [("score = 0\n", "")],
        [Claim(1, "Removed `score = 0`, so a right first answer makes `score += 1` raise "
               "a NameError.", original=True)],
        """
One runtime error: the start value of the score is deleted. A student who thinks that
counting starts from zero by itself leaves it out, and Python stops at the first point
scored.
""", clean(ORIGINAL, why="a plain location 1 with the explanation `Line 1 of original "
                   "program:`: the removed line 1"),
        ),

    # -- two statements merged onto one line --------------------------------------------
    Rec("fuel_cost", (1, 0, 0), [("PRICE = 1.8\nTANK = 50.0\n", "PRICE = 1.8, TANK = 50.0\n")],
        [Claim("PRICE = 1.8, TANK", "the two constants are written on one line with a comma "
               "between them; Python reads `1.8, TANK` as a target to assign to, which it "
               "cannot be, and stops with a syntax error before anything runs.")],
        """
One syntax error. Students who have seen `a, b = 1, 2` sometimes believe a comma can put
any two assignments on one line, and write both constants of the program that way.

Python refuses the whole file; nothing is asked and nothing is printed.
""", clean(MERGED, why="two assignments typed on one line: one syntax error")),

    Rec("raffle_draw", (1, 0, 1),
        [("tickets.remove(8)\ntickets.remove(23)\n", "tickets.remove(15): tickets.remove(42)\n")],
        [Claim("tickets.remove(15)", "the two removals are typed on one line with a colon "
               "between them, which Python cannot read: a syntax error."),
         Claim("tickets.remove(15)", "the tickets taken out are 15 and 42 instead of the "
               "winners 8 and 23, so once the line is split the draw still holds 8 and 23: "
               "a logical error.")],
        """
One syntax error and one logical error on the same line.

The student writes both removals on one line and joins them with a colon, the way a
condition is followed by its body. Python cannot read that.

They also remove the wrong tickets: 15 and 42 are the numbers next to the winners in the
list. After splitting the line the program runs, but the winners are still in the draw.
""", clean(MERGED, why="a merge (syntax) and the same argument changed in both merged "
                   "statements (logical): two errors on one line")),

    Rec("rectangle_floor", (1, 0, 0),
        [('width = float(input("Width: "))\nlength = float(input("Length: "))\n',
          'width = float(input("Width: ")) length = float(input("Length: "))\n')],
        [Claim("width = float", "the two questions are typed on one line with only a space "
               "between them, so Python stops with a syntax error before asking anything.")],
        """
One syntax error. A student who writes code the way they write a sentence puts the second
question straight after the first on the same line.

Python needs a new line (or a semicolon) between two statements and refuses to run the
file.
""", clean(MERGED, why="two input lines typed as one")),

    Rec("pocket_money", (1, 0, 1),
        [("weekly = 5", "weekly = 50"),
         ("saved = weekly * weeks\nticket = 12\n", "saved = weekly * weeks, ticket = 12\n")],
        [Claim("weekly = 50", "the weekly amount is 50 instead of 5, so 4 weeks show 200 "
               "saved instead of 20: a logical error."),
         Claim("ticket = 12", "two assignments are joined with a comma on one line; Python "
               "cannot assign to `weekly * weeks` and reports a syntax error.")],
        """
One logical and one syntax error.

The logical error is an extra zero in the weekly amount, the kind of slip that makes every
total ten times too big.

The syntax error joins two assignments with a comma. The student thinks of the comma as
"and then", but Python reads the whole line as one assignment with a strange target.
""", clean(MERGED, why="a merge on line 3 and an unrelated logical error on line 1")),

    Rec("rocket_countdown", (1, 0, 0),
        [("    print(start)\n    start -= 1\n", "    print(start) start -= 1\n")],
        [Claim("print(start) start", "the print and the step down are typed on one line with "
               "nothing between them, a syntax error.")],
        """
One syntax error inside the loop. The two statements of the body are short, and a
student who wants the loop to "look compact" types them on one line.

Python cannot tell where the first statement ends and refuses the file.
""", clean(MERGED, why="the two statements of a loop body merged"), layout=DEEP),

    # -- a literal rewritten as a whole -------------------------------------------------
    Rec("dice_average", (0, 0, 1), [("[1, 2, 3, 4, 5, 6]", "[0, 1, 2, 3, 4, 5]")],
        [Claim("faces = [0", "the faces are listed as 0 to 5 instead of 1 to 6, so the "
               "average roll comes out as 2.5 instead of 3.5: a logical error.")],
        """
One logical error. Students who have learnt that Python counts from 0 "correct" the
faces of the die to start at 0. The list still has six numbers and the program runs, but
the average is one lower than it should be.
""", clean(LITERAL, why="the list initialised with 0-5 instead of 1-6: one change")),

    Rec("shop_prices", (0, 0, 1), [("[2.5, 1.2, 3.0, 0.8]", "[25, 12, 30, 8]")],
        [Claim("prices = [25", "the prices are typed in pence instead of pounds, so the "
               "total is printed as 75 instead of 7.5: a logical error.")],
        """
One logical error. Reading prices off a receipt, a student leaves out the decimal points
and types every price in pence. The list is rewritten as a whole; the count of items is
still right and only the total is ten times too large.
""", clean(LITERAL, why="every price of the list rewritten: one change")),

    Rec("school_days", (0, 0, 1),
        [('("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")',
          '("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")')],
        [Claim('days = ("Tuesday"', "the days are listed from Tuesday to Saturday, so day 1 "
               "is called Tuesday instead of Monday: a logical error.")],
        """
One logical error. The student counts the school week from the second day, perhaps
because Monday is "day 0" in their head. Every day number now names the next day.
""", clean(LITERAL, why="the tuple of day names shifted by one day: one change")),

    Rec("table_rows", (0, 0, 1), [("[1, 2, 3, 4, 5]", "[0, 2, 4, 6, 8]")],
        [Claim("multipliers = [0", "the multipliers are the even numbers 0 to 8 instead of "
               "1 to 5, so the table of 7 starts with 7 x 0 = 0 instead of 7 x 1 = 7: a "
               "logical error.")],
        """
One logical error. A student who remembers "count in twos from zero" from another
exercise fills the list of multipliers with even numbers. The program prints five lines
as it should, but they are the wrong five.
""", clean(LITERAL, why="the list of multipliers rewritten as a whole: one change")),

    Rec("school_days", (0, 1, 1),
        [('("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")',
          '("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")'),
         ("days[number - 1]", "days[number]")],
        [Claim('days = ("Tuesday"', "the days are listed from Tuesday to Saturday, so "
               "day 1 is called Tuesday instead of Monday: a logical error."),
         Claim("days[number]", "without `- 1` the day number is used as a position, so "
               "day 5 asks for position 5 of a tuple of five names and raises an "
               "IndexError.")],
        """
One runtime and one logical error, both about counting positions.

The tuple of day names is shifted by one day, and the position `number - 1` loses its
`- 1`. Students mix up "the fifth day" with "position 5".

For day 5 the program stops with an IndexError; for the other days it names a day, but
not the right one.
""", clean(LITERAL, why="a tuple rewritten as a whole (one change) and an index error "
                  "on another line"), layout=NESTED),

    # -- a broken quote and the code beside it ------------------------------------------
    Rec("egg_boxes", (1, 0, 1),
        [('print("Full boxes:", full)', "print(\"Full boxes:',spare)")],
        [Claim("Full boxes", "the text opens with a double quote but ends with a single one, "
               "so the string is never closed: a syntax error."),
         Claim("Full boxes", "`spare` is printed where `full` belongs, so once the quote is "
               "fixed, 18 eggs in boxes of 6 show 0 full boxes instead of 3: a logical "
               "error.")],
        """
One syntax error and one logical error on the same print.

The student closes the label with the wrong kind of quote, so Python never finds the end
of the string. On the same line they print `spare` instead of `full`: the two names sit
next to each other in the program and are easy to mix up.
""", clean(QUOTE, why="a mismatched quote (syntax) and a wrong name (logical) on one "
                  "line, both claimed")),

    Rec("pizza_slices", (1, 0, 1),
        [('print("Slices each:", each)', "print(\"Slices each:'',slices)")],
        [Claim("Slices each", "the label starts with a double quote and ends with two "
               "single quotes, so the string is never closed: a syntax error."),
         Claim("Slices each", "`slices` is printed instead of `each`, so once the quote is "
               "fixed, 3 pizzas for 5 people show 24 slices each instead of 4: a logical "
               "error.")],
        """
One syntax error and one logical error, both on the first print.

Typing two single quotes instead of one double quote is a common slip on keyboards where
the two keys sit together; the string is never closed. The student also prints the total
number of slices instead of the share of each person.
""", clean(QUOTE, why="a broken quote and a wrong variable on one line")),

    Rec("hot_day", (1, 1, 0),
        [('print(temp, "degrees: a hot day")', "print(tmp,'degrees: a hot day\")")],
        [Claim("print(tmp", "`tmp` is not a name the program defines (it is `temp`), so on "
               "a hot day this print raises a NameError."),
         Claim("print(tmp", "the text starts with a single quote and ends with a double "
               "one, so Python cannot find the end of the string: a syntax error.")],
        """
One syntax error and one runtime error on the print of the hot branch.

The name `temp` is shortened to `tmp`, a common abbreviation the program never defined,
and the text opens with a single quote but closes with a double one.
""", clean(QUOTE, why="a wrong name (NameError) and a mismatched quote on one line")),

    Rec("name_badge", (1, 0, 1),
        [('print("Badge:", first, last)', "print(\"Badge:',last, last)")],
        [Claim("Badge", "the label opens with a double quote and closes with a single one, "
               "a syntax error."),
         Claim("Badge", "`last` is printed twice and `first` not at all, so once the "
               "quote is fixed the badge for Ada Lovelace reads Lovelace Lovelace: a "
               "logical error.")],
        """
One syntax error and one logical error on the badge line. The quote of the label does
not match, and the first name is replaced by the last one, as happens when a student copies
a name and forgets to change it.
""", clean(QUOTE, why="a quote mismatch and a repeated name on one line")),

    Rec("egg_boxes", (1, 1, 0),
        [('print("Eggs left over:", spare)', "print(\"Eggs left over:',spares)")],
        [Claim("Eggs left over", "the label opens with a double quote and closes with a "
               "single one, so the string never ends: a syntax error."),
         Claim("Eggs left over", "`spares` is not defined (the name is `spare`), so once "
               "the quote is fixed the last print raises a NameError.")],
        """
One syntax error and one runtime error on the last line: a quote of the wrong kind, and
the name of the remainder typed in the plural.
""", clean(QUOTE, why="a broken quote and a misspelt name on one line"), layout=NESTED),

    # -- a program indented deeper than its tag ------------------------------------------
    Rec("morning_greeting", (3, 0, 0),
        [('print("Good morning, class!")', "print(\"Good morning, class!'}")],
        [Claim(1, "incorrectly indented the line: nothing opens a block here, so Python "
               "stops with an IndentationError (unexpected indent)."),
         Claim(1, "the text opens with a double quote and closes with a single one, a "
               "syntax error."),
         Claim(1, "the call is closed with } instead of ), a syntax error.")],
        """
Three syntax errors on the one line of the program: an indent where no block starts, a
quote of the wrong kind and a brace instead of the closing bracket.
""", clean(TAG_INDENT, why="the program is one level deeper than its tag in a dataset that "
                       "aligns its blocks with their tags"), layout=NESTED, deeper=4),

    Rec("answer_product", (1, 0, 0), [],
        [Claim(1, "the line is indented although it is the first line of the program and "
               "opens no block: an IndentationError.")],
        """
One syntax error: the only line of the program is indented. Students who copy a line out
of a loop often keep its indentation.
""", clean(TAG_INDENT, why="nothing changed but the indentation, which the tag shows"),
        layout=NESTED, deeper=4),

    Rec("welcome_name", (2, 0, 0), [('print("Welcome,", name)', 'print("Welcome," name)')],
        [Claim(1, "the whole program is indented one level, so its first line already has "
               "an unexpected indent: an IndentationError."),
         Claim('"Welcome," name', "the comma between the text and `name` is missing, a "
               "syntax error.")],
        """
Two syntax errors. The program was pasted one level too deep, and on the second line the
comma between the two things to print is missing.
""", clean(TAG_INDENT, why="a whole two-line program one level deeper than its tag: one "
                       "change at line 1"), layout=NESTED, deeper=4),

    Rec("lunch_notice", (1, 0, 1), [('"Lunch is at noon"', '"Lunch is at non"')],
        [Claim(1, "the line is indented for no reason, an IndentationError."),
         Claim(1, "noon is misspelt as non, so the notice reads Lunch is at non: a logical "
               "error.")],
        """
One syntax error and one logical error: an indent in front of the only line, and a
letter missing from the word noon.
""", clean(TAG_INDENT, why="the text of the blocks is one level inside their tags; the "
                       "program two levels"), layout=DEEP, deeper=4),

    Rec("rectangle_floor", (1, 1, 0), [("area = width * length", "area = width * lenght")],
        [Claim(1, "every line of the program is indented one level, so the first line has "
               "an unexpected indent: an IndentationError."),
         Claim("lenght", "`lenght` is a misspelling of `length`, so working out the area "
               "raises a NameError after both questions.")],
        """
One syntax error and one runtime error: the program is indented as a whole, and the
length is misspelt where the area is worked out.
""", clean(TAG_INDENT, why="a whole program one level deeper than its tag, and a NameError "
                       "on line 3"), layout=NESTED, deeper=4),

    Rec("answer_product", (1, 0, 1), [("6 * 7", "6 + 7")],
        [Claim(1, "the line is indented though no block opens before it: an "
               "IndentationError."),
         Claim(1, "`+` adds the two numbers instead of multiplying them, so 13 is printed "
               "instead of 42: a logical error.")],
        """
One syntax error and one logical error on the only line: an indent, and the wrong
operator.
""", clean(TAG_INDENT, why="the indentation beyond the tag is one change, the operator "
                       "another"), layout=NESTED, deeper=4),

    # -- a removed import and the edited line that uses it -------------------------------
    Rec("root_table", (0, 1, 1),
        [("import math\nroots = [math.sqrt(2), math.sqrt(3), math.sqrt(5), math.sqrt(7)]\n",
          "roots = [math.sqrt(2)]\n")],
        [Claim(("removed", 1), "Removed the import of math, so `math.sqrt` raises a "
               "NameError on the first line.", original=False),
         Claim("roots = [", "the list keeps only the root of 2, so one root is printed "
               "instead of four and the count says 1: a logical error.")],
        """
One runtime error and one logical error at the top of the program. The import is gone,
and the list of roots is cut down to its first entry, as if the student had stopped typing
after one example.
""", clean(ALONE, why="the import removed (runtime) and the list on the line after it "
                  "shortened (logical): each change classified alone")),

    Rec("angle_table", (0, 1, 1),
        [("import math\nangles = [math.radians(30), math.radians(45), math.radians(60), "
          "math.radians(90)]\n", "angles = [math.radians(90)]\n")],
        [Claim(("removed", 1), "Removed the import of math, so the first line raises a "
               "NameError."),
         Claim("angles = [", "only 90 degrees is left in the list, so a single sine is "
               "printed instead of four: a logical error.")],
        """
One runtime error and one logical error. The import line is deleted, and the list of
angles keeps only its last entry.
""", clean(ALONE, ORIGINAL, why="import removed and the list using it shortened; the "
                          "removal explained against the original program")),

    Rec("fruit_count", (0, 1, 1),
        [('count = 0\nfor fruit in ["apple", "banana", "cherry", "damson"]:\n',
          'for fruit in ["fig"]:\n')],
        [Claim(("removed", 1), "Removed `count = 0`, so `count += 1` raises a NameError "
               "at the first long name."),
         Claim('for fruit in ["fig"]', "the list holds only fig, whose name is not longer "
               "than 5 letters, so the count is 0 instead of 3: a logical error.")],
        """
One runtime error and one logical error: the counter loses its start value, and the list
of fruits is replaced by a single short name.
""", clean(ALONE, why="the counter's start removed and the loop's list shortened on the "
                  "line after it")),

    Rec("root_table", (0, 1, 1),
        [("import math\nroots = [math.sqrt(2), math.sqrt(3), math.sqrt(5), math.sqrt(7)]\n",
          "roots = [math.sqrt(2)]\n")],
        [Claim(("removed", 1), "Removed the import, so `math` is not defined and the list "
               "of roots raises a NameError."),
         Claim("roots = [", "the list is cut down to the root of 2, so one root is "
               "printed instead of four: a logical error.")],
        """
One runtime error and one logical error: no import, and a list of one root.
""", clean(ALONE, ORIGINAL, why="as the first root_table record, in a dataset that "
                          "indents its blocks"), layout=NESTED),

    Rec("pizza_slices", (0, 1, 1),
        [('pizzas = int(input("Pizzas: "))\npeople = int(input("People: "))\n',
          "people = 4\n")],
        [Claim(("removed", 1), "Removed the question for the number of pizzas, so "
               "`pizzas` is not defined where the slices are worked out: a NameError."),
         Claim("people = 4", "the number of people is fixed at 4 instead of being asked, "
               "so for 3 pizzas and 5 people everyone gets 6 slices instead of 4: a logical "
               "error.")],
        """
One runtime error and one logical error at the start: the first question is deleted, and
the second one is replaced by a fixed number of people.
""", clean(ALONE, why="a removed input and the next input replaced by a constant: two "
                  "changes")),
]


# ---------------------------------------------------------------------------------------
# Defective records: each convention abused, exactly one real defect each.
# ---------------------------------------------------------------------------------------

DEFECTIVE = [
    # -- original-program explanations --------------------------------------------------
    Rec("egg_boxes", (0, 0, 1), [("spare = eggs % box_size", "spare = eggs / box_size")],
        [Claim(("removed", 4), "Removed the remainder line, so the eggs left over are wrong: "
               "a logical error.")],
        "One logical error: the remainder is worked out with the wrong operator.",
        defect("wrong_line", 4, ORIGINAL, "line 4 was changed (`/` for `%`), not removed: "
               "`Removed line 4 of original program` names a line still there")),
    Rec("grade_bands", (0, 0, 1), [('else:\n    print("Grade C")\n', "")],
        [Claim(("removed", 5), "Removed the else clause, so a mark below 50 gets no grade: "
               "a logical error.")],
        "One logical error: the last branch is deleted.",
        defect("wrong_line", 5, ORIGINAL, "the else clause stood on lines 6-7 of the original "
               "program; line 5 (`print(\"Grade B\")`) is still there")),
    Rec("circle_area", (0, 1, 0), [("import math\n", "")],
        [Claim(("removed", 1), "Removed the import of math, so `math.pi` raises a NameError.",
               said=2)],
        "One runtime error: the import is deleted.",
        defect("explanations_mismatch", 1, ORIGINAL, "the location is removed line 1, the "
               "explanation is for line 2 of the original program")),

    # -- merged statements --------------------------------------------------------------
    Rec("fuel_cost", (1, 1, 0), [("PRICE = 1.8\nTANK = 50.0\n", "PRICE = 1.8, TANK = 50.0\n")],
        [Claim("PRICE = 1.8, TANK", "two constants on one line with a comma between them: a "
               "syntax error."),
         Claim("PRICE = 1.8, TANK", "`TANK = 50.0` no longer stands on a line of its own, so "
               "`TANK` is not defined and `litres > TANK` raises a NameError.")],
        "A syntax error and a runtime error, both from joining the constants.",
        defect("count_mismatch", None, MERGED, "one merge is one error: splitting the line "
               "fixes the program, there is no NameError to meet")),
    Rec("raffle_draw", (1, 0, 0),
        [("tickets.remove(8)\ntickets.remove(23)\n", "tickets.remove(15): tickets.remove(42)\n")],
        [Claim("tickets.remove(15)", "the two removals are joined with a colon on one line, a "
               "syntax error.")],
        "One syntax error: two statements on one line.",
        defect("unexplained_change", 2, MERGED, "the arguments changed from 8 and 23 to 15 "
               "and 42 as well: a logical error nobody explains")),
    Rec("rectangle_floor", (1, 0, 0), [('length = float(input("Length: "))\n', "")],
        [Claim(2, "the two questions were typed on one line, which Python cannot read: a "
               "syntax error.")],
        "One syntax error: the questions are merged.",
        defect("wrong_class", 2, MERGED, "the length question is deleted, not merged: "
               "`length` is not defined, a NameError")),
    Rec("pocket_money", (1, 0, 0),
        [("saved = weekly * weeks\nticket = 12\n", "saved = weekly * weeks, ticket = 12\n")],
        [Claim(4, "two assignments are joined with a comma on one line, a syntax error.")],
        "One syntax error: two assignments on one line.",
        defect("wrong_line", 4, MERGED, "the merged line is line 3")),
    Rec("fuel_cost", (1, 0, 0), [("PRICE = 1.8\nTANK = 50.0\n", "PRICE = 1.8; TANK = 50.0\n")],
        [Claim("PRICE = 1.8; TANK", "the two constants are typed on one line, which Python "
               "cannot read: a syntax error.")],
        "One syntax error: two statements on one line.",
        defect("not_an_error", 1, MERGED, "joined with a semicolon the two statements are "
               "the same program")),

    # -- literals rewritten as a whole --------------------------------------------------
    Rec("dice_average", (0, 0, 1), [("faces = [1, 2, 3, 4, 5, 6]", "face = [0, 1, 2, 3, 4, 5]")],
        [Claim("face = [", "the faces are listed as 0 to 5 instead of 1 to 6, so the average "
               "is too low: a logical error.")],
        "One logical error in the list of faces.",
        defect("unexplained_change", 1, LITERAL, "the name `faces` is also changed to `face`, "
               "outside the literal: a NameError nobody explains")),
    Rec("shop_prices", (1, 0, 0), [("[2.5, 1.2, 3.0, 0.8]", "[25, 12, 30, 8]")],
        [Claim("prices = [25", "the prices are typed without their decimal points, a syntax "
               "error.")],
        "One syntax error in the list of prices.",
        defect("wrong_class", 1, LITERAL, "the list still reads; the total is wrong: a "
               "logical error")),
    Rec("shop_prices", (0, 0, 1), [("[2.5, 1.2, 3.0, 0.8]", "[2.50, 1.20, 3.00, 0.80]")],
        [Claim("prices = [2.50", "the prices now have two decimals, so the total changes: a "
               "logical error.")],
        "One logical error in the list of prices.",
        defect("not_an_error", 1, LITERAL, "2.50 and 2.5 are the same number: the same "
               "program")),

    # -- broken quotes ------------------------------------------------------------------
    Rec("pizza_slices", (1, 0, 0),
        [('print("Slices each:", each)', "print(\"Slices each:'',slices)")],
        [Claim("Slices each", "the label starts with a double quote and ends with two single "
               "quotes, so the string is never closed: a syntax error.")],
        "One syntax error: a broken quote.",
        defect("unexplained_change", 5, QUOTE, "`slices` for `each` on the same line is a "
               "logical error nobody explains")),
    Rec("hot_day", (0, 1, 0),
        [('print(temp, "degrees: a hot day")', "print(tmp,'degrees: a hot day\")")],
        [Claim("print(tmp", "`tmp` is not defined, so on a hot day this print raises a "
               "NameError.")],
        "One runtime error: a misspelt name.",
        defect("unexplained_change", 3, QUOTE, "the quote that no longer matches is a syntax "
               "error nobody explains")),
    Rec("name_badge", (1, 0, 1),
        [('print("Badge:", first, last)', "print(\"Badge:', first, last)")],
        [Claim("Badge", "the label opens with a double quote and closes with a single one, "
               "a syntax error."),
         Claim("Badge", "`first` is printed where the label should end, so the badge reads "
               "wrong: a logical error.")],
        "A syntax error and a logical error on the badge line.",
        defect("no_such_change", 3, QUOTE, "only the quote changed on this line: the names "
               "after it are as in the correct program")),

    # -- a program indented deeper than its tag -----------------------------------------
    Rec("morning_greeting", (3, 0, 0),
        [('print("Good morning, class!")', "print(\"Good morning, class!'}")],
        [Claim(1, "incorrectly indented the line, an IndentationError."),
         Claim(1, "the text opens with a double quote and closes with a single one, a "
               "syntax error."),
         Claim(1, "the call is closed with } instead of ), a syntax error.")],
        "Three syntax errors on one line.",
        defect("no_such_change", 1, TAG_INDENT, "the program stands where the dataset's "
               "blocks stand (aligned with its tag): it is not indented"), layout=NESTED),
    Rec("lunch_notice", (1, 0, 0), [],
        [Claim(1, "the line is indented for no reason, an IndentationError.")],
        "One syntax error: an indent.",
        defect("no_such_change", 1, TAG_INDENT, "one level inside its tag is where every "
               "block of this dataset stands: nothing is indented"), layout=DEEP),
    Rec("welcome_name", (2, 0, 0), [('print("Welcome,", name)', 'print("Welcome," name)')],
        [Claim(2, "the line is indented one level too deep, an IndentationError."),
         Claim(2, "the comma between the text and `name` is missing, a syntax error.")],
        "Two syntax errors.",
        defect("no_such_change", 2, TAG_INDENT, "the whole program is indented, which Python "
               "reports at line 1; line 2 holds one error"), layout=NESTED, deeper=4),

    # -- a change classified alone ------------------------------------------------------
    Rec("root_table", (0, 1, 0),
        [("import math\nroots = [math.sqrt(2), math.sqrt(3), math.sqrt(5), math.sqrt(7)]\n",
          "roots = [math.sqrt(2)]\n")],
        [Claim(("removed", 1), "Removed the import of math, so `math.sqrt` raises a "
               "NameError.")],
        "One runtime error: the import is deleted.",
        defect("unexplained_change", 1, ALONE, "the list of roots is cut to one entry as "
               "well: a logical error nobody explains")),
    Rec("angle_table", (0, 2, 0),
        [("import math\nangles = [math.radians(30), math.radians(45), math.radians(60), "
          "math.radians(90)]\n", "angles = [math.radians(90)]\n")],
        [Claim(("removed", 1), "Removed the import of math, so the first line raises a "
               "NameError."),
         Claim("angles = [", "the list is too short for the loop, which raises an "
               "IndexError.")],
        "Two runtime errors.",
        defect("wrong_class", 1, ALONE, "a shorter list prints fewer sines, a logical error; "
               "only the removed import raises")),
    Rec("fruit_count", (0, 1, 1),
        [('count = 0\nfor fruit in ["apple", "banana", "cherry", "damson"]:\n',
          'for fruit in ["fig"]:\n')],
        [Claim(("removed", 2), "Removed `count = 0`, so `count += 1` raises a NameError."),
         Claim('for fruit in ["fig"]', "the list holds only fig, so the count is 0 instead "
               "of 3: a logical error.")],
        "One runtime error and one logical error.",
        defect("wrong_line", 2, ALONE, "`count = 0` was line 1 of the original program; line "
               "2 is the loop, which is changed, not removed")),
]


def write(name: str, recs: list[Rec]) -> list[dict]:
    records = [build(r) for r in recs]
    path = HERE / f"{name}_v2.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return records


if __name__ == "__main__":
    for name, recs in (("clean", CLEAN), ("defective", DEFECTIVE)):
        print(name, len(write(name, recs)))
