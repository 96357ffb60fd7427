"""Per-injector wording: every registered injector has its own phrasings, and the
phrasings of the injectors by family render on real sites of the bundled content, naming
what the student sees on the line."""

from __future__ import annotations

import random
from functools import cache
from types import ModuleType

import pytest

from debugex.content.exercises import default_content_dir, find_exercise, load_exercise
from debugex.engine.locations import in_block
from debugex.injectors import ProgramIndex, all_injectors, get_injector
from debugex.text.class_words import claimed_class
from debugex.text.evidence import Evidence
from debugex.text.explanations import (
    GENERIC_MARKS,
    WHEN,
    _fields,
    causes,
    explanation,
    fill,
    honest,
)
from debugex.text.facts import ErrorFacts
from debugex.text.phrasings import CAUSES, FAMILIES, TERSE, WHY, merged
from debugex.text.program import backtick_spans, line_text, squash

# Injector ids that are deliberately absent from a table, and why.
HANDLED_ELSEWHERE = {
    ("unterminated_string", "CAUSES"): "explanations._unterminated finds the string that "
                                       "never closes in the incorrect program and quotes it",
}
TABLES = {"CAUSES": CAUSES, "TERSE": TERSE, "WHY": WHY}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_registered_injector_has_its_own_phrasing(table):
    missing = [i.id for i in all_injectors()
               if i.id not in TABLES[table] and (i.id, table) not in HANDLED_ELSEWHERE]
    assert not missing, f"{table} has no entry for {missing}"


def test_what_is_handled_elsewhere_is_really_absent_and_registered():
    ids = {i.id for i in all_injectors()}
    for injector, table in HANDLED_ELSEWHERE:
        assert injector in ids and injector not in TABLES[table]


# Phrasing keys that are not injector ids, and the injector whose edits they describe.
NOT_AN_ID = {"boundary_comparison": "boundary_slip", "dropped_print": "dropped_call"}


def _family_of(injector_id: str) -> str:
    return type(get_injector(injector_id)).__module__.rsplit(".", 1)[1]


def test_the_phrasing_families_are_the_injector_families():
    assert {f.__name__.rsplit(".", 1)[1] for f in FAMILIES} == {
        _family_of(i.id) for i in all_injectors()}


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_phrasing_lives_in_the_family_of_its_injector(table):
    misplaced = [(key, family.__name__) for family in FAMILIES
                 for key in getattr(family, table)
                 if _family_of(NOT_AN_ID.get(key, key)) != family.__name__.rsplit(".", 1)[1]]
    assert not misplaced


def test_an_id_in_two_families_is_refused():
    first, second = ModuleType("first"), ModuleType("second")
    first.TERSE, second.TERSE = {"a": "x.", "b": "y."}, {"b": "z."}
    with pytest.raises(ValueError, match="'b'.*first and second"):
        merged("TERSE", (first, second))
    assert merged("TERSE", (first,)) == {"a": "x.", "b": "y."}


# One real site per injector by family: the exercise, a piece of the incorrect line that
# picks the site, and code the text must quote (as the student sees it).
SITES = [
    ("brackets_for_call", "acronym_maker", "len[result]", "len[result]"),
    ("changed_output_text", "age_category", "vlaid", '"That is not a vlaid age."'),
    ("condition_part_dropped", "count_matches", "if value >= low:", "value >= low"),
    ("dropped_call", "hangman_reveal", 'print(" ".join(shown))', 'print(" ".join(shown))'),
    ("inplace_result_assigned", "capitalise_words", "fixed = fixed.append", "fixed"),
    ("method_not_called", "shopping_list_sorted", "items.sort", "items.sort"),
    ("not_dropped_or_added", "class_attendance", "if not here", "not here"),
    ("swapped_assignment", "daily_temperatures", "pair = coldest", "pair = coldest"),
    ("swapped_outputs", "stock_inventory", "item, stock[item]", "stock[item]"),
    ("wrong_empty_container", "reading_list", "books == None", "None"),
    ("wrong_equality_operator", "gcd_finder", "divisor <= 1", "<="),
    ("wrong_function", "class_marks", 'print("Highest:", min(marks))', "min"),
    ("wrong_index", "daily_temperatures", "pair[0] > warmest[1]", "pair[0]"),
    ("wrong_value_used", "average_of_positives", "return average - 1", "average - 1"),
    ("renamed_parameter", "average_of_positives", "def average_positive(lst)", "lst"),
    ("item_added_as_list", "capitalise_words", "fixed += word", "fixed += word"),
    ("item_joined_to_list", "capitalise_words", "fixed = fixed + word",
     "fixed = fixed + word"),
    ("empty_test_wrong_form", "class_marks", "marks == ()", "marks == ()"),
    ("index_dropped_on_both_sides", "daily_temperatures", "pair > warmest", "pair > warmest"),
    ("index_on_one_side", "character_frequency_letters", "counts > highest",
     "counts > highest"),
    ("wrong_return_value", "search_insert_position", "return i + 1", "return"),
    ("item_collection_mixup", "count_matches", "if values >= low", "values"),
    ("type_name_for_variable", "remove_extras", "in list", "list"),
    ("type_name_indexed", "last_day_report", "word == list[-1]", "list"),
    ("return_as_assignment", "collapse_repeats", "result = []", "result = []"),
    ("string_not_number", "lucky_number", 'guess = input("Pick', "guess"),
]


def test_the_sites_cover_every_injector_without_a_phrasing_on_main():
    ids = {i.id for i in all_injectors()}
    assert {s[0] for s in SITES} <= ids


@cache
def _source(slug: str) -> str:
    return load_exercise(find_exercise(default_content_dir(), slug)).source


def _site(injector_id: str, slug: str, seen: str) -> tuple[ErrorFacts, str]:
    """The first site of the injector in the exercise whose incorrect line shows `seen`,
    as the text layer sees it (the evidence is a stand-in: only the cause is tested)."""
    source = _source(slug)
    for edit in get_injector(injector_id).sites(ProgramIndex(source)):
        incorrect = edit.apply(source)
        lines = incorrect.splitlines()
        row = edit.line
        while row <= len(lines) and not lines[row - 1].strip():
            row += 1  # a removed line: the one that now stands there
        if seen in lines[row - 1]:
            if edit.error_class == "runtime":
                evidence = Evidence("runtime", "TypeError", edit.line, "stand-in", stdin=())
            else:
                evidence = Evidence("logical", difference="output line 1: expected 'a', "
                                    "got 'b'", stdin=())
            return ErrorFacts(edit.injector, edit.error_class, edit.line,
                              source.count("\n", 0, edit.start) + 1,
                              source[edit.start:edit.end], edit.replacement, evidence,
                              edit.info), incorrect
    raise AssertionError(f"{injector_id} has no site showing {seen!r} in {slug}")


def _holding(phrasings: tuple[str, ...], values: dict[str, str]) -> list[str]:
    """The phrasings whose premises (`{when_...}`) hold for these values: the others
    are left out by design (tests/test_text_premises.py checks both sides)."""
    return [p for p in phrasings
            if all(values.get(f) for f in _fields(p) if f.startswith(WHEN))]


def _on_line(span: str, line: str) -> bool:
    text = span.strip()
    if text.endswith("()"):
        text = text[:-2].lstrip(".")  # `.append()` names the method on the line
    return bool(text) and squash(text) in squash(line)


@pytest.mark.parametrize(("injector", "slug", "seen", "quoted"), SITES,
                         ids=[s[0] for s in SITES])
def test_every_cause_renders_on_a_real_site_and_names_the_line(injector, slug, seen,
                                                               quoted):
    error, incorrect = _site(injector, slug, seen)
    shown = line_text(incorrect, error.line) or seen
    found = causes(error, incorrect, random.Random(0))
    # every phrasing whose premise holds is complete and honest here; the generic
    # fallback comes last. Phrasings of a removal that ended its block (`{block}`) and of
    # one told before the next line (`{anchor}`) exclude each other (docs/locations.md)
    values = error.params(incorrect)
    applies = [p for p in _holding(CAUSES[injector], values)
               if ("{block}" in p) == bool(error.info.get("block"))]
    assert len(found) == len(applies) + 1
    assert not any(m in t for m in GENERIC_MARKS for t in found[:-1])
    for text in found[:-1]:
        spans = backtick_spans(text)
        assert any(_on_line(s, shown) or _on_line(s, seen) for s in spans), text
    assert any(f"`{quoted}`" in t for t in found[:-1])
    for seed in range(4):
        teacher = explanation(error, incorrect, random.Random(seed))
        assert teacher.startswith(f"Line {error.line}: ")
        assert claimed_class(teacher) == error.error_class, teacher
        assert not any(m in teacher for m in GENERIC_MARKS), teacher


@pytest.mark.parametrize(("injector", "slug", "seen", "quoted"), SITES,
                         ids=[s[0] for s in SITES])
def test_the_terse_form_names_the_code(injector, slug, seen, quoted):
    error, incorrect = _site(injector, slug, seen)
    text = explanation(error, incorrect, random.Random(0), "terse")
    shown = line_text(incorrect, error.line) or seen
    assert any(_on_line(s, shown) or _on_line(s, seen) for s in backtick_spans(text)), text
    assert claimed_class(text) == error.error_class and text.count(". ") == 0
    assert "is wrong." not in text  # not the fallback


@pytest.mark.parametrize(("injector", "slug", "seen", "quoted"), SITES,
                         ids=[s[0] for s in SITES])
def test_every_misconception_renders_on_a_real_site(injector, slug, seen, quoted):
    error, incorrect = _site(injector, slug, seen)
    values = error.params(incorrect)
    texts = [fill(p, values) for p in _holding(WHY[injector], values)]
    assert all(texts) and all(honest(t, incorrect) for t in texts), texts
    assert len(set(texts)) == len(texts) >= 2
    for text in texts:
        assert (text[0].isupper() or text[0] == "`") and text.endswith("."), text
        assert claimed_class(text) in (None, error.error_class), text


@cache
def _indexes() -> tuple[tuple[str, ProgramIndex], ...]:
    from debugex.content.exercises import exercise_folders

    sources = [load_exercise(f).source for f in exercise_folders(default_content_dir())]
    return tuple((s, ProgramIndex(s)) for s in sources)


@pytest.mark.xdist_group("phrasing_sites")  # one worker parses the content once (_indexes)
@pytest.mark.parametrize("injector", sorted({s[0] for s in SITES}))
def test_every_phrasing_holds_on_every_site_of_the_bundled_content(injector):
    """No phrasing is silently dropped on any site the injector makes here: each one is
    complete (its details supplied) and quotes only code the incorrect program shows."""
    sites = 0
    for source, index in _indexes():
        for edit in get_injector(injector).sites(index):
            sites += 1
            edit = in_block(source, edit)  # as compose places it (docs/locations.md)
            incorrect = edit.apply(source)
            error = ErrorFacts(edit.injector, edit.error_class, edit.line,
                               source.count("\n", 0, edit.start) + 1, "", "",
                               Evidence("logical"), edit.info)
            values = error.params(incorrect)
            for phrasing in _holding(CAUSES[injector] + WHY[injector], values):
                if ("{block}" in phrasing) != bool(edit.info.get("block")):
                    continue  # the two kinds of removal have their own phrasings
                text = fill(phrasing, values)
                assert text and honest(text, incorrect), (phrasing, edit.info)
    assert sites
