"""Our own phrasings per injector id: the cause of an error (explanations), a terse form,
and the misconception behind it (thinking).

Placeholders are the edit's details (`edit.info`) plus facts the text layer computes:
`anchor` (the code of the line that now stands where a removed statement was), `code`
(the incorrect line, stripped), `spot` (where in the program). A phrasing whose
placeholders the edit does not supply, or that would quote code the student cannot see,
is skipped; an id not listed here gets text built from its class and the evidence.
"""

from __future__ import annotations

# Cause clauses: what is wrong on the line, in a teacher's voice, quoting only code the
# incorrect program shows. The evidence (input, output, exception) is added after them.
CAUSES: dict[str, tuple[str, ...]] = {
    # syntax
    "assign_in_condition": (
        "the condition of this `{keyword}` uses a single `=`, which stores a value, where "
        "a comparison is needed",
        "`{left} = {right}` tries to store a value inside a condition; comparing needs the "
        "double equals sign",
    ),
    "bad_identifier": (
        "`{bad}` is not a valid name: {problem}",
        "Python cannot read `{bad}` as one name, because {problem}",
    ),
    "else_if": (
        "`else if` is two words where Python has the single keyword `elif`",
        "after `else` Python expects the colon straight away, so `else if` cannot be read",
    ),
    "extra_or_mismatched_bracket": (
        "the brackets do not pair up: {problem}",
        "{problem}; every `{opener}` needs exactly one `{closer}` of the same shape",
    ),
    "fstring_brace": (
        "the f-string is broken: {problem}",
        "a placeholder in an f-string needs a value between a matching pair of curly "
        "brackets, but here {problem}",
        "a placeholder in this f-string is broken: its curly brackets do not hold a value "
        "Python can read",
    ),
    "inverted_operator": (
        "`{new}` is not a Python operator; in a comparison the `=` always comes second",
        "the two characters of `{new}` are the wrong way round, so Python reads an `=` "
        "followed by a stray character",
    ),
    "missing_block_indent": (
        "this line should be inside the `{keyword}` block opened on line {header_line}, but "
        "it is not indented, so that block has no body",
        "after the colon of the `{keyword}` on line {header_line} Python expects an indented "
        "line, and this one starts at the same level",
    ),
    "missing_colon": (
        "{keyword_a} `{keyword}` header must end with a colon, and this one does not",
        "the `{keyword}` line has no colon at its end, so Python cannot tell where the block "
        "starts",
    ),
    "missing_comma": (
        "`{before}` is followed directly by `{after}` with no comma between them",
        "nothing separates `{before}` from `{after}`; {items} must be separated by commas",
    ),
    "misspelt_keyword": (
        "`{typo}` is not a keyword; Python takes it for an ordinary name and the rest of "
        "the line stops making sense",
        "the keyword here is {how} as `{typo}`, and Python only knows keywords spelt "
        "exactly, in lower case",
    ),
    "print_statement": (
        "`print` is a function in Python 3, and here it has no brackets round what it prints",
        "this is the Python 2 form of `print`, without brackets, which Python 3 cannot read",
    ),
    "reversed_assignment": (
        "the assignment is the wrong way round: the name being set goes on the left of `=`, "
        "and Python cannot store anything in `{value}`",
        "`{value} = {name}` tries to assign to an expression; `=` copies the value on its "
        "right into the name on its left",
    ),
    "stray_indent": (
        "this line is indented further than line {previous}, although no block was opened "
        "there",
        "the extra spaces at the start of this line make Python expect a new block, and "
        "none was started",
    ),
    "unclosed_bracket": (
        "the `{opener}` of {owner} is opened but never closed",
        "{owner} opens a `{opener}` that has no matching `{closer}`, so Python keeps "
        "reading the next lines as part of it",
    ),
    # runtime
    "concat_number_to_string": (
        "`{value}` is a number, and `+` can only join text to text",
        "`+` joins strings only, and `{value}` holds a number that was never turned into "
        "text",
    ),
    "division_by_zero": (
        "the division by `{divisor}` is no longer protected by a check that it is not zero",
        "nothing stops the division by `{divisor}` when it is 0",
    ),
    "equality_for_assignment": (
        "`==` only compares `{name}` with a value; storing needs a single `=`, and `{name}` "
        "has no value yet",
        "this line was meant to give `{name}` its first value, but `==` asks a question "
        "instead of assigning",
    ),
    "float_where_int_needed": (
        "`{expr}` uses `/`, which always gives a decimal number, where only a whole number "
        "is allowed",
        "`{expr}` is a float even when it divides exactly, and it is used as a position or "
        "a count",
    ),
    "index_out_of_range": (
        "{change}, one position past the last item of `{sequence}` (positions start at 0)",
        "an off-by-one slip: {change}, and the last position of `{sequence}` is its length "
        "minus one",
    ),
    "missing_import": (
        "`{name}` is used, but the program never imports it",
        "the program uses the module `{name}` without importing it first",
    ),
    "missing_type_conversion": (
        "`{name}` keeps the text that `input()` returns, because it is never converted to a "
        "number",
        "`input()` always gives a string, and `{name}` is used as a number without "
        "`{func}()` round it",
    ),
    "modify_string_in_place": (
        "`{name}` is a string here, and a string cannot be changed one position at a time",
        "`{name}` holds text instead of a list of characters, and strings do not support "
        "item assignment",
    ),
    "name_typo": (
        "`{typo}` is a misspelling: no variable of that name exists",
        "the name is written `{typo}`, which Python has never seen defined",
    ),
    "none_result_used": (
        "{cause}, so the caller receives `None`",
        "the value used here comes from `{func}()`, which hands back `None` because {cause}",
    ),
    "unquoted_string": (
        "`{word}` has lost its quotes, so Python looks for a variable called `{word}`",
        "without quotes `{word}` is read as a name rather than as text",
    ),
    "wrong_argument_count": (
        "`{func}` needs {expected_args}, but this call gives it {given_args}",
        "this call to `{func}` leaves out the argument for `{missing}`",
    ),
    "wrong_method_for_type": (
        "{receiver} has no method `{wrong}`: {reason}",
        "Python looks for `{wrong}` on {receiver} and finds nothing, because {reason}",
        "`{wrong}` is not a method of {receiver}, so Python cannot find it",
        "{receiver} has no method spelt `{wrong}`; method names must match exactly",
    ),
    "wrong_conversion_function": (
        "the input goes through `int()`, which refuses text with a decimal point",
        "`int()` cannot read an answer such as 2.5; it only accepts whole numbers",
    ),
    "unbound_local": (
        "`{func}` assigns to `{name}` without declaring it global, so inside the function "
        "`{name}` is a local variable that has no value yet when it is read",
        "because `{func}` changes `{name}`, Python treats it as local to the function, and "
        "it is read before anything is stored in it",
    ),
    "shadowed_builtin": (
        "the name `{new}` is reused for a variable, so the built-in function of that name is "
        "no longer reachable",
        "using `{new}` as a variable name hides Python's own `{new}` function",
    ),
    # logical
    "accumulator_reset_in_loop": (
        "`{statement}` is inside the loop, so `{name}` starts again on every pass",
        "the starting value of `{name}` is set on every pass of the loop instead of once "
        "before it, so what was gathered earlier is lost",
    ),
    "and_or_confusion": (
        "the condition joins its parts with `{new}`, so {effect}",
        "with `{new}` in this condition {effect}",
    ),
    "augassign_typo": (
        "`{target} {new} {value}` stores `{sign}{value}` in `{target}` instead of updating it",
        "`{new}` is an assignment of a signed value, so the old value of `{target}` is "
        "thrown away",
    ),
    "boundary_slip": (
        "`{new}` draws the line one value off: the boundary value itself now lands on the "
        "other side",
        "the comparison `{new}` includes or excludes the boundary value the wrong way",
    ),
    "reversed_comparison": (
        "the comparison `{new}` points the wrong way, so the branch is taken for exactly the "
        "values it should reject",
        "`{new}` tests the opposite direction, so the two outcomes are swapped",
    ),
    "branch_order": (
        "the broader test `{broad}` is checked before `{narrow}`, so values that pass both "
        "never reach the narrower branch",
        "an `if`/`elif` chain stops at the first true test, and `{broad}` now comes before "
        "the stricter `{narrow}`",
    ),
    "elif_to_if": (
        "this `if` starts a new chain, so `{test}` is checked even after an earlier branch "
        "has run{tail}",
        "the chain is broken here: without `elif`, a value handled by an earlier branch "
        "also reaches `{test}`{tail}",
    ),
    "ignored_return_value": (
        "the new string made by `{call}` is not stored, so `{name}` stays as it was",
        "strings never change in place, and the result of `{call}` is thrown away",
        "the result of `.{method}()` is thrown away, so `{name}` stays as it was",
    ),
    "integer_division": (
        "`{new}` is used for this division, so {effect}",
        "this division uses `{new}`, and as a result {effect}",
    ),
    "missing_comma_strings": (
        "with no comma between {first} and {second}, Python joins them into one string",
        "{first} and {second} are written side by side, which Python silently glues into "
        "{joined}",
    ),
    "missing_f_prefix": (
        "the string has no `f` before its opening quote, so the braces around `{expr}` are "
        "printed as they are",
        "without the `f` prefix the placeholder for `{expr}` is never filled in",
        "the string has no `f` before its opening quote, so its curly brackets are printed "
        "as they are instead of being filled in",
    ),
    "missing_statement": (
        "the statement that should come before `{anchor}` is missing, so {effect}",
        "a step is missing just before `{anchor}`: without it {effect}",
        "a statement is missing just before `{anchor}`, so a step the task needs never "
        "happens",
    ),
    "off_by_one_range": (
        "`range()` stops before its end value, so with `{new}` as the end the loop stops one "
        "step early",
        "the loop's range ends at `{new}`, and since the end of a range is never included, "
        "the last pass is lost",
    ),
    "or_with_bare_value": (
        "`{value}` after `{joiner}` is not compared with anything, and a non-empty value "
        "always counts as true",
        "Python does not repeat `{left} {op}` for the second part: `{value}` on its own is "
        "always true",
    ),
    "precedence": (
        "`{new}` has no brackets, so Python does the `{op}` first and only `{near}` takes "
        "part in it",
        "operator precedence groups `{new}` differently from what the formula needs: `{op}` "
        "applies to `{near}` alone",
    ),
    "print_instead_of_return": (
        "`{function}` prints the value instead of returning it, so the caller gets `None`",
        "`print` only shows a value; `{function}` no longer hands anything back",
    ),
    "quoted_variable": (
        "{quoted} is in quotes, so the word itself is used instead of the value of the "
        "variable",
        "the quotes turn the variable name into text: Python uses the letters {quoted}, not "
        "what `{name}` holds",
    ),
    "return_in_loop": (
        "`return {value}` is indented into the loop, so the function ends during the first "
        "pass",
        "the `return` sits inside the loop body and stops the loop after one round",
    ),
    "variable_misuse": (
        "`{new}` uses `{wrong}` where the other variable was meant",
        "the wrong variable: `{wrong}` appears in `{new}`, so the value of `{right}` is "
        "ignored",
    ),
    "wrong_constant": (
        "the number `{new}` is not the right value for this {role}",
        "`{new}` is a mistyped number, so the {role} uses the wrong value",
    ),
    "wrong_loop_placement": (
        "`{statement}` is {where}, so it runs {effect}",
        "the indentation of `{statement}` is wrong: it belongs {belongs}, but it is {where}",
    ),
    "wrong_operator": (
        "the operator `{new}` is wrong here: the values are {new_verb} where they should be "
        "{old_verb}",
        "with `{new}` the values are {new_verb}, and this calculation needs them {old_verb}",
    ),
    # the injectors by family: runtime
    "brackets_for_call": (
        "`{new}` uses square brackets, which take an item out of a list or a string; to "
        "call `{name}` and hand it a value the brackets must be round",
        "square brackets after `{name}` ask Python for a piece of `{name}` itself, and it "
        "has no pieces to give; calling it needs round brackets",
        "`{name}` is followed by `[` where a call needs `(`, so instead of running `{name}` "
        "Python tries to look something up inside it",
    ),
    "inplace_result_assigned": (
        "`.{method}()` changes the list `{receiver}` where it is and returns `None`, and "
        "this line stores that `None` back in `{receiver}`",
        "assigning the result of `.{method}()` to `{receiver}` replaces the list with "
        "`None`, so the next time `{receiver}` is used as a list the program fails",
        "list methods such as `{method}` work in place and give nothing back, so after "
        "this line `{receiver}` no longer holds a list but `None`",
    ),
    # the injectors by family: logical
    "changed_output_text": (
        "the message `{new}` is not the text the program is meant to print: {how}",
        "`{new}` has been retyped with a slip ({how}), and printed text has to match "
        "the required message exactly",
        "one detail of the printed text `{new}` is off ({how}), so the output no longer "
        "matches the required message",
    ),
    "condition_part_dropped": (
        "`{new}` checks only one thing, where the program needs a second check joined to "
        "it with `{operator}`",
        "half of the test is gone: `{new}` is all that is left of a check with two parts "
        "joined by `{operator}`",
        "on its own `{new}` is not enough; a second part, combined with `{operator}`, is "
        "missing, so for some values the test now comes out the other way",
    ),
    "dropped_call": (
        "a call to `{name}` is missing just before `{anchor}`, so that step of the "
        "program never happens",
        "the line just before `{anchor}` should call `{name}`, and it has been left out",
        "a step is missing before `{anchor}`: the program never calls `{name}` at this "
        "point",
    ),
    "method_not_called": (
        "`{new}` names the method without calling it, so the {effect}",
        "a method only runs when brackets follow its name; `{new}` just looks it up and "
        "throws it away, so the {effect}",
        "the brackets after `{new}` are missing: the line does nothing, and the {effect}",
    ),
    "not_dropped_or_added": (
        "the test `{new}` says the opposite of what the program needs: {effect}",
        "`{new}` gives the reverse answer in every case, because {effect}",
        "{effect}, so `{new}` is true exactly when the test should be false, and false "
        "when it should be true",
    ),
    "swapped_assignment": (
        "`{new}` copies `{target}` into `{value}`, the wrong way round, so `{target}` "
        "keeps the value it had",
        "`=` stores the value on its right in the name on its left, so `{new}` changes "
        "`{value}` and leaves `{target}` as it was",
        "the two names in `{new}` are swapped: the line overwrites `{value}` instead of "
        "updating `{target}`",
    ),
    "swapped_outputs": (
        "`{first}` and `{second}` are printed in each other's places, so the output "
        "shows them in the wrong order",
        "this `print` shows `{first}` before `{second}`, and they belong the other way "
        "round",
        "the values are listed in the wrong order: `{second}` belongs before `{first}`",
    ),
    "wrong_empty_container": (
        "`{name}` is a {kind_word}, and a {kind_word} is never equal to {wrong}, so "
        "`{new_text}` is {always} even when `{name}` is empty",
        "comparing `{name}` with `{new}` can never detect the empty case: {wrong} and "
        "{kind} are different kinds of value",
        "`{new_text}` is {always} for every {kind_word}, empty or not, because `{new}` is "
        "not {kind}",
    ),
    "wrong_equality_operator": (
        "`{new}` means '{new_meaning}', while this test needs '{old_meaning}', so {effect}",
        "the operator in `{new_text}` is the wrong one: {effect}",
        "`{new_text}` uses `{new}` ({new_meaning}), so {effect}",
    ),
    "wrong_function": (
        "`{new}` {does}, but this line needs one that {should}",
        "`{new}` is close to the right call but not the same: it {does}, which is not "
        "what this line is for",
        "`{new}` has a related but different job: it {does}",
    ),
    "wrong_index": (
        "`{new}` takes the {new_place} item of `{sequence}`, but this line needs the "
        "{old_place}",
        "positions start at 0, so `{new}` is the {new_place} item of `{sequence}`, while "
        "the value wanted here is the {old_place} one",
        "the index in `{new}` picks the wrong part of `{sequence}`: the {new_place} item "
        "instead of the {old_place}",
    ),
    "wrong_value_used": (
        "the {role} `{new}` is one {direction} than it should be",
        "`{new}` is off by one: it makes the {role} one {direction} than the task needs",
        "an off-by-one slip: with `{new}` the {role} comes out one {direction} than the "
        "correct amount",
    ),
}

# One short sentence per error (the terse style): what is wrong, nothing more.
TERSE: dict[str, str] = {
    "assign_in_condition": "`=` used instead of `==` in the condition.",
    "bad_identifier": "`{bad}` is not a valid name.",
    "else_if": "`else if` should be `elif`.",
    "extra_or_mismatched_bracket": "the brackets do not match.",
    "fstring_brace": "the f-string's curly brackets are broken.",
    "inverted_operator": "`{new}` should be `{old}`.",
    "missing_block_indent": "this line should be indented.",
    "missing_colon": "missing colon after the `{keyword}` header.",
    "missing_comma": "missing comma after `{before}`.",
    "misspelt_keyword": "`{typo}` should be `{keyword}`.",
    "print_statement": "`print` needs brackets.",
    "reversed_assignment": "the assignment is reversed.",
    "stray_indent": "unexpected indentation.",
    "unclosed_bracket": "`{opener}` is never closed.",
    "unterminated_string": "the string is never closed.",
    "concat_number_to_string": "`{value}` must be converted with `str()` before `+`.",
    "division_by_zero": "division by `{divisor}` without checking for zero.",
    "equality_for_assignment": "`==` used where `=` was needed.",
    "float_where_int_needed": "`/` gives a float where an integer is needed.",
    "index_out_of_range": "the index goes one past the end of `{sequence}`.",
    "missing_import": "`{name}` is used without being imported.",
    "missing_type_conversion": "the input is not converted with `{func}()`.",
    "modify_string_in_place": "a string cannot be changed in place.",
    "name_typo": "`{typo}` is not defined.",
    "none_result_used": "`{func}()` returns `None`.",
    "unquoted_string": "`{word}` needs quotes.",
    "wrong_argument_count": "`{func}` is called with too few arguments.",
    "wrong_method_for_type": "{receiver} has no method `{wrong}`.",
    "wrong_conversion_function": "`int()` cannot convert a decimal input.",
    "unbound_local": "`{name}` is local in `{func}` and read before it is set.",
    "shadowed_builtin": "`{new}` hides the built-in function.",
    "accumulator_reset_in_loop": "`{name}` is reset inside the loop.",
    "and_or_confusion": "`{new}` should be `{old}`.",
    "augassign_typo": "`{new}` should be `{old}`.",
    "boundary_slip": "`{new}` should be `{old}`.",
    "reversed_comparison": "`{new}` should be `{old}`.",
    "boundary_comparison": "`{new}` should be `{old}`.",
    "branch_order": "`{narrow}` must be tested before `{broad}`.",
    "elif_to_if": "`if` should be `elif`.",
    "ignored_return_value": "the result of `{call}` is not stored.",
    "integer_division": "`{new}` should be `{old}`.",
    "missing_comma_strings": "missing comma between {first} and {second}.",
    "missing_f_prefix": "the string needs an `f` prefix.",
    "missing_statement": "a statement is missing before `{anchor}`.",
    "off_by_one_range": "the range stops one step early.",
    "or_with_bare_value": "`{value}` must be compared with `{left}` too.",
    "precedence": "brackets are missing in `{new}`.",
    "print_instead_of_return": "`print` should be `return`.",
    "quoted_variable": "{quoted} should not be in quotes.",
    "return_in_loop": "the `return` should be after the loop.",
    "variable_misuse": "`{wrong}` should be `{right}`.",
    "wrong_constant": "`{new}` should be `{old}`.",
    "wrong_loop_placement": "`{statement}` is wrongly indented.",
    "wrong_operator": "`{new}` should be `{old}`.",
    "brackets_for_call": "`{name}` is called with square brackets instead of round ones.",
    "inplace_result_assigned": "`.{method}()` returns `None`; its result must not be stored "
                               "in `{receiver}`.",
    "changed_output_text": "the message `{new}` should be `{old}`.",
    "condition_part_dropped": "the test `{new}` is missing its `{operator}` part.",
    "dropped_call": "a call to `{name}` is missing before `{anchor}`.",
    "method_not_called": "`{new}` should be `{old}`.",
    "not_dropped_or_added": "`{new}` should be `{old}`.",
    "swapped_assignment": "`{new}` should be `{old}`.",
    "swapped_outputs": "`{first}` and `{second}` are printed in the wrong order.",
    "wrong_empty_container": "`{new}` should be `{old}`.",
    "wrong_equality_operator": "`{new}` should be `{old}`.",
    "wrong_function": "`{new}` should be `{old}`.",
    "wrong_index": "`{new}` should be `{old}`.",
    "wrong_value_used": "`{new}` should be `{old}`.",
}

# The misconception behind each mistake, for the thinking. Several phrasings each,
# parameterised by the program's names so that no two drafts share the sentence.
WHY: dict[str, tuple[str, ...]] = {
    "assign_in_condition": (
        "In maths one sign both states and tests equality, so a beginner testing `{left}` "
        "writes the `=` they know.",
        "Students who read `=` as 'is' write `{left} = {right}` in a test and expect it to "
        "ask a question.",
    ),
    "bad_identifier": (
        "Beginners label `{name}` the way they would label a box in English, and Python's "
        "rules for names come as a surprise.",
        "Writing `{bad}` for `{name}` is what a student does who thinks names may hold any "
        "characters.",
    ),
    "else_if": (
        "Anyone who has seen `else if` in another language types it here too, unaware that "
        "Python fuses it into `elif`.",
        "Saying the chain aloud ('else, if {condition}') leads straight to the two-word form.",
    ),
    "extra_or_mismatched_bracket": (
        "Students close brackets until the line looks finished instead of pairing each "
        "with its opener, and {owner} is where that happens.",
        "Round, square and curly brackets look interchangeable to a beginner, and {owner} "
        "has enough of them to lose count.",
    ),
    "fstring_brace": (
        "The curly brackets of an f-string look like decoration to a beginner, not like a "
        "slot for `{expression}`.",
        "Students who learnt `str.format` first copy its empty braces, forgetting that an "
        "f-string needs `{expression}` inside them.",
    ),
    "inverted_operator": (
        "Saying '{meaning}' and writing the symbols in the order they come to mind gives "
        "`{new}`.",
        "The arrow-like `{new}` feels as natural as `{old}` to someone who has not yet "
        "learnt that `=` comes second.",
    ),
    "missing_block_indent": (
        "Beginners treat indentation as layout, so a line under the `{keyword}` on line "
        "{header_line} looks fine to them at any depth.",
        "Whether a line belongs to the `{keyword}` block is decided by its indentation, "
        "which novices see as cosmetic.",
    ),
    "missing_colon": (
        "The colon that opens {keyword_a} `{keyword}` block reads like punctuation to a "
        "beginner, so it is the first thing forgotten.",
        "Students coming from prose end the `{keyword}` line where the sentence ends and "
        "forget that the colon is part of the syntax.",
    ),
    "missing_comma": (
        "Students write what they would say aloud ('{before} then {after}') and do not see "
        "the comma as what separates the two.",
        "When two {items} sit side by side the missing comma is easy to overlook, both "
        "for the writer and for the reader.",
    ),
    "misspelt_keyword": (
        "A beginner expects Python to read `{typo}` as generously as a person would read "
        "a typo.",
        "Keywords look like ordinary words, so a student does not expect `{typo}` for "
        "`{keyword}` to matter.",
    ),
    "print_statement": (
        "Printing feels like a command, and many older examples still show `print` "
        "without brackets.",
        "A student who learnt from Python 2 material writes `print` as a statement.",
    ),
    "reversed_assignment": (
        "In maths `{name} = {value}` and `{value} = {name}` say the same thing, so a "
        "beginner does not see a direction in `=`.",
        "Students read `=` as a symmetric equals sign and write the value first.",
    ),
    "stray_indent": (
        "Beginners indent lines to group them visually, not knowing that Python only "
        "accepts indentation after a block header.",
        "An extra indent looks tidy to a student; Python reads it as structure.",
    ),
    "unclosed_bracket": (
        "With brackets nested in {owner}, a student closes the inner one and forgets the "
        "outer `{opener}`.",
        "Counting brackets in pairs is a habit beginners lack, and {owner} is where one "
        "goes missing.",
    ),
    "unterminated_string": (
        "Quotes look like decoration to a beginner, not like the markers that start and "
        "stop the text.",
        "Mixing up `\"` and `'`, or dropping the last one, is common when a line holds "
        "several strings.",
    ),
    "concat_number_to_string": (
        "A student expects `+` to glue `{value}` onto the message the way `print` with "
        "commas would.",
        "Beginners do not yet separate text from numbers, so joining `{value}` with `+` "
        "looks harmless.",
    ),
    "division_by_zero": (
        "A student who tests only ordinary inputs sees no reason for a check that "
        "`{divisor}` is not zero.",
        "The case where `{divisor}` is 0 is exactly the one beginners forget to try.",
    ),
    "equality_for_assignment": (
        "`=` and `==` are both 'equals' to a beginner, so the first value of `{name}` "
        "gets the wrong one.",
        "Students who have just learnt `==` in conditions start using it everywhere, "
        "including to set `{name}`.",
    ),
    "float_where_int_needed": (
        "A student expects `{expr}` to give a whole number, as division does on paper when "
        "it comes out even.",
        "That `/` always gives a float is a rule beginners meet only when `{expr}` is "
        "used as a position or a count.",
    ),
    "index_out_of_range": (
        "People count from 1, so a beginner takes the length of `{sequence}` as its last "
        "position.",
        "Off-by-one indexing into `{sequence}` is the classic slip of someone who has not "
        "internalised that positions start at 0.",
    ),
    "missing_import": (
        "Beginners think `{name}` is always available, like `print`.",
        "A student who used `{name}` in an earlier exercise forgets that each program "
        "must import it.",
    ),
    "missing_type_conversion": (
        "Typing digits feels like typing a number, so the student forgets that `{name}` "
        "holds text until `{func}()` converts it.",
        "Beginners assume `input()` gives a number when the answer is a number.",
    ),
    "modify_string_in_place": (
        "Strings can be indexed like lists, so a student expects `{name}` to be "
        "changeable like a list too.",
        "Beginners do not yet know that text in Python never changes once it is made.",
    ),
    "name_typo": (
        "A student expects Python to see that `{typo}` means `{name}`, as a human reader "
        "would.",
        "One dropped or swapped letter in `{name}` makes a brand-new name, something "
        "beginners do not expect to matter.",
    ),
    "none_result_used": (
        "Printing and returning look the same when a beginner tries `{func}` by hand, so "
        "the difference only shows where the value is used.",
        "A student who sees the answer appear on the screen believes `{func}` has given "
        "it back.",
    ),
    "unquoted_string": (
        "A beginner does not yet tell the word `{word}` apart from a variable called "
        "`{word}`.",
        "Quotes look optional to a student when the text is a single word like `{word}`.",
    ),
    "wrong_argument_count": (
        "A student calling `{func}` forgets one of its parameters, believing Python will "
        "fill in the obvious one.",
        "Beginners lose track of how many values `{func}` expects when the call is far "
        "from the definition.",
    ),
    "wrong_method_for_type": (
        "Beginners treat methods as general commands that work on any value, so "
        "`{wrong}` seems as good as any.",
        "Each type has its own set of methods, and a student has not yet learnt which "
        "belongs to {receiver}.",
    ),
    "wrong_conversion_function": (
        "`int()` means 'make it a number' to a beginner, who expects it to accept any "
        "number typed in.",
        "Students rarely try a decimal answer, so `int()` in place of `float()` goes "
        "unnoticed.",
    ),
    "unbound_local": (
        "A beginner expects `{func}` to change the `{name}` defined outside it, not knowing "
        "that assigning makes a new local name.",
        "Scope is invisible to students: `{name}` inside `{func}` looks like the same "
        "variable as outside.",
    ),
    "shadowed_builtin": (
        "`{new}` sounds like a good variable name, and a student does not know it already "
        "names a function.",
        "Beginners do not keep a list of built-in names in mind, so reusing `{new}` feels "
        "harmless.",
    ),
    "accumulator_reset_in_loop": (
        "A student knows `{name}` must start somewhere but puts everything to do with the "
        "loop inside it.",
        "Where the starting value of `{name}` goes is a question of indentation, which "
        "beginners settle by feel.",
    ),
    "and_or_confusion": (
        "Everyday speech uses 'and' and 'or' loosely, so a student translates the sentence "
        "instead of the logic.",
        "Beginners pick `{new}` or `{old}` by how the rule sounds in English.",
    ),
    "augassign_typo": (
        "`{new}` and `{old}` use the same two characters, and Python accepts both, so "
        "nothing warns the student.",
        "A student typing quickly swaps the characters of `{old}`; the line still runs.",
    ),
    "boundary_slip": (
        "Choosing between `{old}` and `{new}` means deciding what happens exactly at the "
        "boundary, and beginners rarely test that value.",
        "Students think of the boundary as a rough threshold, not as a value that belongs "
        "to one side.",
    ),
    "reversed_comparison": (
        "A student writing the comparison from memory turns it round, and the program "
        "still runs.",
        "Beginners read `<` and `>` as 'different', not as a direction, so a reversed test "
        "looks right to them.",
    ),
    "branch_order": (
        "Beginners think all the tests of a chain are checked together, not one after "
        "another until one holds.",
        "A student lists the cases in the order they come to mind, with `{broad}` before "
        "`{narrow}`.",
    ),
    "elif_to_if": (
        "Each `if` reads as a separate question to a beginner, who does not see that "
        "`elif` is what makes the branches exclusive.",
        "Students often write `if` for every case, as if the cases could not overlap.",
    ),
    "ignored_return_value": (
        "A beginner expects `{call}` to change `{name}` itself, the way `append` changes a "
        "list.",
        "That string methods return a new string is easy to miss when `{call}` reads like "
        "a command.",
    ),
    "integer_division": (
        "Beginners expect one division operator; which of `/` and `//` rounds down is a "
        "rule they have not met yet.",
        "A student picks `{new}` because it looks like division, without knowing that "
        "{effect}.",
    ),
    "missing_comma_strings": (
        "A student expects a missing comma to be reported, not that Python joins "
        "{first} and {second} into one string.",
        "Adjacent strings are silently joined, so a comma missing from a list of words "
        "goes unnoticed by a beginner.",
    ),
    "missing_f_prefix": (
        "The single letter before the quote is easy to overlook; a beginner thinks the "
        "braces round `{expr}` do the work.",
        "Students who forget the `f` expect the braces alone to fill in `{expr}`.",
    ),
    "missing_statement": (
        "Beginners write the steps they think of first and skip the ones that feel "
        "obvious, such as updating a value.",
        "A step that seems too small to write down is the one a student leaves out.",
    ),
    "off_by_one_range": (
        "A student expects `range()` to include its end value `{new}`, as counting aloud "
        "would.",
        "That the end of a range is excluded is the classic source of loops that stop one "
        "pass early.",
    ),
    "or_with_bare_value": (
        "In English 'if it is {first} or {value}' names the thing once, so a student writes "
        "the comparison once too.",
        "A beginner expects Python to apply `{left} {op}` to both values of the `{joiner}`.",
    ),
    "precedence": (
        "A student writes the formula in the order it is said and forgets that `{op}` is "
        "done before `{inner_op}`.",
        "Brackets look optional to a beginner who has not thought about which operator "
        "Python applies first.",
    ),
    "print_instead_of_return": (
        "When a beginner tries `{function}` out, printing and returning both show the "
        "answer, so they look the same.",
        "A student who sees the value on the screen believes `{function}` has returned it.",
    ),
    "quoted_variable": (
        "A beginner mixes up the name `{name}` with its value: in quotes it is just text.",
        "Students put quotes round anything they want to see printed, variables included.",
    ),
    "return_in_loop": (
        "A student sees `return {value}` as the last step and does not notice that "
        "indentation decides whether it runs inside the loop.",
        "Beginners indent the `return` along with the loop body because it 'belongs to' "
        "the calculation.",
    ),
    "variable_misuse": (
        "With `{right}` and `{wrong}` side by side, a student copying a line forgets to "
        "change one name.",
        "Similar variables such as `{right}` and `{wrong}` are easy to swap when a line is "
        "typed from memory.",
    ),
    "wrong_constant": (
        "A number in a program looks right at a glance; a student checks that it runs, "
        "not that the {role} uses the right value.",
        "Beginners rarely reread the numbers in a {role} once the program runs.",
    ),
    "wrong_loop_placement": (
        "Indentation is structure in Python, but to a student a line 'near' the loop "
        "seems to belong to it either way.",
        "Beginners decide by feel whether `{statement}` goes inside the loop or after it.",
    ),
    "wrong_operator": (
        "A student types the formula from memory and checks only that it runs; a slipped "
        "operator gives a plausible number.",
        "A wrong operator still produces a believable result, so a beginner rarely "
        "questions it.",
    ),
    # the injectors by family
    "brackets_for_call": (
        "Indexing and calling are met in the same weeks, and to a beginner `{new}` looks "
        "like just another way of getting something out of the value inside.",
        "A student sees the shape of the bracket as a detail; what matters to them is "
        "that the value sits next to `{name}`.",
        "Square brackets after a name are familiar from lists, so a beginner reaches for "
        "them with `{name}` too, not knowing that only round ones call a function.",
    ),
    "inplace_result_assigned": (
        "String methods hand back a new string that has to be stored, so a beginner "
        "stores the result of `.{method}()` too, not knowing that list methods return "
        "`None`.",
        "A student expects `.{method}()` to give back the updated list, the way a "
        "calculation gives back its result.",
        "Beginners treat every method call as producing a value to keep; that `{receiver}` "
        "has already been changed in place is invisible to them.",
    ),
    "changed_output_text": (
        "A beginner sees the words of a message as decoration and retypes them from "
        "memory, ending up with `{new}` where the exact text was expected.",
        "Students check that a program runs and prints roughly the right thing; one "
        "letter in a message does not look like a mistake to them.",
        "Beginners expect a reader, or a checker, to be as forgiving about the wording of "
        "a message as a person would be.",
    ),
    "condition_part_dropped": (
        "A student writes the check they are thinking of, `{new}`, and forgets the second "
        "condition the rule also needs.",
        "Beginners believe one check already expresses the whole rule, so a part joined "
        "with `{operator}` seems unnecessary.",
        "When a rule has two parts, a student tests the program with inputs that only "
        "exercise the first one, and the missing part goes unnoticed.",
    ),
    "dropped_call": (
        "Defining a function and calling it feel like one step to a beginner, and so do "
        "working out a value and showing it; either way a call gets left out.",
        "A line that only calls `{name}` adds nothing new to the calculation, so a "
        "student writing from memory skips it.",
        "Students concentrate on the calculation and forget a line that only calls "
        "`{name}`, which seems too small to matter.",
    ),
    "method_not_called": (
        "A beginner reads `{new}` as the action itself, not as the name of an action that "
        "still has to be called.",
        "Python accepts `{new}` without any complaint, so a student who leaves off the "
        "brackets gets no warning.",
        "Empty brackets look as if they add nothing, so a student drops them after a "
        "method that takes no argument.",
    ),
    "not_dropped_or_added": (
        "A `not` is one short word, easy to drop when copying a test, or to add when "
        "thinking of the case to avoid instead of the case to handle.",
        "Beginners describe a rule sometimes by the case to avoid and sometimes by the "
        "case to handle, and the code ends up saying the other one.",
        "Read aloud, `{new}` sounds like a sensible rule, so a student does not notice "
        "that it is the reverse of the one required.",
    ),
    "swapped_assignment": (
        "Read as 'is the same as', `=` has no direction, so `{new}` and its reverse look "
        "equally right to a beginner.",
        "A student thinks of the line as linking `{target}` and `{value}`, not as copying "
        "one into the other.",
        "In maths a = b and b = a say the same thing, so the order of `{target}` and "
        "`{value}` around `=` seems not to matter.",
    ),
    "swapped_outputs": (
        "A student writes the values of a `print` in the order they come to mind, not in "
        "the order the message needs.",
        "Beginners check that every value is printed, not where on the line each one "
        "appears.",
        "With `{first}` and `{second}` both on the line, the output looks complete to a "
        "beginner even in the wrong order.",
    ),
    "wrong_empty_container": (
        "A beginner thinks of 'empty' as a single value and writes whichever empty "
        "brackets come to mind, or `None`.",
        "To a student `{new}` and {kind} both mean 'nothing', so comparing `{name}` with "
        "either seems the same.",
        "Beginners rarely try the empty case, so a comparison with `{new}` that can never "
        "hold goes unnoticed.",
    ),
    "wrong_equality_operator": (
        "`==`, `!=` and `<=` differ by a single character, so a slip of the keyboard, or "
        "of the mind, is easy to miss.",
        "A beginner picks the operator by how the rule sounds in words, and "
        "'{new_meaning}' can sound right for a rule that means '{old_meaning}'.",
        "Students try the program with one or two ordinary inputs, which may not show "
        "that `{new_text}` tests the wrong thing.",
    ),
    "wrong_function": (
        "Functions and methods with related jobs are learnt together, so a beginner "
        "reaches for `{new}` from a vague memory of what each one does.",
        "A student who half remembers which one {should} picks its neighbour `{new}`.",
        "The program still runs with `{new}`, so nothing warns a beginner that the choice "
        "is wrong.",
    ),
    "wrong_index": (
        "What sits at each position of `{sequence}` is not written on this line, so a "
        "student relies on memory and picks the wrong index.",
        "Counting from 0 is still new to a beginner, so positions 0 and 1 get mixed up.",
        "Beginners lose track of which part of `{sequence}` sits at which position, and "
        "an index of 0 or 1 looks equally plausible to them.",
    ),
    "wrong_value_used": (
        "A student adjusts the {role} by one 'to be safe', without checking which value "
        "the task asks for.",
        "Counting from 1 while Python counts from 0 leads beginners to add or take away "
        "one where none is needed.",
        "Off-by-one slips are hard to see by eye: `{new}` looks just as reasonable as the "
        "plain value.",
    ),
}
