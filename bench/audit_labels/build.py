"""Build the labelled audit-fairness set: bench/audit_labels/{clean,defective}.jsonl.

Each record is written here as data: the content exercise it is based on, the request,
the edits that turn the correct program into the incorrect one, the claims (where and
what), the teacher's thinking, and the label. Line numbers of claims are computed from
the incorrect program (a quoted fragment of the line), never written by hand, except where
a record is *meant* to give a wrong line. Run from the repository root:

    python bench/audit_labels/build.py

The committed JSONL files are the data; this script only shows each record's intent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from debugex.formats import system_prompt

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CONTENT = ROOT / "content"

SYSTEM = system_prompt()

# Freedoms of the format that a clean record may use.
REMOVED = "removed_line_location"
WHITESPACE = "whitespace_changes"
ORDER = "explanations_reordered"
EXTRA_INPUT = "extra_input_logical"
COUNTS = "odd_counts_or_newline"
TWO_READINGS = "two_readings"
FREEDOMS = (REMOVED, WHITESPACE, ORDER, EXTRA_INPUT, COUNTS, TWO_READINGS)


@dataclass
class Claim:
    at: str | int | tuple  # fragment of the incorrect program's line, a line number,
    #                        or ("removed", N): line N of the correct program was deleted
    text: str
    nth: int = 1  # which occurrence of the fragment


@dataclass
class Rec:
    slug: str
    request: tuple[int, int, int]
    edits: list[tuple[str, str]]
    claims: list[Claim]
    thinking: str
    label: dict
    explain_order: list[int] | None = None  # indices into claims, as listed
    keep_location_order: bool = False  # write locations as given (else ascending)
    counts_text: dict[str, str] = field(default_factory=dict)
    no_final_newline: bool = False  # neither message ends with a newline
    program_no_newline: bool = False  # `</incorrect-program>` on the last code line
    correct_override: list[tuple[str, str]] | None = None  # edits to the "correct" program
    mutate_assistant: object = None  # a function str -> str, applied last


def line_of(program: str, fragment: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(program.split("\n"), 1) if fragment in line]
    if len(hits) < nth:
        raise ValueError(f"{fragment!r} not found {nth} time(s) in:\n{program}")
    return hits[nth - 1]


def apply(program: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        if program.count(old) != 1:
            raise ValueError(f"{old!r} occurs {program.count(old)} times")
        program = program.replace(old, new, 1)
    return program


def build(rec: Rec) -> dict:
    folder = CONTENT / rec.slug
    description = (folder / "description.txt").read_text().strip()
    correct = (folder / "correct.py").read_text()
    if rec.correct_override:
        correct = apply(correct, rec.correct_override)
    incorrect = apply(correct, rec.edits)
    counts = dict(zip(("syntax", "runtime", "logical"), map(str, rec.request), strict=True))
    counts.update(rec.counts_text)
    user = (f"<description>\n{description}\n</description>\n\n"
            f"<correct-program>\n{correct}</correct-program>\n\n"
            + "".join(f"<{tag}>{counts[tag]}</{tag}>\n" for tag in ("syntax", "runtime",
                                                                   "logical")))
    entries = []  # (sort key, location text, explanation)
    for claim in rec.claims:
        if isinstance(claim.at, tuple):
            number = claim.at[1]
            entries.append((number, f"Removed line {number} of original program",
                            f"Line {number}: {claim.text}"))
            continue
        number = claim.at if isinstance(claim.at, int) else line_of(incorrect, claim.at,
                                                                    claim.nth)
        entries.append((number, str(number), f"Line {number}: {claim.text}"))
    located = entries if rec.keep_location_order else sorted(entries, key=lambda e: e[0])
    if rec.explain_order is not None:
        explained = [entries[i] for i in rec.explain_order]
    else:
        explained = located
    body = incorrect[:-1] if rec.program_no_newline else incorrect
    assistant = ("<root>\n<thinking>\n" + rec.thinking.strip() + "\n</thinking>\n"
                 f"<incorrect-program>\n{body}"
                 + ("" if rec.program_no_newline else "") + "</incorrect-program>\n"
                 "<error-location>\n" + "".join(e[1] + "\n" for e in located)
                 + "</error-location>\n<explanation>\n"
                 + "".join(e[2] + "\n" for e in explained) + "</explanation>\n</root>\n")
    if rec.mutate_assistant:
        assistant = rec.mutate_assistant(assistant)
    if rec.no_final_newline:
        user, assistant = user.rstrip("\n"), assistant.rstrip("\n")
    return {"messages": [{"role": "system", "content": SYSTEM},
                         {"role": "user", "content": user},
                         {"role": "assistant", "content": assistant}],
            "metadata": {"exercise": rec.slug},
            "label": rec.label}


def clean(*freedoms: str, why: str) -> dict:
    assert freedoms and all(f in FREEDOMS for f in freedoms)
    return {"clean": True, "freedoms": list(freedoms), "why": why}


def defect(kind: str, line: int | None, why: str) -> dict:
    return {"clean": False, "defect": kind, "line": line, "why": why}


# ---------------------------------------------------------------------------------------
# Clean records: correct exercises that use the format's freedoms.
# ---------------------------------------------------------------------------------------

CLEAN = [
    Rec("sum_to_n", (0, 1, 0), [("total = 0\n", "")],
        [Claim(("removed", 4), "the statement `total = 0` that stood here in the original "
               "program has been removed, so `total` never gets a starting value: the first "
               "`total += i` inside the loop raises a NameError, and for an input of 0 (the "
               "loop does not run) the final print raises it instead.")],
        """
One runtime error. The running total is the idea this exercise is about, and the most
common way beginners break it is to forget to set the total to zero before the loop: they
think `total += i` will somehow start from nothing. I delete the line `total = 0`.

Python has no value for `total` when the loop first adds to it, so the student gets a
NameError on the `total += i` line as soon as they type a positive number. With 0 the loop
body never runs and the NameError appears on the print instead, which is a nice second
clue that the name was never created.
""", clean(REMOVED, why="line 4 of the correct program (total = 0) deleted; located as "
                  "'Removed line 4 of original program'; the NameError is real")),

    Rec("leap_year", (0, 1, 0), [('year = int(input("Year: "))\n', "")],
        [Claim(("removed", 6), "the line that read the year, `year = int(input(\"Year: \"))`, "
               "is gone, so the program never asks for a year and `is_leap_year(year)` in "
               "the `if` raises a NameError: `year` exists only as the function's parameter, "
               "not in the main program.")],
        """
I want a single runtime error, and a nice one here is about names inside and outside a
function. The function `is_leap_year` has a parameter called `year`, and a student who sees
that name often believes the main program "has" a `year` too. I remove the line of the
main program that reads the year.

The program now starts by testing `is_leap_year(year)` and stops at once with a NameError,
before it even asks a question. The student has to see that the parameter only exists
while the function runs.
""", clean(REMOVED, why="line 6 (the input of the year) deleted and located as removed "
                  "line 6; NameError on the if line")),

    Rec("shopping_list", (0, 1, 0), [("items = []\n", ""), ("\n\nif len(items)", "\nif len(items)")],
        [Claim(("removed", 3), "`items = []` has been removed, so the list is never "
               "created: `items.append(...)` in the loop raises a NameError, and with 0 items "
               "`len(items)` raises it.")],
        """
The request is one runtime error. I take away the line that creates the empty list,
`items = []`. Students often think `append` makes the list appear the first time it is
used, the way a shopping bag is there when you start filling it.

The program still asks how many items, but the first `items.append(...)` raises a
NameError; when the user asks for 0 items the loop is skipped and the error comes from
`len(items)` a few lines later. I also closed up the blank line before the `if` block; it
changes nothing about how the program runs.
""", clean(REMOVED, WHITESPACE, why="removed line 3 (items = []) plus a blank line removed "
                  "(layout only)")),

    Rec("factorial_loop", (0, 1, 1),
        [("    result = 1\n", ""), ("if number < 0:", "if number <= 0:")],
        [Claim(("removed", 3), "the start value `result = 1` is missing from the function, "
               "so `result *= i` raises a NameError for 5, and for 1 (no loop turns) "
               "`return result` raises it."),
         Claim("if number <= 0:", "`<=` sends 0 to the error branch, so for 0 the program "
               "says the factorial is not defined instead of printing `0! = 1`: a logical "
               "error.")],
        """
One runtime error and one logical error, both about where values start and end.

For the runtime error I delete `result = 1` from the function: a product needs a starting
value, and beginners who have just learnt `*=` forget that it reads the old value first.
Calling `factorial(5)` stops with a NameError.

For the logical error I change the test on the input to `number <= 0`. Students often
think of 0 as "not a proper number" here, but 0! is 1. Now 0 is rejected with the
message for negative numbers. The two errors are on different paths: 0 never reaches the
function, so for 0 the student only sees the wrong message, while for 5 they see the
NameError.
""", clean(REMOVED, ORDER, why="removed line 3 located by the original line; the "
                  "explanation of line 9 is listed before the removed line's"),
        explain_order=[1, 0]),

    Rec("vowel_counter", (0, 1, 0), [("vowels = 0\n", "")],
        [Claim(("removed", 3), "without `vowels = 0` the counter has no starting value, "
               "so `vowels += 1` raises a NameError at the first vowel; for \"rhythm\", which "
               "has no vowels, the NameError comes from the first print.")],
        """
A single runtime error: I delete the line `vowels = 0` that starts the counter. It is the
classic forgotten initialisation; the student reads `vowels += 1` as "count one more" and
does not see that there has to be a first value to count from.

For "Hello World!" the program stops with a NameError as soon as it meets the `e`. For a
word without vowels such as "rhythm" the loop never adds, and the error appears on the
print that shows the count.
""", clean(REMOVED, COUNTS, why="removed line 3 located as removed; `<logical>-0</logical>`"),
        counts_text={"logical": "-0"}),

    Rec("remove_duplicates", (1, 0, 0), [("        unique.append(w)\n", "")],
        [Claim(("removed", 12), "the only statement inside `if w not in unique:` has been "
               "deleted, so the `if` has no indented block under it and Python reports an "
               "IndentationError (expected an indented block) before the program runs.")],
        """
One syntax error. I remove the line `unique.append(w)`, the only statement inside the
`if w not in unique:` test. A student who tidies up code and deletes a line "that looks
like it does the same as the loop above" can easily leave a header with nothing under it.

Python refuses to compile the file: an `if` must have at least one indented statement. The
error message points after the `if`, at the next line that is not indented, which teaches
the student to look upwards from the line Python names.
""", clean(REMOVED, why="removed line 12 leaves an empty if block: a real IndentationError")),

    Rec("reading_list", (0, 0, 1), [("    books.sort()\n", "")],
        [Claim(("removed", 14), "`books.sort()` is no longer there, so the line \"A to Z:\" "
               "shows the books in the order they were typed (Emma, Dune, Beloved) instead "
               "of alphabetical order: a logical error.")],
        """
One logical error. The program prints the list twice, newest first and then from A to Z,
and the sorting step is one line. I delete `books.sort()`: students often believe that
printing a list "in order" sorts it, or that the earlier `reverse()` already put it in
order.

The program runs without complaint; for Emma, Dune and Beloved the "A to Z" line simply
repeats the typing order. The student has to compare the two lines to notice.
""", clean(REMOVED, why="removed line 14 (books.sort()); output differs")),

    Rec("count_multiples", (0, 0, 1),
        [("\n\ncount = 0", "\ncount = 0"), ("number % divisor == 0", "number // divisor == 0")],
        [Claim("number // divisor", "`//` is whole-number division, not the remainder, so "
               "the test is true only for numbers smaller than the divisor: for 20 and 3 the "
               "program reports 2 multiples instead of 6, a logical error.")],
        """
One logical error. The two division operators `//` and `%` look alike, and a beginner who
remembers that "one of them gives the rest" easily picks the wrong one. I write
`number // divisor == 0` in the test.

The program still runs, but it now counts the numbers below the divisor (1 and 2 for a
divisor of 3) instead of the multiples. I also removed the blank line between the two
inputs and the counter; it has no effect.
""", clean(WHITESPACE, why="a blank line removed; real logical error on the if line")),

    Rec("rectangle_area", (0, 0, 1),
        [("# Read the size of the rectangle in metres\n",
          "# Read the size of the rectangle in metres   \n\n"),
         ("2 * (width + height)", "2 * width + height")],
        [Claim("2 * width + height", "without brackets only the width is doubled, so for "
               "4.5 by 2.4 the perimeter comes out as 11.40 instead of 13.80 metres: a "
               "logical error.")],
        """
A single logical error in the perimeter formula. Students know the rule "twice the width
plus the height" from maths lessons, where the bracket is implied by the way it is said,
and write `2 * width + height`. Multiplication binds before addition, so only the width is
doubled.

The area stays right, which makes the slip harder to find. I also left trailing spaces
after the first comment and a blank line under it; that is layout only.
""", clean(WHITESPACE, why="trailing spaces and an added blank line; real logical error")),

    Rec("temperature_converter", (0, 0, 1),
        [('value = float(input("Temperature: "))\n', 'value = float(input("Temperature: "))\n\n'),
         ("(value - 32) * 5 / 9", "value - 32 * 5 / 9")],
        [Claim("value - 32 * 5 / 9", "without the brackets Python works out `32 * 5 / 9` "
               "first, so 98.6 degrees Fahrenheit is converted to 80.8 instead of 37.0 "
               "degrees Celsius: a logical error.")],
        """
One logical error. The Fahrenheit formula needs the subtraction first, and a student who
types the formula as they say it ("value minus thirty-two times five ninths") drops the
brackets. Python does the multiplication and division first.

Converting from Celsius still works, so the student only notices when they test the other
direction. An extra blank line after the two inputs is layout only.
""", clean(WHITESPACE, why="an added blank line; real logical error")),

    Rec("ride_check", (0, 1, 1),
        [('adult = input("With an adult? (y/n) ").strip().lower()\n\n',
          'adult = input("With an adult? (y/n) ").strip().lower()\n'),
         ("age >= 8 or adult", "age >= 8 and adult"),
         ('print("Try the small carousel instead.")',
          'print("Try the small carousel instead." + age)')],
        [Claim("age >= 8 and adult", "with `and` a child must be 8 or older *and* have an "
               "adult with them, so a 6-year-old of 120 cm with an adult is told they need "
               "an adult: a logical error."),
         Claim("carousel", "`\"...instead.\" + age` joins text and an integer, so for a "
               "4-year-old this line raises a TypeError.")],
        """
The request is one runtime error and one logical error.

For the logical error I use the famous `and`/`or` mix-up: the rule says "8 or older, or
with an adult", and a student who hears "and an adult" in their head writes `and`. Children
who come with an adult are now turned away unless they are 8.

For the runtime error I have the student add the age to the carousel message with `+`.
Python cannot join a string and an int, so every visitor younger than 5 or shorter than 100
cm ends with a TypeError. I also closed the blank line after the inputs, which changes
nothing.
""", clean(WHITESPACE, ORDER, why="blank line removed; runtime explanation listed first"),
        explain_order=[1, 0]),

    Rec("fizz_buzz", (0, 0, 1),
        [("\n\nlast = int", "\n    \nlast = int"),
         ("number % 3 == 0 and number % 5 == 0", "number % 3 == 0 or number % 5 == 0")],
        [Claim("number % 3 == 0 or number % 5 == 0", "`or` makes the first test true for "
               "every multiple of 3 or of 5, so 3 prints FizzBuzz instead of Fizz and 5 "
               "prints FizzBuzz instead of Buzz: a logical error.")],
        """
One logical error. "Divisible by 3 and by 5" is easy to turn into `or` when a student
thinks "either of the two rules applies". Then the FizzBuzz branch catches every multiple of
3 or 5, and the Fizz and Buzz branches never run.

The program runs and prints a list that looks plausible at first sight, which makes it a
good exercise in checking against the rules. A blank line near the end now holds a few
spaces; that is layout only.
""", clean(WHITESPACE, COUNTS, why="spaces on a blank line; `<logical> 1 </logical>`"),
        counts_text={"logical": " 1 "}),

    Rec("greeting_card", (0, 1, 0),
        [('sender = input("Who is it from? ")\n', 'sender = input("Who is it from? ")\n\n'),
         ('print("*** " + name.strip().upper() + " ***")',
          'print("*** " + name.strip().upper() + " ***")  '),
         ("str(age + 1)", "(age + 1)")],
        [Claim("(age + 1)", "`str()` is missing around `age + 1`, so Python tries to add a "
               "number to text and raises a TypeError on this line.")],
        """
One runtime error. On the "Next year" line I remove `str()` around `age + 1`. Students
who know that `print` can show numbers expect `+` to do the same inside a string; it does
not, and the program stops with a TypeError after printing the first two lines of the card.

I also added a blank line after the inputs and left two trailing spaces after the first
print; neither changes the program.
""", clean(WHITESPACE, why="a blank line and trailing spaces added; real TypeError")),

    Rec("largest_of_three", (0, 1, 2),
        [("if a >= b and a >= c:", "if a > b and a >= c:"),
         ('print("The largest number is", largest)', 'print("The largest number is" + largest)'),
         ('print(f"It was entered as number {position}.")',
          'print("It was entered as number {position}.")')],
        [Claim("if a > b and a >= c:", "with `a > b` a tie between the first two numbers "
               "goes to the second one, so for 6.5, 6.5, 2 the program would name number 2 "
               "although the first of equal numbers should count: a logical error."),
         Claim('"The largest number is" + largest', "the float `largest` is joined to "
               "text with `+`, which raises a TypeError every time."),
         Claim("It was entered as number {position}", "the `f` in front of the string is "
               "missing, so once the TypeError above is fixed the braces are printed as they "
               "are (`{position}`) instead of the number: a logical error.")],
        """
One runtime error and two logical ones.

The comment says that when numbers are equal the first one counts; writing `a > b`
instead of `a >= b` breaks exactly that promise for a tie between the first two numbers.
The forgotten `f` prefix on the last print is the second logical error: the output shows
`{position}` literally.

For the runtime error I join the largest number to its label with `+`, as students do
after seeing string concatenation. Because that line is reached on every run, the student
meets the TypeError first and only finds the two logical errors after fixing it.
""", clean(ORDER, why="explanations listed 16, 6, 15 while locations ascend"),
        explain_order=[2, 0, 1]),

    Rec("password_retry", (1, 0, 1),
        [("while tries < MAX_TRIES and not logged_in:", "while tries < MAX_TRIES and not logged_in"),
         ("MAX_TRIES - tries)", "MAX_TRIES - tries + 1)")],
        [Claim("and not logged_in", "the `while` line has no colon at the end, so Python "
               "reports a syntax error and the program does not start."),
         Claim("MAX_TRIES - tries + 1", "the `+ 1` counts the try that was just used as "
               "still available, so after the first wrong password the program says 3 tries "
               "are left instead of 2: a logical error.")],
        """
One syntax error and one logical error.

The syntax error is the forgotten colon after the `while` header, probably the most
common slip of all in a beginner's first loops. The program will not run until it is fixed.

The logical error is in the "tries left" message: a student who counts on their fingers
adds one "because the counting starts at 1" and so reports one try too many. The loop
still stops after three attempts, so the message and the behaviour disagree.
""", clean(ORDER, why="the logical error on line 14 is explained before the syntax error "
                  "on line 8"), explain_order=[1, 0]),

    Rec("word_lengths", (0, 1, 1),
        [("print(word, len(word))", "print(word + len(word))"),
         ("if len(word) > len(longest):", "if len(word) >= len(longest):")],
        [Claim("print(word + len(word))", "`+` tries to add a number to a word, so the "
               "first word of any sentence raises a TypeError."),
         Claim("if len(word) >= len(longest):", "`>=` lets a later word of the same length "
               "replace the first one, so for \"the red fox ran far\" the program names "
               "\"far\" instead of \"the\": a logical error.")],
        """
One runtime error and one logical error.

The runtime error: the student wants the word and its length on one line and reaches for
`+`, which Python refuses between a string and an int (TypeError on the first word).

The logical error hides in the comparison: `>=` instead of `>` means that among words of
equal length the last one wins. For a sentence with one clear longest word nothing looks
wrong; "the red fox ran far" gives "far" instead of "the".
""", clean(ORDER, why="explanations listed line 6 then line 5"), explain_order=[1, 0]),

    Rec("game_score", (1, 0, 1),
        [("round1 + round2, \"points", "round1 + round1, \"points"),
         ('"Good luck in the bonus round, " + player', '"Good luck in the bonus round, " player')],
        [Claim("round1 + round1", "`round1` is added twice, so a player with 12 and 15 "
               "points is told 24 points instead of 27: a logical error."),
         Claim("Good luck in the bonus round", "the `+` between the text and `player` is "
               "missing, so Python cannot read the line and reports a syntax error.")],
        """
One syntax error and one logical error.

For the logical error I use a copy-and-paste slip: `round1 + round1`. The total is wrong
only when the two rounds differ, so a student testing with equal scores sees nothing.

For the syntax error I drop the `+` between the greeting and the name. Students who read
the line aloud ("good luck, player") do not notice that Python needs the operator; the whole
file fails to compile, so this is the error they meet first.
""", clean(ORDER, COUNTS, why="explanations listed 11 then 6; `<runtime>-0</runtime>`"),
        explain_order=[1, 0], counts_text={"runtime": "-0"}),

    Rec("sentinel_average", (0, 1, 1),
        [("count = 0\n", "count = 1\n"),
         ("average = total / count", "average = total / counts")],
        [Claim("count = 1", "starting the counter at 1 counts one score too many, so for 12, "
               "7 and 8.5 the program would report 4 scores and an average of 6.88 instead of "
               "3 and 9.17 (once the NameError below is fixed): a logical error."),
         Claim("total / counts", "`counts` is a misspelling of `count`, a name the program "
               "never defines, so working out the average raises a NameError.")],
        """
One runtime error and one logical error.

Starting the counter at 1 is a typical belief that "the first score counts as one
already". It makes the count and the average wrong while the program keeps running.

For the runtime error I misspell the counter as `counts` in the average, the kind of
plural slip students make when the word "scores" is in their head. With the wrong start
value even a user who types -1 at once reaches that line, so every run ends with a
NameError until it is fixed; only then does the wrong count show.
""", clean(ORDER, why="explanations listed 13 then 3"), explain_order=[1, 0]),

    Rec("acronym_maker", (1, 1, 0),
        [("if word.lower() not in small_words:", "if word.lower() not in small_words"),
         ('print("Letters:", len(result))', 'print("Letters:", len(results))')],
        [Claim("not in small_words", "the `if` line has no colon at the end, so Python "
               "reports a syntax error."),
         Claim("len(results)", "`results` is not a name the program defines (it is "
               "`result`), so this line raises a NameError.")],
        """
One syntax error and one runtime error.

The syntax error is the colon left off the `if` inside the loop, the slip every beginner
makes when a condition gets long.

The runtime error is a misspelt name on the last line: `results` for `result`. Students
believe Python will "know what they mean". Because of the syntax error the program does
not run at all at first; once the colon is added, it prints the acronym and then stops
with a NameError.
""", clean(ORDER, why="explanations listed 14 then 6"), explain_order=[1, 0]),

    Rec("even_or_odd", (0, 0, 1),
        [("if number % 2 == 0:", 'if int(input("Enter a whole number: ")) % 2 == 0:')],
        [Claim("if int(input", "the condition calls `input()` again instead of testing "
               "`number`, so after the first answer the program shows the question a second "
               "time and waits; a student who types 14 once gets no answer at all: a "
               "logical error.")],
        """
One logical error. Some beginners think each use of a value means reading it again, and
write `input()` where the variable should be. I put a second `int(input(...))` into the
test of the `if`.

The program does not crash: it asks the same question twice and, if the student answers
again, tests the second number. A student who types one number sees the program stop and
wait, which is the behaviour they have to explain.
""", clean(EXTRA_INPUT, why="the program asks for a second number that the scenarios do "
                  "not give: an observable logical error")),

    Rec("validate_score", (0, 0, 1),
        [('score = int(input("Enter a score from 0 to 100: "))\nwhile',
          'score = int(input("Enter a score from 0 to 100: "))\n'
          'score = int(input("Enter a score from 0 to 100: "))\nwhile')],
        [Claim(2, "the question is asked a second time straight away, so after typing 75 "
               "the student sees the prompt again and the program waits; the first answer "
               "is thrown away: a logical error.")],
        """
One logical error. The program reads the score once before the loop and again inside it.
A student who copies the "ask again" line to the top as well, believing the loop needs a
fresh answer to start, ends up with two questions in a row.

The first score is overwritten before it is checked, and the user has to answer twice.
Nothing crashes; the student sees the program ask a question it should not ask.
""", clean(EXTRA_INPUT, TWO_READINGS, why="a duplicated input line: the program "
                  "waits for a second score; either copy can be called the added one (the "
                  "location names the second)")),

    Rec("shopping_list", (0, 0, 1), [("for i in range(1, count + 1):", "for i in range(0, count + 1):")],
        [Claim("range(0, count + 1)", "the loop now starts at 0, so it asks for \"Item 0\" "
               "and then for one item more than the user said: after 3 items it waits for "
               "a fourth, and even for 0 items it asks for one: a logical error.")],
        """
One logical error, an off-by-one in the loop that reads the items. Students who have
learnt that Python counts from 0 "fix" the range to start at 0 without changing its end.

The loop turns one time too many: the prompts start with "Item 0" and the program asks for
an extra item the user never planned to type. A student who answers 3 and types three items
sees the program still waiting.
""", clean(EXTRA_INPUT, why="the loop asks for count + 1 items")),

    Rec("reading_list", (0, 0, 1), [('while title != "":', 'while title != "stop":')],
        [Claim('while title != "stop"', "the loop now only ends when the user types "
               "\"stop\", so a blank title is added to the list as if it were a book and the "
               "program keeps asking for more titles: a logical error.")],
        """
One logical error. The description says a blank title ends the list, but many students
remember that "loops stop on a special word" and write `"stop"`.

Typing an empty line no longer ends the input: the empty title goes into the list and the
question comes again, so the student who follows the instructions sees the program keep
waiting.
""", clean(EXTRA_INPUT, why="the program keeps asking after the blank line")),

    Rec("password_retry", (0, 0, 1), [("while tries < MAX_TRIES", "while tries <= MAX_TRIES")],
        [Claim("while tries <= MAX_TRIES", "with `<=` the loop runs once more after the "
               "third wrong password: the program says 0 tries are left and still asks for "
               "a fourth password: a logical error.")],
        """
One logical error at the boundary of the loop. "At most three tries" becomes
`tries <= MAX_TRIES`, because the student reads "up to and including three".

After three wrong passwords the program prints "Tries left: 0" and then asks again, so the
user gets a fourth try. A user who gets it right within three tries sees no difference,
which is why this kind of bug survives a quick test.
""", clean(EXTRA_INPUT, COUNTS, why="asks for a fourth password; `<syntax> 0</syntax>`"),
        counts_text={"syntax": " 0"}),

    Rec("count_multiples", (0, 0, 1),
        [('divisor = int(input("Multiples of: "))\n', ""),
         ("for number in range(1, limit + 1):\n",
          'for number in range(1, limit + 1):\n    divisor = int(input("Multiples of: "))\n')],
        [Claim("    divisor = int", "the question for the divisor has moved inside the "
               "loop, so the program asks \"Multiples of:\" again for every number up to the "
               "limit (20 times for a limit of 20) instead of once: a logical error.")],
        """
One logical error. A student who is unsure what belongs inside a loop moves the second
question into it "so that it is near where it is used".

The program now asks for the divisor once per number. Only a patient user who types the
same divisor twenty times gets the right count; everyone else sees the program keep asking.
""", clean(EXTRA_INPUT, why="a moved input line asks for the divisor on every turn")),

    Rec("circle_calculator", (0, 0, 1),
        [("import math\n\n", "import math\n"),
         ("circumference = 2 * math.pi * radius",
          'circumference = 2 * math.pi * float(input("Radius of the circle: "))')],
        [Claim("circumference = 2", "the circumference line reads the radius a second time "
               "with `input()` instead of using `radius`, so the program asks the same "
               "question twice and waits for a second answer: a logical error.")],
        """
One logical error. A student who has just learnt `input()` sometimes thinks every formula
has to ask for its own values, and writes a second `input()` into the circumference.

The user is asked for the radius twice; if they answer something different the second
time, area and circumference no longer belong to the same circle. I also removed the blank
line after the import, which is layout only.
""", clean(EXTRA_INPUT, WHITESPACE, why="a second question for the radius; a blank line "
                  "removed")),

    Rec("minutes_to_hours", (0, 0, 1), [("hours = total_minutes // 60", "hours = total_minutes / 60")],
        [Claim("hours = total_minutes / 60", "`/` gives a decimal, so 135 minutes are shown "
               "as 2.25 h 15 min instead of 2 h 15 min: a logical error.")],
        """
One logical error. Students who know `/` from maths use it for "how many whole hours" and
do not expect a decimal. The program still runs; the hours come out as 2.25 for 135
minutes, next to the correct 15 remaining minutes.
""", clean(COUNTS, why="`<runtime>-0</runtime>`, `<syntax> 0 </syntax>` and no final "
                  "newline in either message"),
        counts_text={"runtime": "-0", "syntax": " 0 "}, no_final_newline=True),

    Rec("initials", (1, 0, 0), [('part[0].upper() + "."', 'part[0].upper() + ".')],
        [Claim('part[0].upper() + ".', "the string `\".` is never closed, so Python "
               "reports a syntax error (unterminated string literal).")],
        """
One syntax error: the closing quote of the dot is missing. Short strings of one character
are where students most often lose a quote. Python cannot read the line and nothing runs.
""", clean(COUNTS, why="`<syntax> 1 </syntax>`; the incorrect program has no final newline "
                  "(closing tag on its last line)"),
        counts_text={"syntax": " 1 "}, program_no_newline=True),

    Rec("hypotenuse", (0, 1, 0), [("math.sqrt(a ** 2 + b ** 2)", "sqrt(a ** 2 + b ** 2)")],
        [Claim("sqrt(a ** 2", "`sqrt` is called without `math.` in front, so Python does not "
               "know the name and raises a NameError after both sides are read.")],
        """
One runtime error. `import math` makes the module available, not its functions by their
short names; a student who has seen `from math import sqrt` elsewhere writes `sqrt(...)`
on its own. The two questions are asked, then the NameError stops the program.
""", clean(COUNTS, why="`<runtime> 1</runtime>`, `<logical>-0</logical>`, no final newline"),
        counts_text={"runtime": " 1", "logical": "-0"}, no_final_newline=True),

    Rec("countdown_timer", (0, 0, 1), [("    seconds -= 1\n", "    seconds -= 1\n    seconds -= 1\n")],
        [Claim("seconds -= 1", "the count is lowered twice per turn, so from 5 the program "
               "prints 5, 3, 1 instead of 5, 4, 3, 2, 1: a logical error.", nth=2)],
        """
One logical error: the line `seconds -= 1` appears twice in the loop. A student who wants
the countdown "to move" adds another decrease, not seeing that one per turn is enough.

Reading it one way, the second copy is the extra line; reading it the other way, the first
one is. Either way the loop body now lowers the count by 2, and the countdown skips every
other number.
""", clean(TWO_READINGS, why="an added copy of an identical line: either copy can be called "
                  "the added one; the location names the second")),

    Rec("compound_interest", (0, 0, 1),
        [("    balance += balance * rate / 100\n    print(f\"After year {year}: {balance:.2f}\")\n",
          "    print(f\"After year {year}: {balance:.2f}\")\n    balance += balance * rate / 100\n")],
        [Claim("balance += balance", "the interest is now added after the balance is printed, "
               "so \"After year 1\" shows the starting amount (1000.00 instead of 1025.00): a "
               "logical error.")],
        """
One logical error: two lines of the loop change places, so the balance is printed before
the interest is added. Students often put the print "first, so that it shows up" without
thinking about which value it shows.

One can read this as the print moving up or as the interest moving down; I describe it at
the interest line, which is where the value is now updated too late. The final total is
still right, so only the yearly lines are wrong.
""", clean(TWO_READINGS, why="two swapped lines: either one can be called the moved line")),

    Rec("linear_search_first", (0, 1, 0),
        [("while index < len(items)", "while index <= len(items)")],
        [Claim("index <= len", "`<=` lets `index` reach 4, one past the last position, so "
               "searching for \"Linus\" ends in an IndexError: not a logical error with a "
               "wrong answer, but a crash.")],
        """
One runtime error at the boundary of the search loop. "Up to the length" easily becomes
`<=`, because the student thinks of the length as the last position.

When the name is in the list, the loop stops as soon as it is found, so "Grace" still
works. Only a search for a missing name runs past the end, and `items[4]` raises an
IndexError.
""", clean(TWO_READINGS, why="the explanation names both 'logical' and 'IndexError'/'crash'; "
                  "read as a whole it says runtime, which holds")),

    Rec("middle_of_list", (0, 1, 0), [("half = len(items) // 2", "half = len(items) / 2")],
        [Claim("half = len(items) / 2", "this is not a syntax error even though it looks like "
               "a typing slip: `/` gives a float such as 1.5, and `items[half]` then raises a "
               "TypeError because list positions must be whole numbers.")],
        """
One runtime error. Students who know `/` from maths do not expect it to produce 1.5 for
3 / 2, and use it to find the middle position.

For a list of odd length `items[half]` raises a TypeError (a list index must be an
integer). For even lengths `half` is a whole float like 2.0 and `items[half - 1]` fails the
same way, so every non-empty list crashes.
""", clean(TWO_READINGS, why="the explanation names 'syntax' and 'TypeError'; it says runtime")),

    Rec("average_of_positives", (0, 0, 1), [("if n > 0:", "if n >= 0:")],
        [Claim("if n >= 0:", "zero is now counted as positive, so for [4, -2, 6, 0, 5] the "
               "average is 3.75 instead of 5.0 - a wrong result, with no exception or "
               "crash.")],
        """
One logical error. Whether zero is positive is a question students often answer "yes",
and `n >= 0` lets zeros into the count. Nothing crashes; a list with a 0 in it gives a lower
average, and a list without one gives exactly the right answer.
""", clean(TWO_READINGS, why="the explanation names 'wrong result' and 'exception'/'crash' "
                  "(to deny them); it says logical, which holds")),

    Rec("number_pyramid", (0, 0, 1),
        [("            line += str(number)\n        # ...and",
          "            line += str(number)\n            line += str(number)\n        # ...and")],
        [Claim("line += str(number)", "the line adding the number appears twice, so every "
               "number on the way up is written twice (row 2 of height 4 shows `  11221` "
               "instead of `  121`): a logical error.", nth=2)],
        """
One logical error: in the loop that counts up, `line += str(number)` is there twice. A
student who copies the line to make the second loop and pastes it in the wrong place ends up
with this.

Which of the two identical lines is "the extra one" can be read either way; I point at the
second. The pyramid still prints, but the left half of every row doubles each digit.
""", clean(TWO_READINGS, why="an added copy of an identical line; location names the second")),

    Rec("shopping_list_sorted", (0, 0, 1),
        [('    items.reverse()\n    print("Backwards:", ", ".join(items))\n',
          '    print("Backwards:", ", ".join(items))\n    items.reverse()\n')],
        [Claim('print("Backwards:"', "the list is printed before it is reversed, so the "
               "\"Backwards\" line shows apples, bread, milk in A-to-Z order: a logical "
               "error.")],
        """
One logical error: the print of the backwards list and the `reverse()` that should come
before it have changed places. Students often think `reverse()` returns something for the
print to use, or that the order of two statements in a block does not matter.

It can be read as the print moving up or as `reverse()` moving down; I locate it at the
print, which now shows the list still in A-to-Z order.
""", clean(TWO_READINGS, why="two swapped lines; either can be called the moved one")),
]


# ---------------------------------------------------------------------------------------
# Defective records: exactly one real defect each.
# ---------------------------------------------------------------------------------------

def drop_thinking(text: str) -> str:
    start, end = text.index("<thinking>"), text.index("</thinking>") + len("</thinking>\n")
    return text[:start] + text[end:]


def drop_program_tags(text: str) -> str:
    return text.replace("<incorrect-program>\n", "").replace("</incorrect-program>\n", "")


DEFECTIVE = [
    # -- wrong_class -------------------------------------------------------------------
    Rec("sum_to_n", (0, 1, 0), [('" is " + str(total)', '" is " + total')],
        [Claim('" is " + total', "the sum is printed wrongly because `str()` was left out: "
               "a logical error.")],
        "One runtime error: `str()` is left out around the total in the final message.",
        defect("wrong_class", 7, "joining an int to text raises TypeError: runtime, "
               "called logical")),
    Rec("even_or_odd", (0, 0, 1), [("number % 2 == 0", "number % 2 == 1")],
        [Claim("number % 2 == 1", "comparing the remainder with 1 makes Python raise a "
               "ValueError: a runtime error.")],
        "One logical error: the remainder is compared with 1 instead of 0.",
        defect("wrong_class", 3, "even and odd are swapped, nothing raises: logical, called "
               "runtime")),
    Rec("hypotenuse", (1, 0, 0), [("math.sqrt(a ** 2 + b ** 2)", "math.sqrt(a ** 2 + b ** 2")],
        [Claim("math.sqrt(a ** 2 + b ** 2", "the call is not closed, so `math.sqrt` raises "
               "a TypeError when the program runs: a runtime error.")],
        "One syntax error: the closing bracket of `math.sqrt(` is missing.",
        defect("wrong_class", 5, "an unclosed bracket does not compile: syntax, called "
               "runtime")),
    Rec("initials", (0, 1, 0), [("full_name.split()", "full_name.split")],
        [Claim("full_name.split", "without brackets the line is not valid Python: a syntax "
               "error.")],
        "One runtime error: the method `split` is named but not called.",
        defect("wrong_class", 4, "iterating over a method raises TypeError: runtime, called "
               "syntax")),
    Rec("word_frequency_dict", (0, 0, 1), [("        word = word.lower()\n", "")],
        [Claim("word = word.rstrip", "without `lower()` the words \"The\" and \"the\" are "
               "looked up separately and `counts[word] += 1` raises a KeyError: a runtime "
               "error.")],
        "One logical error: the words are no longer made lower-case.",
        defect("wrong_class", 4, "removing lower() makes The and the count apart; no "
               "KeyError can happen (the `in` test guards it): logical, called runtime")),

    # -- wrong_line --------------------------------------------------------------------
    Rec("compound_interest", (0, 0, 1), [("rate / 100", "rate / 10")],
        [Claim(5, "dividing by 10 instead of 100 turns 2.5 % into 25 %, so the balance "
               "grows ten times too fast: a logical error.")],
        "One logical error: the percentage is divided by 10.",
        defect("wrong_line", 5, "the change is on line 6, the record says line 5")),
    Rec("fizz_buzz", (0, 0, 1), [("range(1, last + 1)", "range(1, last)")],
        [Claim(15, "the range stops before `last`, so the last number (16) is never played: "
               "a logical error.")],
        "One logical error: the range of the game loop leaves out its end.",
        defect("wrong_line", 15, "the change is on line 14, the record says line 15")),
    Rec("vowel_counter", (0, 1, 0), [("len(text) - vowels)", "len(text) - vowel)")],
        [Claim(7, "`vowel` is not defined (the counter is `vowels`), so a NameError is "
               "raised.")],
        "One runtime error: the counter's name is misspelt in the last print.",
        defect("wrong_line", 7, "the misspelt name is on line 8, the record says line 7")),
    Rec("palindrome_phrase", (0, 0, 1), [("letters[left] != letters[right]", "letters[left] == letters[right]")],
        [Claim(8, "the test is reversed, so the function returns False as soon as the first "
               "and last letters match, and every palindrome is rejected: a logical error.")],
        "One logical error: the comparison of the two letters is reversed.",
        defect("wrong_line", 8, "the reversed test is on line 7, the record says line 8")),

    # -- count_mismatch ------------------------------------------------------------------
    Rec("minutes_to_hours", (0, 0, 2), [("total_minutes % 60", "total_minutes // 60")],
        [Claim("minutes = total_minutes // 60", "`//` gives the hours again instead of the "
               "remaining minutes, so 135 minutes shows 2 h 2 min: a logical error.")],
        "Two logical errors were asked; I use `//` in place of `%` for the minutes.",
        defect("count_mismatch", None, "two logical errors requested, one delivered")),
    Rec("circle_calculator", (0, 1, 1), [("math.pi * radius ** 2", "math.PI * radius ** 2")],
        [Claim("math.PI", "the module has no name `PI` (it is `pi`), so an AttributeError "
               "is raised.")],
        "One runtime and one logical error were asked; I write `math.PI`.",
        defect("count_mismatch", None, "the requested logical error is missing")),
    Rec("greeting_card", (0, 2, 0), [("str(age + 1)", "(age + 1)")],
        [Claim("(age + 1)", "`age + 1` is an int joined to text with `+`, so a TypeError is "
               "raised.")],
        "Two runtime errors are asked; I remove `str()` on the next-year line.",
        defect("count_mismatch", None, "two runtime errors requested, one delivered")),
    Rec("count_multiples", (1, 0, 1), [("for number in range(1, limit + 1):", "for number in range(1, limit + 1)")],
        [Claim("for number in range", "the `for` header has no colon, so Python reports a "
               "syntax error.")],
        "A syntax error and a logical error are asked; I drop the colon of the loop.",
        defect("count_mismatch", None, "the requested logical error is missing")),

    # -- misleading_explanation ------------------------------------------------------------
    Rec("largest_of_three", (0, 0, 1), [("elif b >= c:", "elif b <= c:")],
        [Claim("elif b <= c:", "this is a boundary slip: when b and c are equal the wrong "
               "branch is taken, so the program names the wrong number: a logical error.")],
        "One logical error in the second comparison.",
        defect("misleading_explanation", 9, "`<=` reverses `>=` (it is wrong for 4, 9.75, "
               "7.5 too), but the explanation calls it a boundary slip")),
    Rec("sum_to_n", (0, 0, 1), [("range(1, n + 1)", "range(1, n - 1)")],
        [Claim("range(1, n - 1)", "in `range(1, n + 1)` the loop stops two numbers too "
               "early, so for 10 the sum is 36 instead of 55: a logical error.")],
        "One logical error in the end of the range.",
        defect("misleading_explanation", 5, "quotes `range(1, n + 1)` as the code on the line; "
               "the student sees `range(1, n - 1)`")),
    Rec("sentinel_average", (0, 1, 0), [("count = 0\n", "")],
        [Claim(3, "`count = 0` used to be on this line; without it `count += 1` raises a "
               "NameError.")],
        "One runtime error: the counter's start value is removed.",
        defect("misleading_explanation", 3, "a removed statement described as 'used to be on "
               "this line' (the design forbids it: the line now holds other code)")),
    Rec("count_multiples", (0, 0, 1), [("range(1, limit + 1)", "range(1, limit)")],
        [Claim("range(1, limit)", "the range stops before the limit, so for 20 and 3 the "
               "program reports 5 multiples instead of 6: a logical error.")],
        "One logical error: the limit itself is left out of the range.",
        defect("misleading_explanation", 5, "wrong symptom: 20 is not a multiple of 3, so "
               "for 20 and 3 it still reports 6 (it differs for 21 and 7: 2 instead of 3)")),
    Rec("rectangle_area", (0, 0, 1), [("2 * (width + height)", "2 * (width + width)")],
        [Claim("2 * (width + width)", "`height` is added twice instead of adding the width "
               "and the height, so the perimeter is wrong: a logical error.")],
        "One logical error: a copy-paste slip in the perimeter.",
        defect("misleading_explanation", 5, "wrong variable: it is `width` that is added "
               "twice, `height` does not appear")),
    Rec("factorial_loop", (0, 1, 0),
        [("{factorial(number)}", "{factorial(numbr)}")],
        [Claim("factorial(numbr)", "`numbr` is not defined, so the program raises a "
               "NameError as soon as it starts, before it asks for a number.")],
        "One runtime error in the last print.",
        defect("misleading_explanation", 13, "wrong symptom: the question is asked first and "
               "the NameError comes only for a number of 0 or more (never for -1)")),

    # -- unexplained_change --------------------------------------------------------------
    Rec("leap_year", (0, 0, 1),
        [("year % 100 != 0", "year % 100 == 0"), ("it has 365 days", "it has 356 days")],
        [Claim("year % 100 == 0", "`== 0` makes ordinary leap years like 2024 fail the "
               "first test, so 2024 is reported as not a leap year: a logical error.")],
        "One logical error: the century test is reversed.",
        defect("unexplained_change", 10, "365 -> 356 in the message is a second real change "
               "(logical) that is not explained")),
    Rec("game_score", (0, 1, 0),
        [("player = player.strip().title()", "player = player.strip()"),
         ('"Good luck in the bonus round, " + player + "!"',
          '"Good luck in the bonus round, " + player.name + "!"')],
        [Claim("player.name", "a string has no attribute `name`, so a player who answers y "
               "gets an AttributeError.")],
        "One runtime error on the bonus-round message.",
        defect("unexplained_change", 3, "removing .title() on line 3 changes the printed "
               "name and is not explained")),
    Rec("shopping_list_sorted", (0, 0, 1),
        [('print("-", entry)', 'print("-", entry, sep=" ")'), ("items.sort()", "items.sort(reverse=True)")],
        [Claim("items.sort(reverse=True)", "the list is sorted from Z to A, so \"Your list in "
               "order\" shows milk, bread, apples: a logical error.")],
        "One logical error: the sort order is reversed.",
        defect("unexplained_change", 15, "`sep=\" \"` added to a print is an extra edit "
               "(harmless) that the record does not mention")),
    Rec("acronym_maker", (0, 0, 1),
        [('input("Enter a phrase: ")', 'input("Phrase: ")'),
         ('small_words = ["and", "of", "the", "for", "in"]',
          'small_words = ["and", "of", "for", "in"]')],
        [Claim("small_words = [", "\"the\" is missing from the small words, so \"The "
               "Society for the Protection of Birds and Bees\" gives TSTPBB instead of SPBB: "
               "a logical error.")],
        "One logical error: a word is missing from the list of small words.",
        defect("unexplained_change", 11, "the prompt text is changed as well (visible output), "
               "and not explained")),

    # -- no_such_change ------------------------------------------------------------------
    Rec("word_lengths", (0, 1, 1),
        [("print(word, len(word))", "print(word + len(word))"),
         ("len(word) > len(longest)", "len(word) < len(longest)")],
        [Claim("longest = \"\"", "the empty start value means the longest word is never "
               "found: a logical error."),
         Claim("print(word + len(word))", "a word and an int are joined with `+`, which "
               "raises a TypeError."),
         Claim("len(word) < len(longest)", "`<` keeps the shortest word, so the program never "
               "reports the longest one: a logical error.")],
        "One runtime and one logical error.",
        defect("no_such_change", 3, "line 3 is unchanged; the claimed third error does not "
               "exist")),
    Rec("temperature_converter", (0, 0, 1), [("value * 9 / 5 + 32", "value * 5 / 9 + 32")],
        [Claim("value * 5 / 9", "the fraction is upside down, so 21.5 C becomes 43.9 F "
               "instead of 70.7 F: a logical error."),
         Claim('print("Unknown scale:"', "the unknown scale is printed in the wrong case: a "
               "logical error.")],
        "One logical error in the Celsius formula.",
        defect("no_such_change", 11, "line 11 is unchanged")),
    Rec("validate_score", (1, 0, 0), [("elif score >= 50:", "elif score => 50:")],
        [Claim('print("That is not a valid score.")', "the message is printed outside the "
               "loop: a syntax error."),
         Claim("elif score => 50:", "`=>` is not an operator in Python, so the line cannot be "
               "read: a syntax error.")],
        "One syntax error: `>=` written as `=>`.",
        defect("no_such_change", 3, "line 3 is unchanged")),

    # -- not_an_error --------------------------------------------------------------------
    Rec("even_or_odd", (0, 0, 1),
        [('    print(number, "is odd")\n', '    print((number), "is odd")\n'),
         ('print(number, "is even")', 'print(number, "is odd")')],
        [Claim('print(number, "is odd")', "even numbers are reported as odd: a logical "
               "error."),
         Claim('print((number), "is odd")', "the brackets around `number` change what is "
               "printed: a logical error.")],
        "One logical error in the even branch.",
        defect("not_an_error", 6, "brackets around a name: the same program")),
    Rec("hypotenuse", (0, 0, 1), [('input("Length of side a: ")', "input('Length of side a: ')")],
        [Claim("input('Length of side a: ')", "with single quotes the prompt is shown with "
               "quote marks around it, so the question looks different: a logical error.")],
        "One logical error in the first question.",
        defect("not_an_error", 3, "single instead of double quotes: the same syntax tree; "
               "the claim is false (the request then is not met as a consequence)")),
    Rec("circle_calculator", (0, 0, 1),
        [("radius ** 2", "radius * 2"), ('print("Area:", round(area, 2))',
                                          "print('Area:', round(area, 2))")],
        [Claim("radius * 2", "`* 2` doubles the radius instead of squaring it, so the area "
               "is wrong: a logical error."),
         Claim("print('Area:'", "single quotes print the label differently: a logical "
               "error.")],
        "One logical error in the area formula.",
        defect("not_an_error", 6, "single vs double quotes: the same program")),
    Rec("compound_interest", (0, 0, 1),
        [("balance += balance * rate / 100", "balance = balance + balance * rate / 100")],
        [Claim("balance = balance +", "writing the update in full adds the interest twice: "
               "a logical error.")],
        "One logical error in the interest update.",
        defect("not_an_error", 6, "`x += e` and `x = x + e` are the same for floats (not the "
               "same syntax tree, so the audit can at best call it unverified)")),

    # -- locations_not_ascending -----------------------------------------------------------
    Rec("word_count_dict", (0, 1, 1),
        [("counts[word] > counts[most_common]", "counts[word] >= counts[most_common]"),
         ('str(counts[most_common]) + " times)"', 'counts[most_common] + " times)"')],
        [Claim('counts[most_common] + " times)"', "an int is joined to text with `+`, so a "
               "TypeError is raised."),
         Claim("counts[word] >= counts", "`>=` lets a later word with the same count take "
               "over, so for \"red blue Blue red\" the most common word is blue instead of "
               "red: a logical error.")],
        "One runtime and one logical error.",
        defect("locations_not_ascending", None, "error lines written 32 then 26"),
        keep_location_order=True),

    # -- explanations_mismatch -------------------------------------------------------------
    Rec("countdown_timer", (0, 0, 1), [("while seconds > 0:", "while seconds >= 0:")],
        [Claim("while seconds >= 0:", "Line 5: ...")],  # replaced below
        "One logical error: the loop condition includes 0.",
        defect("explanations_mismatch", 4, "the location says line 4, the explanation is "
               "for line 5")),

    # -- combined_class_wrong --------------------------------------------------------------
    Rec("temperature_converter", (0, 1, 1),
        [('if scale == "C":', 'if scale == "c":'),
         ("{result:.1f} degrees Fahrenheit", "{results:.1f} degrees Fahrenheit")],
        [Claim('if scale == "c":', "`scale` has been made upper-case, so it never equals "
               "\"c\" and Celsius input is reported as an unknown scale: a logical error."),
         Claim("{results:.1f}", "`results` is not defined, so printing the Fahrenheit "
               "value raises a NameError.")],
        "One logical and one runtime error.",
        defect("combined_class_wrong", None, "with the logical error the Celsius branch is "
               "never reached, so the combined program never raises")),
    Rec("validate_score", (0, 1, 1),
        [("if score >= 75:", "if score >= 0:"), ('print("Pass")', 'print("Pass" + score)')],
        [Claim("if score >= 0:", "every valid score passes the first test, so 50 and 0 are "
               "both given \"Pass with merit\": a logical error."),
         Claim('print("Pass" + score)', "text and an int are joined with `+`, which raises "
               "a TypeError.")],
        "One logical and one runtime error.",
        defect("combined_class_wrong", None, "the first test catches every valid score, so "
               "the TypeError line is unreachable in the combined program")),

    # -- correct_program_fails -----------------------------------------------------------
    Rec("greeting_card", (0, 0, 1), [("{age}!", "{age + 1}!")],
        [Claim("{age + 1}!", "the congratulation names next year's age: a logical error.")],
        "One logical error in the congratulation line.",
        defect("correct_program_fails", None, "the given correct program itself raises "
               "TypeError (int joined to text)"),
        correct_override=[("str(age + 1)", "(age + 1)")]),

    # -- format ------------------------------------------------------------------------
    Rec("star_triangle", (0, 0, 1), [('" " * (rows - i)', '" " * rows')],
        [Claim('" " * rows', "every row is indented by the full number of rows, so the "
               "triangle leans the wrong way: a logical error.")],
        "unused", defect("format", None, "the assistant message has no <thinking> section"),
        mutate_assistant=drop_thinking),
    Rec("times_table", (0, 0, 1), [("range(1, 11)", "range(1, 10)")],
        [Claim("range(1, 10)", "the table stops at 9 x the number, so the last line is "
               "missing: a logical error.")],
        "One logical error: the range stops at 9.",
        defect("format", None, "the logical count is written as a word"),
        counts_text={"logical": "one"}),

    # -- unparseable_response --------------------------------------------------------------
    Rec("ticket_counter", (0, 0, 1), [("issued += 1", "issued += 2")],
        [Claim("issued += 2", "tickets are numbered in steps of two: a logical error.")],
        "One logical error in the ticket counter.",
        defect("unparseable_response", None, "the response has no <incorrect-program> tags"),
        mutate_assistant=drop_program_tags),
]


def _explanations_mismatch(records: list[dict]) -> None:
    """The countdown record: its location is 4 but its explanation says line 5."""
    for record in records:
        if record["label"].get("defect") == "explanations_mismatch":
            text = record["messages"][2]["content"]
            record["messages"][2]["content"] = text.replace(
                "Line 4: Line 5: ...",
                "Line 5: `>=` lets the loop run once more with 0, so the countdown ends "
                "with 0 before \"Liftoff!\": a logical error.")


def write(name: str, recs: list[Rec]) -> list[dict]:
    records = [build(r) for r in recs]
    if name == "defective":
        _explanations_mismatch(records)
    path = HERE / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return records


if __name__ == "__main__":
    for name, recs in (("clean", CLEAN), ("defective", DEFECTIVE)):
        print(name, len(write(name, recs)))
