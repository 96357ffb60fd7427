"""Programs, descriptions and scenarios as teachers' editors save them.

What is normalised on reading: a UTF-8 BOM, CRLF/CR line endings, a missing final
newline in a program. What is kept: everything else (tabs, trailing spaces, blank lines).
"""

import io
import math
import tokenize
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debugex.cli import main
from debugex.content.exercises import Exercise, load_exercise, normalise_program, read_program
from debugex.engine.compose import InfeasibleRequest
from debugex.formats.messages import Request, parse_assistant, parse_user
from debugex.injectors.program import ProgramIndex
from debugex.workflow.inject import exercise_from_files, inject

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SLUGS = sorted(p.name for p in CONTENT.iterdir() if (p / "correct.py").exists())
BOM = "\ufeff"


# -- the reader ------------------------------------------------------------------------

@pytest.mark.parametrize("raw, kept", [
    ("print(1)\n", "print(1)\n"),
    ("print(1)", "print(1)\n"),                                  # no final newline
    (BOM + "print(1)\n", "print(1)\n"),                          # BOM
    ("x = 1\r\nprint(x)\r\n", "x = 1\nprint(x)\n"),              # CRLF
    ("x = 1\rprint(x)", "x = 1\nprint(x)\n"),                    # old Mac CR, no newline
    (BOM + "x = 1\r\nprint(x)", "x = 1\nprint(x)\n"),            # all at once
    ("if True:\n\tprint(1)\n", "if True:\n\tprint(1)\n"),        # tabs are kept
    ("x = 1   \nprint(x)  ", "x = 1   \nprint(x)  \n"),          # trailing spaces kept
    ("print(1)\n\n\n", "print(1)\n\n\n"),                        # blank lines kept
], ids=["plain", "no-final-newline", "bom", "crlf", "cr", "bom-crlf-no-newline", "tabs",
        "trailing-spaces", "blank-lines-at-end"])
def test_program_reading_normalises_only_bom_line_endings_and_final_newline(tmp_path, raw,
                                                                              kept):
    path = tmp_path / "p.py"
    path.write_bytes(raw.encode("utf-8"))
    assert read_program(path) == kept
    assert normalise_program(raw) == kept


def test_description_and_scenarios_with_bom_and_crlf(tmp_path):
    folder = tmp_path / "greet"
    folder.mkdir()
    (folder / "correct.py").write_bytes(b'name = input("Name? ")\r\nprint("Hi", name)')
    (folder / "description.txt").write_bytes(
        (BOM + "Ask for a name\r\nand greet it.").encode())
    (folder / "scenarios.toml").write_bytes(
        (BOM + '[[scenario]]\r\nname = "ann"\r\nstdin = ["Ann"]\r\n').encode())
    exercise = load_exercise(folder)
    assert exercise.source == 'name = input("Name? ")\nprint("Hi", name)\n'
    assert exercise.description == "Ask for a name\nand greet it.\n"
    assert [s.stdin for s in exercise.scenarios] == [("Ann",)]


# -- positions at the end of a program without a final newline --------------------------

@pytest.mark.parametrize("slug", SLUGS[:: max(1, len(SLUGS) // 12)])
def test_every_token_and_node_span_is_inside_a_program_without_final_newline(slug):
    source = (CONTENT / slug / "correct.py").read_text(encoding="utf-8").rstrip("\n")
    index = ProgramIndex(source)
    for token, start, end, _ in index.located_tokens:
        assert 0 <= start <= end <= len(source)
        if token.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.DEDENT,
                              tokenize.ENDMARKER) and "\n" not in token.string:
            assert source[start:end] == token.string
    assert index.span(index.module) == (0, len(source))
    assert index.line_span(len(index.lines)) == (source.rfind("\n") + 1, len(source))


# -- every variant of every exercise injects -------------------------------------------

def _logical_line_starts(source: str) -> set[int]:
    """Lines on which a logical line starts (where indentation means something)."""
    starts, expect = set(), True
    skip = {tokenize.INDENT, tokenize.DEDENT, tokenize.NL, tokenize.COMMENT,
            tokenize.ENCODING, tokenize.ENDMARKER}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NEWLINE:
            expect = True
        elif token.type not in skip and expect:
            starts.add(token.start[0])
            expect = False
    return starts


def with_tabs(source: str) -> str:
    """Indentation of every logical line as tabs (one per indentation step)."""
    lines = source.split("\n")
    starts = _logical_line_starts(source)
    widths = [len(lines[n - 1]) - len(lines[n - 1].lstrip(" ")) for n in starts]
    step = math.gcd(*widths) if any(widths) else 0
    if not step:
        return source
    for n in starts:
        width = len(lines[n - 1]) - len(lines[n - 1].lstrip(" "))
        lines[n - 1] = "\t" * (width // step) + lines[n - 1][width:]
    return "\n".join(lines)


def with_trailing_spaces(source: str) -> str:
    """Spaces at the end of every line that ends outside a string."""
    ends = sorted({token.start for token in
                   tokenize.generate_tokens(io.StringIO(source).readline)
                   if token.type in (tokenize.NEWLINE, tokenize.NL)}, reverse=True)
    lines = source.split("\n")
    for line, column in ends:
        if line <= len(lines):
            lines[line - 1] = lines[line - 1][:column] + "  " + lines[line - 1][column:]
    return "\n".join(lines)


VARIANT = st.fixed_dictionaries({
    "tabs": st.booleans(), "trailing": st.booleans(), "no_final_newline": st.booleans(),
    "endings": st.sampled_from(["\n", "\r\n", "\r"]), "bom": st.booleans(),
    "bypass_reader": st.booleans(),
})
REQUESTS = [Request(1, 0, 0), Request(0, 1, 0), Request(0, 0, 1), Request(1, 1, 1)]


def make_variant(source: str, variant: dict) -> tuple[str, str]:
    """(the file's text, the program debugex must keep from it)."""
    text = source
    if variant["tabs"]:
        text = with_tabs(text)
    if variant["trailing"]:
        text = with_trailing_spaces(text)
    compile(text, "variant", "exec")  # the variant is still the same, valid program
    kept = text
    if variant["no_final_newline"]:
        text = text.rstrip("\n")
    text = text.replace("\n", variant["endings"])
    if variant["bom"]:
        text = BOM + text
    return text, kept


@pytest.mark.heavy
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(slug=st.sampled_from(SLUGS), variant=VARIANT, request_=st.sampled_from(REQUESTS),
       seed=st.integers(0, 50))
def test_every_variant_of_every_exercise_injects(sandbox, tmp_path_factory, slug, variant,
                                                 request_, seed):
    original = load_exercise(CONTENT / slug)
    text, kept = make_variant(original.source, variant)
    if variant["bypass_reader"]:
        # Programs reach the injectors from elsewhere too (audit, a model's answer):
        # without a final newline, as written.
        source = text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")
        exercise = Exercise(slug, original.description, source, original.scenarios,
                            None, original.scenarios_given)
    else:
        folder = tmp_path_factory.mktemp("content") / slug
        folder.mkdir()
        for name in ("description.txt", "scenarios.toml"):
            if (original.path / name).exists():
                (folder / name).write_bytes((original.path / name).read_bytes())
        (folder / "correct.py").write_bytes(text.encode("utf-8"))
        exercise = load_exercise(folder)
        assert exercise.source == kept
    try:
        result = inject(exercise, request_, seed, sandbox)
    except InfeasibleRequest:
        return  # a stated outcome ("this program offers ..."), not a crash
    user = parse_user(result.user_xml)
    assistant = parse_assistant(result.assistant_xml)
    assert user.program == normalise_program(exercise.source)  # the teacher's text
    assert len(assistant.locations) == result.composition.delivered.total == request_.total


def test_inject_command_on_a_program_saved_without_final_newline(tmp_path):
    program = tmp_path / "rate.py"
    program.write_bytes(b'\xef\xbb\xbfn = int(input("n? "))\r\nif n > 3:\r\n'
                        b'    print("big")\r\nelse:\r\n    print("small")')
    assert exercise_from_files(program).source.endswith('print("small")\n')
    result = CliRunner().invoke(main, ["inject", str(program), "--logical", "1",
                                       "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "<incorrect-program>" in result.output
