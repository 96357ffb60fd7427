"""Every registered injector: golden before -> after -> class, and the survey bar.

The golden table lives on each injector (its `examples`); this one parametrized test
collects them all, so adding an injector never needs a new test here.
"""

import random
import re
from pathlib import Path

import pytest

from debugex.changes.candidates import find_sites
from debugex.content.exercises import Exercise, Scenario, exercise_folders, load_exercise
from debugex.engine.survey import THRESHOLD, survey
from debugex.engine.verify import judge, prepare
from debugex.injectors import REGISTRY, ProgramIndex, all_injectors, catalogue
from debugex.text import ErrorFacts, explanation
from debugex.text.evidence import Evidence

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "docs" / "novice-mistakes.md"
CASES = [(i.id, n) for i in all_injectors() for n in range(len(i.examples))]


def as_exercise(source: str, stdin) -> Exercise:
    scenarios = tuple(Scenario(f"s{n}", tuple(s)) for n, s in enumerate(stdin))
    return Exercise("golden", "A golden example.\n", source, scenarios)


@pytest.mark.parametrize("injector_id,number", CASES, ids=[f"{i}-{n}" for i, n in CASES])
def test_golden_example(sandbox, injector_id, number):
    injector = REGISTRY[injector_id]
    example = injector.examples[number]
    program = ProgramIndex(example.before)
    edits = [e for e in find_sites(program, [injector]) if e.apply(example.before) == example.after]
    assert edits, f"{injector_id} offers no edit that turns the example into its 'after'"
    edit = edits[0]
    if example.line is not None:
        assert edit.line == example.line
    prepared = prepare(as_exercise(example.before, example.stdin), sandbox)
    outcomes = sandbox.run_many(prepared.jobs(example.after))
    verdict = judge(prepared.oracle, outcomes, prepared.scenarios)
    assert verdict.status == injector.error_class, verdict
    stdin = example.stdin[0] if example.stdin else ()
    facts = ErrorFacts(edit.injector, edit.error_class, edit.line, edit.line,
                       example.before[edit.start:edit.end], edit.replacement,
                       Evidence.of(verdict, stdin), edit.info)
    for seed in range(4):  # several phrasings, each filled in and naming the line
        sentence = explanation(facts, example.after, random.Random(seed))
        assert sentence.startswith(f"Line {edit.line}:"), sentence
        # every placeholder is filled: braces appear only in quoted code or output
        assert not re.search(r"[{}]", re.sub(r'"[^"]*"|`[^`]*`', "", sentence)), sentence


@pytest.mark.parametrize("injector_id", sorted(REGISTRY))
def test_injector_is_complete_and_leaves_no_site_alone(injector_id):
    injector = REGISTRY[injector_id]
    assert injector.examples, "every injector carries at least one golden example"
    assert injector.__doc__ and injector.why
    assert find_sites(ProgramIndex(injector.no_site), [injector]) == []


def test_at_least_twelve_injectors_per_class():
    for error_class in ("syntax", "runtime", "logical"):
        assert len(all_injectors(error_class)) >= 12, error_class


def test_every_id_is_in_the_catalogue():
    text = CATALOGUE.read_text()
    ids = set(re.findall(r"^\| ([a-z_]+) \|", text, flags=re.M))
    assert sorted(set(REGISTRY) ^ (ids - {"id"})) == []  # "id" heads the table


def test_catalogue_table_matches_the_code_and_the_weights():
    text = CATALOGUE.read_text()
    inside = text.split(catalogue.BEGIN, 1)[1].split(catalogue.END, 1)[0]
    assert inside.strip() == catalogue.table().strip(), (
        "regenerate: python -m debugex.injectors.catalogue docs/novice-mistakes.md")


def test_no_family_module_is_a_grab_bag():
    package = ROOT / "debugex" / "injectors"
    for path in package.glob("*.py"):
        assert len(path.read_text().splitlines()) <= 420, path.name


@pytest.fixture(scope="module")
def library_survey(sandbox):
    exercises = [load_exercise(f) for f in exercise_folders(ROOT / "content")]
    return survey(exercises, sandbox)


@pytest.mark.xdist_group("survey")  # one worker surveys, once, for every injector
@pytest.mark.parametrize("injector_id", sorted(REGISTRY))
def test_survey_over_bundled_content(library_survey, injector_id):
    row = next(r for r in library_survey.injectors if r.injector == injector_id)
    assert row.offered > 0, f"{injector_id} offers no site in the bundled content"
    assert row.rate >= THRESHOLD, row.to_dict()
