"""The type's name indexed where the variable named after it was meant (`list[0]` for
`lst[0]`): Python reads it as a type description, so the line runs on with a value that
is no item of the variable. (Uses of the type that fail at once are
`type_name_for_variable`, in `names.py`.)

Each injector carries its golden examples; see docs/novice-mistakes.md.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import Assignment

from .base import LOGICAL, Example, Injector, register
from .helpers import _accesses, _callee_name
from .names import _KIND_WORDS, _TYPE_OF
from .program import ProgramIndex

# `str[0]` fails (str takes no type arguments); these types accept any index and give a
# description (`list[0]`, a `types.GenericAlias`) that equals no item and prints as itself.
_DESCRIBED = frozenset({"list", "tuple", "dict"})


@register
class TypeNameIndexed(Injector):
    """The type's name indexed for a variable named after it (`x == list[0]` for
    `x == lst[0]`): a type description, never an item, so the test or the text is wrong."""

    id = "type_name_indexed"
    error_class = LOGICAL
    label = "the name of a type indexed where the variable named after it was meant"
    why = ("Novices call a list `lst` because it is a list, and then write `list` for it, "
           "as if the variable and its type were one thing.")
    examples = (
        Example("def like_first(lst):\n    n = 0\n    for x in lst:\n        if x == lst[0]:\n"
                "            n += 1\n    return n\n\n\nprint(like_first([2, 5, 2]))\n",
                "def like_first(lst):\n    n = 0\n    for x in lst:\n        if x == list[0]:\n"
                "            n += 1\n    return n\n\n\nprint(like_first([2, 5, 2]))\n",
                line=4),
    )
    no_site = "def f(lst):\n    return lst[0] + 1\n\n\nprint(f([1]))\n"

    def sites(self, program: ProgramIndex):
        for node, access in _accesses(program).items():
            kind = _TYPE_OF.get(getattr(node, "value", ""))
            if kind not in _DESCRIBED or kind in program.assigned_names \
                    or not any(isinstance(a, Assignment) for a in access.referents):
                continue
            subscript = program.parent(node)
            if not isinstance(subscript, cst.Subscript) or subscript.value is not node \
                    or len(subscript.slice) != 1 \
                    or not isinstance(subscript.slice[0].slice, cst.Index):
                continue
            use = self._use(program, subscript)
            if use is None:
                continue
            form, used = use
            start, end = program.span(node)
            yield self.edit(program, start, end, kind, name=node.value, typename=kind,
                            kind_word=_KIND_WORDS[kind], used=used, form=form)

    @staticmethod
    def _use(program: ProgramIndex, subscript: cst.Subscript) -> tuple[str, str] | None:
        """(form, what is done with the value) where a type description runs on quietly:
        one side of an equality test, or the argument of `str()` or `print()`."""
        parent = program.parent(subscript)
        if isinstance(parent, cst.Comparison) and parent.left is subscript:
            operators = [t.operator for t in parent.comparisons]
        elif isinstance(parent, cst.ComparisonTarget) and parent.comparator is subscript:
            operators = [parent.operator]
        elif isinstance(parent, cst.Arg) and parent.value is subscript \
                and _callee_name(program.parent(parent)) in ("str", "print"):
            return "shown", f"given to `{_callee_name(program.parent(parent))}`"
        else:
            return None
        if len(operators) != 1 or not isinstance(operators[0], cst.Equal | cst.NotEqual):
            return None
        return "compared", "compared with `{}`".format(
            "==" if isinstance(operators[0], cst.Equal) else "!=")
