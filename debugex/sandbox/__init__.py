"""Run beginner programs deterministically and safely. See `pool.Sandbox`."""

from .outcome import (
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
    "EXCEPTION", "FINISHED", "INPUT_EXHAUSTED", "KINDS", "LIMIT_EXCEEDED", "SYNTAX_ERROR",
    "TIMEOUT", "Job", "Outcome", "Sandbox", "SandboxError", "default_sandbox", "run_program",
]
