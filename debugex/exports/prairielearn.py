"""PrairieLearn questions: one folder per task under `questions/`, as a course holds them.

Each folder has `info.json` (a uuid derived from the task, so that exporting again
updates the same question; title, topic = the exercise, tags = the error classes;
graded externally by PrairieLearn's Python autograder image), `question.html` (the task,
the bugged program preloaded in a `pl-file-editor`, the `pl-external-grader-results`),
`initial_code.py` (the bugged program), `server.py` (the autograder reads the names its
tests exchange with the student's code from the variant's params, so they are set, empty)
and `tests/`: `test.py` (one test per scenario, from `prairielearn_test.py`), `ans.py` and
`setup_code.py`, which the autograder's `run.sh` moves and executes before the tests, and
an empty `debugex_nothing.py` it executes as the student's code (the tests run the real
file themselves, with the scenario's input). Expected outputs are the sandbox's.
"""

from __future__ import annotations

import hashlib
import json
import pprint
import uuid
from collections.abc import Sequence
from pathlib import Path

from ..formats import write_atomic
from ..workflow import Task
from .coderunner import error_classes_named, paragraphs_html
from .portable import portable

IMAGE = "prairielearn/grader-python"
ENTRYPOINT = "/python_autograder/run.sh"
NAMESPACE = uuid.UUID("5a0c3d1e-7b2f-4c8e-9d4a-2f6b8e1c0a57")  # debugex's, for uuid5
PLACEHOLDER = "SCENARIOS = []  # debugex puts the scenarios here"
SERVER = '''def generate(data):
    # PrairieLearn's Python autograder reads these two lists; the tests use neither.
    data["params"]["names_for_user"] = []
    data["params"]["names_from_user"] = []
'''


def folder_name(task: Task) -> str:
    return "".join(c if c.isalnum() or c in "_-" else "_" for c in task.name)


def question_uuid(task: Task) -> str:
    """The same uuid every time this draft is exported, another for another draft."""
    digest = hashlib.sha256(task.bugged.encode("utf-8", "surrogatepass")).hexdigest()
    return str(uuid.uuid5(NAMESPACE, f"{task.exercise}/{task.name}/{digest}"))


def info_for(task: Task) -> dict:
    classes = error_classes_named(task)
    return {
        "uuid": question_uuid(task),
        "type": "v3",
        "title": f"Fix the program: {task.exercise}" + (
            f" ({task.name})" if task.name != task.exercise else ""),
        "topic": task.exercise,
        "tags": ["debugex", *classes],
        "singleVariant": True,
        "gradingMethod": "External",
        "externalGradingOptions": {"enabled": True, "image": IMAGE,
                                   "entrypoint": ENTRYPOINT, "timeout": 60},
    }


def question_html(task: Task) -> str:
    count = len(task.lines)
    paragraphs = "  " + paragraphs_html(task.description).replace("</p><p>", "</p>\n  <p>")
    return f"""<pl-question-panel>
{paragraphs}
  <p>The program below was written for this task but has {count} error{'s' if count != 1 else ''}.
  Fix {'them' if count != 1 else 'it'} in the editor and submit: it is run on {len(task.cases)}
  scenarios.</p>
</pl-question-panel>

<pl-file-editor file-name="user_code.py" ace-mode="ace/mode/python"
  source-file-name="initial_code.py"></pl-file-editor>

<pl-submission-panel>
  <pl-external-grader-results></pl-external-grader-results>
  <pl-file-preview></pl-file-preview>
</pl-submission-panel>
"""


def test_source(task: Task) -> str:
    template = Path(__file__).with_name("prairielearn_test.py").read_text(encoding="utf-8")
    if PLACEHOLDER not in template:
        raise RuntimeError("prairielearn_test.py has lost its SCENARIOS line")
    data = [{"name": c.name, "stdin": list(c.stdin), "calls": list(c.calls),
             "stdout": c.stdout, "returns": list(c.returns)} for c in task.cases]
    return template.replace(PLACEHOLDER, "SCENARIOS = "
                            + pprint.pformat(data, width=88, sort_dicts=False))


def files_for(task: Task) -> dict[str, str]:
    """Path inside the question folder -> text."""
    return {
        "info.json": json.dumps(info_for(task), indent=2) + "\n",
        "question.html": question_html(task),
        "initial_code.py": task.bugged,
        "server.py": SERVER,
        "tests/test.py": test_source(task),
        "tests/ans.py": "# The tests compare with outputs debugex recorded; nothing to run.\n",
        "tests/setup_code.py": "",
        "tests/debugex_nothing.py": "",
    }


def write_prairielearn(tasks: Sequence[Task], out: Path
                       ) -> tuple[list[Path], dict[str, str]]:
    """A folder per task under OUT/questions: (folders written, task -> why left out)."""
    tasks, left_out = portable(tasks)
    written = []
    for task in tasks:
        if task.name in left_out:
            continue
        folder = out / "questions" / folder_name(task)
        for relative, text in files_for(task).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text)
        written.append(folder)
    return written, left_out
