"""Programs whose only output is their fixed input prompts.

A script that asks for its input and then prints nothing (it computes a value and stops)
shows no value a logical error could change: what a run writes is each prompt with the
answer echoed, and when every prompt is a fixed text asked exactly once, in the same
order, on every run, nothing the program computes can alter it. Such a program is as
silent as one that writes nothing (`offer.shows_nothing`).
"""

from __future__ import annotations

import ast

from ..injectors import ast_offsets
from .reach import parsed

_BRANCHING = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.TryStar, ast.With,
              ast.AsyncWith, ast.Match, ast.IfExp, ast.BoolOp, ast.comprehension,
              ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_WRITERS = frozenset({"print", "write", "writelines", "pprint", "exit", "quit"})


def prompts_only(source: str) -> bool:
    """Whether the program writes nothing but fixed prompts, each asked once per run:
    no print or write; every `input()` has a constant prompt (or none) and sits in
    straight-line code, at the top level or in a function the top level calls once in
    straight-line code; no other use of that function."""
    tree = parsed(source)
    if tree is None:
        return False
    parents: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    asking: set[str] = set()
    inputs = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr"):
            return False
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(
            node.func, "attr", None)
        if name in _WRITERS:
            return False
        if name != "input":
            continue
        inputs += 1
        if node.keywords or len(node.args) > 1 or (
                node.args and not isinstance(node.args[0], ast.Constant)):
            return False
        owner = _straight_owner(node, parents)
        if owner is False:
            return False
        if owner is not None:
            asking.add(owner)
    if not inputs:
        return False  # a program without input writes nothing at all: not this rule's case
    return all(_called_once_straight(tree, name, parents) for name in asking)


def _straight_owner(node: ast.AST, parents: dict[int, ast.AST]) -> str | None | bool:
    """The top-level function holding the node in straight-line code (None: the top
    level itself); False when a branch, a loop or a nested function lies between."""
    current = parents.get(id(node))
    while current is not None:
        if isinstance(current, _BRANCHING):
            return False
        if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return current.name if isinstance(parents.get(id(current)), ast.Module) \
                and isinstance(current, ast.FunctionDef) else False
        current = parents.get(id(current))
    return None


def _called_once_straight(tree: ast.Module, name: str, parents: dict[int, ast.AST]) -> bool:
    uses = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name]
    if len(uses) != 1 or not isinstance(parents.get(id(uses[0])), ast.Call):
        return False
    return _straight_owner(uses[0], parents) is None


def prompt_spans(source: str) -> list[tuple[int, int]]:
    """Where the program's input prompts are written (character offsets)."""
    tree = parsed(source)
    if tree is None:
        return []
    offset = ast_offsets(source)
    return [(offset(a.lineno, a.col_offset), offset(a.end_lineno, a.end_col_offset))
            for node in ast.walk(tree) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name) and node.func.id == "input"
            for a in node.args if a.end_lineno is not None]
