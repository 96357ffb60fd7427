"""The structure Moodle's CodeRunner import reads, checked element by element.

From `qtype_coderunner::import_from_xml` and Moodle's `qformat_xml::import_headers`:
a `<quiz>` of `<question type="coderunner">`, each with `<name><text>`, a
`<questiontext format=…><text>`, `<generalfeedback><text>`, a non-empty
`<coderunnertype>` (the prototype the question inherits from), `<prototypetype>` 0 (a
question, not a prototype), the plain-text `<answerpreload>` and `<answer>`, and
`<testcases>` whose every `<testcase>` has the `useasexample`, `hiderestiffail`, `mark`
and `testtype` attributes and the `<testcode>`, `<stdin>`, `<expected>`, `<extra>`
elements each holding one `<text>` (the importer reads these four without checking
that they exist), plus an optional `<display>` of SHOW, HIDE, HIDE_IF_FAIL or
HIDE_IF_SUCCEED.
"""

from __future__ import annotations

TEXT_FORMATS = ("html", "moodle_auto_format", "plain_text", "markdown")
TEST_FIELDS = ("testcode", "stdin", "expected", "extra")
DISPLAYS = ("SHOW", "HIDE", "HIDE_IF_FAIL", "HIDE_IF_SUCCEED")
PLAIN_FIELDS = ("coderunnertype", "prototypetype", "answerpreload", "answer")


def _one_text(node, tag: str, where: str, problems: list[str]) -> str | None:
    found = node.findall(tag)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} <{tag}> elements (one expected)")
        return None
    texts = found[0].findall("text")
    if len(texts) != 1 or len(texts[0]):
        problems.append(f"{where}: <{tag}> must hold exactly one <text> with text only")
        return None
    return texts[0].text or ""


def _check_test(case, where: str, problems: list[str]) -> None:
    for attribute, allowed in (("useasexample", ("0", "1")), ("hiderestiffail", ("0", "1")),
                               ("testtype", ("0", "1", "2", "3"))):
        if case.get(attribute) not in allowed:
            problems.append(f"{where}: attribute {attribute}={case.get(attribute)!r} "
                            f"(one of {', '.join(allowed)} expected)")
    try:
        float(case.get("mark", ""))
    except ValueError:
        problems.append(f"{where}: attribute mark={case.get('mark')!r} is not a number")
    for tag in TEST_FIELDS:
        _one_text(case, tag, where, problems)
    if case.find("display") is not None:
        display = _one_text(case, "display", where, problems)
        if display is not None and display not in DISPLAYS:
            problems.append(f"{where}: <display> {display!r} (one of {', '.join(DISPLAYS)})")


def check_question(node, where: str, problems: list[str]) -> str | None:
    """Check one coderunner question; returns its name."""
    name = _one_text(node, "name", where, problems)
    if name is not None and not name.strip():
        problems.append(f"{where}: empty <name>")
    for tag in ("questiontext", "generalfeedback"):
        if _one_text(node, tag, where, problems) is not None and \
                node.find(tag).get("format", "html") not in TEXT_FORMATS:
            problems.append(f"{where}: <{tag}> has an unknown format")
    for tag in PLAIN_FIELDS:
        found = node.findall(tag)
        if len(found) != 1 or len(found[0]):
            problems.append(f"{where}: <{tag}> must appear once, with text only")
    if not (node.findtext("coderunnertype") or "").strip():
        problems.append(f"{where}: empty <coderunnertype> (the prototype, e.g. python3)")
    if (node.findtext("prototypetype") or "0") != "0":
        problems.append(f"{where}: <prototypetype> must be 0 (a question, not a prototype)")
    groups = node.findall("testcases")
    if len(groups) != 1:
        problems.append(f"{where}: {len(groups)} <testcases> elements (one expected)")
        return name
    cases = groups[0].findall("testcase")
    if not cases:
        problems.append(f"{where}: no <testcase>")
    for number, case in enumerate(cases, start=1):
        _check_test(case, f"{where}, test {number}", problems)
    return name


def check_tree(root) -> list[str]:
    """Every way the tree differs from what CodeRunner imports; empty when it is sound."""
    problems: list[str] = []
    if root.tag != "quiz":
        return [f"the root element is <{root.tag}>, not <quiz>"]
    names: set[str] = set()
    questions = root.findall("question")
    if not any(q.get("type") == "coderunner" for q in questions):
        problems.append("no <question type=\"coderunner\">")
    for number, node in enumerate(questions, start=1):
        if node.get("type") == "category":  # qformat_xml: the category of what follows
            category = _one_text(node, "category", f"question {number}", problems)
            if category is not None and not category.strip():
                problems.append(f"question {number}: an empty <category>")
            continue
        if node.get("type") != "coderunner":
            continue
        name = check_question(node, f"question {number}", problems)
        if name in names:
            problems.append(f"question {number}: a second question named {name!r}")
        names.add(name or "")
    return problems
