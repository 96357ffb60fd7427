"""Names: misspelt, misused, badly chosen or shadowed variable names.

Each injector carries its golden examples; see docs/novice-mistakes.md."""

from __future__ import annotations

import hashlib

import libcst as cst
from libcst.metadata import Assignment

from .base import RUNTIME, SYNTAX, Example, Injector, register
from .helpers import (
    _BUILTINS,
    _accesses,
    _binding,
    _function_of,
    _reads_input,
    _single_target,
    _within,
)
from .kinds import _holds_text, _is_number
from .program import ProgramIndex

# Names a beginner wants that are Python keywords.
_KEYWORD_WISHES = {"password": "pass", "class_name": "class", "school_class": "class",
                   "from_unit": "from", "global_total": "global"}


@register
class BadIdentifier(Injector):
    """Variable name with a space or hyphen, or a keyword (`my name = ...`, `first-name`)."""

    id = "bad_identifier"
    error_class = SYNTAX
    why = ("Novices name variables the way they would label a box in English, with spaces "
           "or hyphens between the words, and do not know which words Python reserves.")
    examples = (
        Example("full_name = 'Ann Lee'\nprint(full_name)\n",
                "full name = 'Ann Lee'\nprint(full_name)\n", line=1),
        Example("full_name = 'Ann Lee'\nprint(full_name)\n",
                "full-name = 'Ann Lee'\nprint(full_name)\n", line=1),
        Example("password = input('Password: ')\nprint(len(password))\n",
                "pass = input('Password: ')\nprint(len(password))\n", stdin=(("abc",),),
                line=1),
    )
    no_site = "name = 'Ann'\nprint(name)\n"

    def sites(self, program: ProgramIndex):
        seen: set[str] = set()
        for node in self._bindings(program):
            name = node.value
            if name in seen:
                continue
            seen.add(name)
            start, end = program.span(node)
            words = name.split("_")
            if len(words) > 1 and all(words) and not name.isupper():  # not CONSTANTS
                yield self.edit(program, start, end, " ".join(words), name=name,
                                bad=" ".join(words), problem="a name cannot contain spaces",
                                problem_short="has a space in it")
                yield self.edit(program, start, end, "-".join(words), name=name,
                                bad="-".join(words),
                                problem="the hyphen is read as a minus sign",
                                problem_short="has a hyphen, which Python reads as a minus")
            wish = _KEYWORD_WISHES.get(name)
            if wish is not None:
                yield self.edit(program, start, end, wish, name=name, bad=wish,
                                problem=f"`{wish}` is a Python keyword",
                                problem_short="is a keyword")

    @staticmethod
    def _bindings(program: ProgramIndex):
        """Names where the program first creates a variable, function or parameter, in
        source order: an assignment or loop target, a def or a parameter."""
        for node in program.nodes(cst.AssignTarget, cst.AnnAssign, cst.For, cst.FunctionDef,
                                  cst.Param):
            if isinstance(node, cst.FunctionDef | cst.Param):
                yield node.name
                continue
            target = node.target
            for part in (target, *getattr(target, "elements", ())):
                part = getattr(part, "value", part) if isinstance(part, cst.Element) else part
                if isinstance(part, cst.Name):
                    yield part


_VOWELS = "aeiou"
# How often each kind of misspelling is drawn: a teacher's misspelt names change the
# capitalisation in 13 of 42 cases; dropped, swapped, doubled and wrong letters share the
# rest (see docs/novice-mistakes.md, name_typo).
_TYPO_KINDS = (("capitalised", 30), ("dropped letter", 30), ("swapped letters", 15),
               ("doubled letter", 15), ("wrong vowel", 10))
_NEXT_VOWEL = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}
# Builtins a novice capitalises (`Print`), as they would at the start of a sentence.
_CAPITALISED_BUILTINS = frozenset({"print", "input", "int", "float", "len", "str", "range"})


def misspellings(name: str) -> dict[str, str]:
    """Every kind of typo a person makes in this name, by kind (some may not apply)."""
    found: dict[str, str] = {}
    if name[0].islower():  # only the first letter: `capitalize()` would lower the rest
        found["capitalised"] = name[0].upper() + name[1:]
    for index in range(len(name) - 1, 0, -1):
        if name[index] in _VOWELS and name[index - 1] != name[index] and len(name) >= 3:
            found["dropped letter"] = name[:index] + name[index + 1:]
            break
    middle = len(name) // 2
    # `tT` swapped reads as a change of capitals, not as two letters swapped
    if len(name) >= 4 and name[middle - 1].lower() != name[middle].lower() \
            and name[middle - 1].isalpha() and name[middle].isalpha():
        found["swapped letters"] = (name[:middle - 1] + name[middle] + name[middle - 1]
                                    + name[middle + 1:])
    for index in range(len(name) - 2, 0, -1):
        if name[index].isalpha() and name[index] not in _VOWELS \
                and name[index] not in (name[index - 1], name[index + 1]):
            found["doubled letter"] = name[:index + 1] + name[index:]
            break
    for index in range(1, len(name)):
        if name[index] in _NEXT_VOWEL:
            found["wrong vowel"] = name[:index] + _NEXT_VOWEL[name[index]] + name[index + 1:]
            break
    return {kind: typo for kind, typo in found.items() if len(typo) >= 2 and typo != name}


# Short and long spellings of the same word in a name (`new_lst` and `new_list`).
_SPELLINGS = {"lst": "list", "list": "lst", "num": "number", "nums": "numbers",
              "numbers": "nums", "idx": "index", "pos": "position", "cnt": "count",
              "res": "result", "val": "value", "vals": "values"}


def near_spellings(name: str, is_list: bool = False) -> list[tuple[str, str]]:
    """(name, kind) of the other spellings students give a name they wrote themselves:
    the underscores dropped (`newlist`), a short word spelt the other way (`new_list` for
    `new_lst`), and for a list an `s` added (`results`)."""
    found = []
    if "_" in name.strip("_"):
        found.append((name.replace("_", ""), "underscore dropped"))
    for short, other in _SPELLINGS.items():
        if name.endswith(short) and len(name) > len(short) \
                and (name[-len(short) - 1] == "_" or name[:-len(short)].isalpha()):
            found.append((name[:-len(short)] + other, "other spelling"))
            break
    if is_list and len(name) >= 5 and name.isalpha() and name[-1] not in "sxyhd":
        found.append((name + "s", "added s"))
    return found


def misspell(name: str, salt: str = "") -> tuple[str, str] | None:
    """One (typo, kind) for this name, drawn by the weights of `_TYPO_KINDS` from a hash
    of the name and `salt`, so the same site always gets the same typo."""
    options = misspellings(name)
    kinds = [(kind, weight) for kind, weight in _TYPO_KINDS if kind in options]
    if not kinds:
        return None
    digest = int(hashlib.sha1(f"{name}|{salt}".encode()).hexdigest(), 16)
    point = digest % sum(weight for _kind, weight in kinds)
    for kind, weight in kinds:
        if point < weight:
            return options[kind], kind
        point -= weight
    return None  # pragma: no cover - the weights always cover the point


@register
class NameTypo(Injector):
    """Variable or builtin misspelt where it is read (`print(Total)`, `totl`, `Print`)."""

    id = "name_typo"
    error_class = RUNTIME
    why = ("Novices expect the computer to see what they meant; a capital letter, a missing "
           "or doubled letter or two swapped letters make a new, undefined name, and Python "
           "treats `Total` and `total` as different names.")
    examples = (
        Example("total = 5\ncount = 2\nprint(total, count)\n",
                "total = 5\ncount = 2\nprint(Total, count)\n", line=3),
        Example("total = 5\nprint(\"Sum:\", total)\n", "total = 5\nprint(\"Sum:\", totl)\n",
                line=2),
        Example("x = 1\nprint(x + 0)\nprint(x + 1)\nprint(x + 2)\n",
                "x = 1\nprint(x + 0)\nprint(x + 1)\nPrint(x + 2)\n", line=4),
    )
    no_site = "x = abs(-3)\n"

    def sites(self, program: ProgramIndex):
        defined = program.assigned_names
        lists = {t.target.value for a in program.nodes(cst.Assign) for t in a.targets
                 if isinstance(t.target, cst.Name)
                 and isinstance(a.value, cst.List | cst.ListComp)}
        for scope in {s for s in program.scopes.values() if s is not None}:
            for access in scope.accesses:
                node = access.node
                if not isinstance(node, cst.Name) or not access.referents:
                    continue
                start, end = program.span(node)
                if not any(isinstance(a, Assignment) for a in access.referents):
                    # `Print(...)`: one builtin read in five, so that capitals stay
                    # about a third of all misspellings, as in a teacher's exercises
                    if node.value in _CAPITALISED_BUILTINS and int(hashlib.sha1(
                            f"{node.value}|{start}".encode()).hexdigest(), 16) % 5 == 0:
                        yield self.edit(program, start, end, node.value.capitalize(),
                                        name=node.value, typo=node.value.capitalize(),
                                        kind="capitalised")
                    continue
                drawn = misspell(node.value, str(start))
                found = [(*drawn, "typo")] if drawn is not None else []
                found += [(typo, kind, "near") for typo, kind
                          in near_spellings(node.value, node.value in lists)]
                for typo, kind, form in found:
                    if typo in defined or typo in _BUILTINS or program.is_keyword(typo):
                        continue
                    yield self.edit(program, start, end, typo, name=node.value, typo=typo,
                                    kind=kind, form=form)


# A word in a variable's name, and the builtin a novice would name such a variable after.
_SHADOW_WORDS = {"total": "sum", "sum": "sum", "highest": "max", "largest": "max",
                 "biggest": "max", "maximum": "max", "max": "max", "lowest": "min",
                 "smallest": "min", "minimum": "min", "min": "min", "round": "round",
                 "len": "len", "length": "len", "list": "list", "str": "str",
                 "string": "str", "input": "input"}


def _builtin_calls(program: ProgramIndex) -> dict[str, list[cst.Call]]:
    """Calls of builtin functions, by name."""
    calls: dict[str, list[cst.Call]] = {}
    for access in _accesses(program).values():
        node = access.node
        call = program.parent(node)
        if isinstance(node, cst.Name) and isinstance(call, cst.Call) and call.func is node \
                and access.referents \
                and not any(isinstance(a, Assignment) for a in access.referents):
            calls.setdefault(node.value, []).append(call)
    return calls


def _calls_in(program: ProgramIndex, statement: cst.CSTNode,
              calls: list[cst.Call]) -> list[cst.Call]:
    return [c for c in calls if _within(program, c, statement)
            and _function_of(program, c) is _function_of(program, statement)]


@register
class ShadowedBuiltin(Injector):
    """Variable named after a builtin called later (`input = input()` for `name = input()`).

    Only where the builtin is called again before the old name is read, so the first error
    is the shadowing TypeError and not a NameError for the old name."""

    id = "shadowed_builtin"
    error_class = RUNTIME
    why = ("Novices pick the most natural word for a variable and do not know that names "
           "such as input, sum or max belong to Python's functions and can be overwritten.")
    examples = (
        Example('name = input("Name: ")\nage = int(input("Age: "))\nprint(name, age)\n',
                'input = input("Name: ")\nage = int(input("Age: "))\nprint(name, age)\n',
                stdin=(("Ann", "12"),), line=1),
        Example('print("Quiz")\nwhile True:\n    answer = input("2 + 2 = ")\n'
                '    again = input("Sure (y/n)? ")\n    if again == "y":\n        break\n'
                'print("You said", answer)\n',
                'print("Quiz")\nwhile True:\n    input = input("2 + 2 = ")\n'
                '    again = input("Sure (y/n)? ")\n    if again == "y":\n        break\n'
                'print("You said", answer)\n', stdin=(("4", "y"),), line=3),
    )
    no_site = 'name = input("Name: ")\nprint("Hi", name)\nage = int(input("Age: "))\n'

    def sites(self, program: ProgramIndex):
        calls = _builtin_calls(program)
        reads = _accesses(program)
        for statement in program.nodes(cst.SimpleStatementLine):
            if len(statement.body) != 1 or not isinstance(statement.body[0], cst.Assign):
                continue
            assign = statement.body[0]
            target = _single_target(program, assign.value)
            binding = _binding(program, target) if target is not None else None
            block = program.parent(statement)
            if binding is None or not isinstance(block, cst.Module | cst.IndentedBlock):
                continue
            name = target.value
            wanted = {_SHADOW_WORDS[w] for w in name.lower().split("_") if w in _SHADOW_WORDS}
            if _reads_input(assign.value):
                wanted.add("input")
            if _holds_text(program, assign.value, reads):
                held = "the text stored in it"
            elif _is_number(program, assign.value, reads):
                held = "the number stored in it"
            else:
                held = "the value stored in it"
            later = list(block.body)[list(block.body).index(statement) + 1:]
            read_at = sorted(program.span(r.node)[0] for r in binding.references)
            for builtin in sorted(wanted - {name} - program.assigned_names):
                # The next statement that calls the builtin must run before the old
                # name is read again (else the first error is a NameError for `name`).
                calling = next((s for s in later if isinstance(s, cst.SimpleStatementLine)
                                and _calls_in(program, s, calls.get(builtin, []))), None)
                if calling is None:
                    continue
                stop = program.span(calling)[1]
                if any(program.span(statement)[1] <= at < stop for at in read_at):
                    continue
                start, end = program.span(target)
                yield self.edit(program, start, end, builtin, old=name, new=builtin,
                                kind=held)


# Variable names that stand for their type, and the type's own name a student writes.
_TYPE_WORDS = {"list": ("lst", "alist", "lis", "li", "my_list", "the_list", "list1", "list2",
                        "lst1", "lst2"),
               "str": ("string", "strng", "my_string", "string1", "str1"),
               "tuple": ("tup", "tpl", "my_tuple", "tuple1", "tup1"),
               "dict": ("dic", "dct", "my_dict", "dict1", "dictionary")}
_TYPE_OF = {name: kind for kind, names in _TYPE_WORDS.items() for name in names}
_KIND_WORDS = {"list": "list", "str": "string", "tuple": "tuple", "dict": "dictionary"}
# Calls that need the items of their argument: a type has none (a TypeError).
_ITEM_CALLS = frozenset({"len", "sum", "max", "min", "sorted", "enumerate", "reversed"})


@register
class TypeNameForVariable(Injector):
    """The type's name written for a variable named after it (`for x in list` for
    `for x in lst`, `len(str)` for `len(string)`), a TypeError."""

    id = "type_name_for_variable"
    error_class = RUNTIME
    label = "the name of a type written where the variable named after it was meant"
    why = ("Novices call a list `lst` because it is a list, and then write `list` for it, "
           "as if the variable and its type were one thing.")
    examples = (
        Example("def count_long(lst):\n    n = 0\n    for w in lst:\n        if len(w) > 3:\n"
                "            n += 1\n    return n\n\n\nprint(count_long(['tree', 'a']))\n",
                "def count_long(lst):\n    n = 0\n    for w in list:\n        if len(w) > 3:\n"
                "            n += 1\n    return n\n\n\nprint(count_long(['tree', 'a']))\n",
                line=3),
    )
    no_site = "items = [1, 2]\nfor x in items:\n    print(x)\n"

    _USES = {"loop": "walked through by a loop", "argument": "measured or added up",
             "membership": "searched with `in`", "receiver": "given a method call",
             "index": "indexed"}

    def sites(self, program: ProgramIndex):
        for node, access in _accesses(program).items():
            kind = _TYPE_OF.get(getattr(node, "value", ""))
            if kind is None or kind in program.assigned_names \
                    or not any(isinstance(a, Assignment) for a in access.referents):
                continue
            use = self._use(program, node)
            if use is None and kind == "str" and _indexed(program, node):
                use = "index"  # `str[0]`: unlike list and tuple, str takes no index
            if use is None:
                continue
            start, end = program.span(node)
            yield self.edit(program, start, end, kind, name=node.value, typename=kind,
                            kind_word=_KIND_WORDS[kind], used=self._USES[use], form=use)

    @staticmethod
    def _use(program: ProgramIndex, node: cst.Name) -> str | None:
        """Where a type in place of the variable certainly fails at once: walked by a
        loop, handed to len() or sum(), searched with `in`, or given a method call."""
        parent = program.parent(node)
        if isinstance(parent, cst.For) and parent.iter is node:
            return "loop"
        if isinstance(parent, cst.Arg) and parent.value is node \
                and _callee_of(program.parent(parent)) in _ITEM_CALLS:
            return "argument"
        if isinstance(parent, cst.ComparisonTarget) and parent.comparator is node \
                and isinstance(parent.operator, cst.In | cst.NotIn):
            return "membership"
        if isinstance(parent, cst.Attribute) and parent.value is node \
                and isinstance(program.parent(parent), cst.Call):
            return "receiver"
        return None


def _indexed(program: ProgramIndex, node: cst.Name) -> bool:
    parent = program.parent(node)
    return isinstance(parent, cst.Subscript) and parent.value is node


def _callee_of(call: cst.CSTNode) -> str | None:
    return call.func.value if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) \
        else None
