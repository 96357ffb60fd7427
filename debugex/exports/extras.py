"""The optional libraries of the teacher's exports, imported only when asked for."""

from __future__ import annotations

import importlib
from types import ModuleType


class ExtraMissing(RuntimeError):
    """An optional library is not installed; the message says how to install it."""


def need(module: str, what: str) -> ModuleType:
    """Import `module`, or say which extra brings it (`pip install 'debugex[teach]'`)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.split(".")[0]
        raise ExtraMissing(f"{what} needs the Python package {top}, which is not installed: "
                           "pip install 'debugex[teach]' (or pip install "
                           f"{top})") from None
