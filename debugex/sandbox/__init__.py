"""Run untrusted beginner programs deterministically, each in a confined process.

See `pool.Sandbox` and SECURITY.md."""

from .harness.runner import compile_program
from .outcome import (
    DEFAULT_TIMEOUT,
    EXCEPTION,
    FINISHED,
    INPUT_EXHAUSTED,
    KINDS,
    LIMIT_EXCEEDED,
    SYNTAX_ERROR,
    TIMEOUT,
    Job,
    Outcome,
)
from .pool import Sandbox, SandboxError, default_sandbox, run_program

__all__ = [
    "DEFAULT_TIMEOUT", "EXCEPTION", "FINISHED", "INPUT_EXHAUSTED", "KINDS", "LIMIT_EXCEEDED", "SYNTAX_ERROR",
    "TIMEOUT", "Job", "Outcome", "Sandbox", "SandboxError", "compile_program", "default_sandbox",
    "run_program",
]
