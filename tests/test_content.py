"""The exercise loader: every bad input gets a located, readable error."""

from pathlib import Path

import pytest

from debugex.content.exercises import ContentError, exercise_folders, load_exercise

GOOD_SCENARIOS = '[[scenario]]\nname = "one"\nstdin = ["3"]\n'


def make(tmp_path: Path, slug="sample", description="Add one.\n",
         source="n = int(input())\nprint(n + 1)\n", scenarios: str | bytes | None = GOOD_SCENARIOS,
         ) -> Path:
    folder = tmp_path / slug
    folder.mkdir()
    for name, text in (("description.txt", description), ("correct.py", source),
                       ("scenarios.toml", scenarios)):
        if text is None:
            continue
        data = text if isinstance(text, bytes) else text.encode()
        (folder / name).write_bytes(data)
    return folder


def error_of(folder: Path) -> str:
    with pytest.raises(ContentError) as info:
        load_exercise(folder)
    return str(info.value)


def test_good_exercise_loads(tmp_path):
    exercise = load_exercise(make(tmp_path))
    assert exercise.slug == "sample"
    assert exercise.scenarios[0].stdin == ("3",)
    assert exercise.scenarios[0].stdout is None
    assert exercise.scenarios_given


@pytest.mark.parametrize("case,kwargs,expected", [
    ("missing description", {"description": None}, "description.txt: file is missing"),
    ("missing program", {"source": None}, "correct.py: file is missing"),
    ("empty description", {"description": "  \n"}, "description.txt: file is empty"),
    ("empty program", {"source": ""}, "correct.py: file is empty"),
    ("non utf8", {"source": b"print('caf\xe9')\n"}, "correct.py:1: is not UTF-8 text"),
    ("invalid toml", {"scenarios": "[[scenario]\nname = 1\n"}, "invalid TOML"),
    ("no stdin", {"scenarios": '[[scenario]]\nname = "a"\n'}, "scenario 1 ('a'): missing 'stdin'"),
    ("stdin not list", {"scenarios": '[[scenario]]\nname = "a"\nstdin = "3"\n'},
     "'stdin' must be a list of strings"),
    ("stdin numbers", {"scenarios": '[[scenario]]\nname = "a"\nstdin = [3]\n'},
     "'stdin' must be a list of strings"),
    ("duplicate names",
     {"scenarios": '[[scenario]]\nname = "a"\nstdin = []\n[[scenario]]\nname = "a"\nstdin = []\n'},
     "duplicate scenario name 'a'"),
    ("typo key", {"scenarios": '[[scenario]]\nname = "a"\nstdn = []\n'}, "unknown key 'stdn'"),
    ("stdout not string", {"scenarios": '[[scenario]]\nname = "a"\nstdin = []\nstdout = 3\n'},
     "'stdout' must be a string"),
    ("no tables", {"scenarios": "# nothing\n"}, "no [[scenario]] tables"),
])
def test_bad_exercise_reports_where_and_what(tmp_path, case, kwargs, expected):
    message = error_of(make(tmp_path, **kwargs))
    assert expected in message
    assert str(tmp_path / "sample") in message  # located


@pytest.mark.parametrize("slug", ["Sample", "two-words", "9lives", "double__under", "trailing_"])
def test_bad_slug(tmp_path, slug):
    assert "not lower_snake_case" in error_of(make(tmp_path, slug=slug))


def test_invalid_toml_names_the_line(tmp_path):
    message = error_of(make(tmp_path, scenarios='[[scenario]]\nname = "a"\nstdin = ["1"] x\n'))
    assert "at line 3" in message


def test_crlf_is_normalised(tmp_path):
    folder = make(tmp_path, source="n = int(input())\r\nprint(n + 1)\r\n",
                  scenarios=GOOD_SCENARIOS.replace("\n", "\r\n"))
    exercise = load_exercise(folder)
    assert "\r" not in exercise.source
    assert exercise.source == "n = int(input())\nprint(n + 1)\n"


def test_missing_scenarios_file_is_allowed(tmp_path):
    exercise = load_exercise(make(tmp_path, scenarios=None))
    assert exercise.scenarios == () and not exercise.scenarios_given


def test_missing_content_folder(tmp_path):
    with pytest.raises(ContentError, match="does not exist"):
        exercise_folders(tmp_path / "nowhere")
