"""Runtime injectors: see novice-mistakes.md."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .base import RUNTIME, Example, Injector, register
from .program import ProgramIndex

_VOWELS = "aeiou"


def misspell(name: str) -> str | None:
    """A typo a person makes: drop the last inner vowel, else double the last letter."""
    for index in range(len(name) - 1, 0, -1):
        if name[index] in _VOWELS and name[index - 1] != name[index]:
            typo = name[:index] + name[index + 1:]
            if len(typo) >= 2:
                return typo
    if len(name) >= 3 and name[-1].isalpha():
        return name + name[-1]
    return None


@register
class NameTypo(Injector):
    """Variable misspelt where it is read (`print(totl)` for `print(total)`)."""

    id = "name_typo"
    error_class = RUNTIME
    explanations = (
        "Line {{ line }}: `{{ typo }}` is a misspelling of `{{ name }}`, so Python raises a "
        "NameError when it reaches this line.",
        "Line {{ line }}: the variable `{{ name }}` is spelt `{{ typo }}` here; no variable "
        "of that name exists, so the program stops with a NameError.",
        "Line {{ line }}: `{{ typo }}` should be `{{ name }}` - Python treats it as a "
        "different, undefined name and raises a NameError at run time.",
    )
    why = ("Novices expect the computer to see what they meant; a single missing letter in "
           "a variable name makes a new, undefined name.")
    examples = (
        Example("total = 5\nprint(total)\n", "total = 5\nprint(totl)\n", line=2),
    )

    def sites(self, program: ProgramIndex):
        defined = program.assigned_names
        for scope in {s for s in program.scopes.values() if s is not None}:
            for access in scope.accesses:
                node = access.node
                if not isinstance(node, cst.Name) or not access.referents:
                    continue
                if not any(isinstance(a, Assignment) for a in access.referents):
                    continue  # builtins are another injector's business
                typo = misspell(node.value)
                if typo is None or typo in defined or typo in dir(__builtins__) \
                        or program.is_keyword(typo):
                    continue
                start, end = program.span(node)
                yield self.edit(program, start, end, typo, name=node.value, typo=typo)
