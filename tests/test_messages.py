"""Rendering and parsing the XML chat messages: exact round trips, tolerant reading."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debugex.formats.messages import (
    AssistantMessage,
    MessageError,
    Readable,
    Request,
    UserMessage,
    parse_assistant,
    parse_user,
    read_assistant,
    read_user,
    render_assistant,
    render_user,
)

NASTY = ["<", ">", "&", "]]>", "<![CDATA[", "</incorrect-program>", "<error-location>",
         "</correct-program>", "<syntax>", "<root>", "\t", "  ", "if a < b and c > d:",
         "x = '&amp;'", "print('</explanation>')", "    ", ""]
code_line = st.one_of(st.sampled_from(NASTY), st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c"
                           "\x1c\x1d\x1e\x85\u2028\u2029"), max_size=30))
programs = st.lists(code_line, min_size=1, max_size=12).map(lambda lines: "\n".join(lines))
prose = st.text(alphabet=st.sampled_from(list("abc xyz.,;:()`'\"-_0123456789")),
                min_size=1, max_size=80).filter(lambda t: t.strip())


@settings(max_examples=300, deadline=None)
@given(programs, prose, st.integers(0, 9), st.integers(0, 9), st.integers(0, 9))
def test_user_round_trip(program, description, s, r, lg):
    message = UserMessage(description, program, Request(s, r, lg))
    assert parse_user(render_user(message)) == message


@settings(max_examples=300, deadline=None)
@given(programs, prose, st.lists(st.integers(1, 99), max_size=5), prose)
def test_assistant_round_trip(program, thinking, lines, note):
    explanations = tuple(f"Line {n}: something about `a < b` & more." for n in lines)
    message = AssistantMessage(thinking, program, tuple(lines), explanations, note="")
    assert parse_assistant(render_assistant(message)) == message


def test_program_text_is_kept_exactly():
    program = "\tx = 1  \n\n\nif x < 2 & 3:\n    s = ']]></incorrect-program>'\n"
    message = AssistantMessage("t", program, (1,), ("Line 1: x.",))
    parsed = parse_assistant(render_assistant(message))
    assert parsed.program == program
    assert parsed.program.split("\n")[3] == "if x < 2 & 3:"


INDENTED = (
    "<root>\r\n"
    "    <thinking>\r\n"
    "        I removed a bracket.\r\n"
    "    </thinking>\r\n"
    "    <incorrect-program>\r\n"
    "        def total(a, b):\r\n"
    "            return a + b\r\n"
    "\r\n"
    "        print(total(1, 2)\r\n"
    "        if 1 < 2:\r\n"
    "            print('yes')\r\n"
    "    </incorrect-program>\r\n"
    "    <error-location>\r\n"
    "        4\r\n"
    "    </error-location>\r\n"
    "    <explanation>\r\n"
    "        Line 4: the bracket opened after `print` is never closed.\r\n"
    "    </explanation>\r\n"
    "</root>"
)


def test_original_dataset_style_parses_with_right_lines():
    message = parse_assistant(INDENTED)
    lines = message.program.split("\n")
    assert lines[0] == "def total(a, b):"
    assert lines[1] == "    return a + b"
    assert lines[3] == "print(total(1, 2)"  # line 4, as the location says
    assert message.locations == (4,)
    assert message.explanations == ("Line 4: the bracket opened after `print` is never closed.",)


def test_user_message_in_dataset_style():
    text = ("<description>\r\n  Adds two numbers.\r\n</description>\r\n\r\n"
            "<correct-program>\r\n    a = 1\r\n    if a < 2:\r\n        print(a)\r\n"
            "</correct-program>\r\n<syntax>1</syntax>\r\n<runtime> 0 </runtime>\r\n"
            "<logical>2</logical>")
    message = parse_user(text)
    assert message.program == "    a = 1\n    if a < 2:\n        print(a)\n"  # tag at column 0
    assert message.request == Request(1, 0, 2)
    assert message.description == "Adds two numbers."


def test_missing_final_newline_is_normalised():
    text = render_assistant(AssistantMessage("t", "x = 1", (1,), ("Line 1: y.",)))
    assert parse_assistant(text.rstrip("\n")).program == "x = 1\n"


@pytest.mark.parametrize("broken,expected", [
    ("<root><thinking>x</thinking><error-location>1</error-location>"
     "<explanation>Line 1: a</explanation></root>", "missing <incorrect-program> tag"),
    ("<root><thinking>x</thinking><incorrect-program>\nx\n</incorrect-program>"
     "<explanation>Line 1: a</explanation></root>", "missing <error-location> tag"),
    ("<root><incorrect-program>\nx\n</incorrect-program><error-location>1</error-location>"
     "<explanation>Line 1: a</explanation></root>", "missing <thinking> tag"),
    ("<root><thinking>x</thinking><incorrect-program>\nx\n<error-location>1"
     "</error-location><explanation>Line 1: a</explanation></root>",
     "missing </incorrect-program> tag"),
    ("<root><thinking>x</thinking><incorrect-program>\nx\n</incorrect-program>"
     "<error-location>one</error-location><explanation>Line 1: a</explanation></root>",
     "must hold line numbers"),
    ("<root><thinking>x</thinking><incorrect-program>\nx\n</incorrect-program>"
     "<error-location>1</error-location></root>", "missing <explanation> tag"),
])
def test_malformed_assistant_messages_name_the_tag(broken, expected):
    with pytest.raises(MessageError, match=expected.replace("<", "<").replace("/", "/")):
        parse_assistant(broken)


def test_malformed_user_messages_name_the_tag():
    with pytest.raises(MessageError, match="missing <description> tag"):
        parse_user("<correct-program>\nx\n</correct-program><syntax>1</syntax>")
    with pytest.raises(MessageError, match="<runtime> must hold a whole number"):
        parse_user("<description>d</description><correct-program>\nx\n</correct-program>"
                   "<syntax>1</syntax><runtime>-1</runtime><logical>0</logical>")


LENIENT_ASSISTANT = [
    # (text, locations, explanations, problem)
    ("<root><thinking>t</thinking><incorrect-program>\nx = 1\ny\n</incorrect-program>"
     "<error-location>\n2\nRemoved line 12 of original program\n</error-location>"
     "<explanation>Line 2: y is not defined.</explanation></root>",
     (2, 12), ("Line 2: y is not defined.",), "read as the deleted line 12"),
    ("<root><incorrect-program>\nx\n</incorrect-program><error-location>1</error-location>"
     "<explanation>Line 1: a</explanation></root>", (1,), ("Line 1: a",),
     "missing <thinking> tag"),
    ("<root><thinking>t</thinking><incorrect-program>\nx\n</incorrect-program>"
     "<explanation>Line 1: a</explanation></root>", (), ("Line 1: a",),
     "missing <error-location> tag"),
    ("<root><thinking>t</thinking><incorrect-program>\nx\n</incorrect-program>"
     "<error-location>1</error-location><error-location>1</error-location>"
     "<explanation>Line 1: a</explanation></root>", (1,), ("Line 1: a",),
     "<error-location> appears more than once"),
]


@pytest.mark.parametrize("text,locations,explanations,problem", LENIENT_ASSISTANT)
def test_reading_leniently_keeps_what_can_be_read(text, locations, explanations, problem):
    message, problems = read_assistant(text)
    assert (message.locations, message.explanations) == (locations, explanations)
    assert len(problems) == 1 and problem in problems[0]
    with pytest.raises(MessageError):
        parse_assistant(text)


@pytest.mark.parametrize("count,expected", [("-0", "'-0'"), ("two", "'two'")])
def test_an_unreadable_count_is_a_problem_and_reads_as_zero(count, expected):
    text = ("<description>d</description><correct-program>\nx\n</correct-program>"
            f"<syntax>1</syntax><runtime>0</runtime><logical>{count}</logical>")
    message, problems = read_user(text)
    assert message.request == Request(1, 0, 0) and message.program == "x\n"
    assert len(problems) == 1 and expected in problems[0]
    assert isinstance(problems[0], Readable) == (count == "-0")  # one reading: a note


def test_removed_line_locations_are_read_and_written_back():
    text = ("<root><thinking>t</thinking><incorrect-program>\nx = 1\n</incorrect-program>"
            "<error-location>\n1\n  removed line 3 of the original program.\n"
            "</error-location><explanation>Line 1: a\nLine 3: b</explanation></root>")
    message, problems = read_assistant(text)
    assert message.locations == (1, 3) and message.removed == (1,)
    assert [isinstance(p, Readable) for p in problems] == [True]
    written = render_assistant(message)
    assert "\n1\nRemoved line 3 of original program\n</error-location>" in written
    assert read_assistant(written)[0] == message
    plain = render_assistant(AssistantMessage("t", "x = 1\n", (1, 3), ("Line 1: a",)))
    assert "<error-location>\n1\n3\n</error-location>" in plain


def test_a_message_without_its_program_is_not_readable():
    with pytest.raises(MessageError, match="missing <incorrect-program>"):
        read_assistant("<root><thinking>t</thinking><error-location>1</error-location></root>")
