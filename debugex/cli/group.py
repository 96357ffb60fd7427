"""The `debugex` command group: its help, version and the usual loop."""

from __future__ import annotations

import contextlib
import sys

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="debugex")
def main() -> None:
    """Make verified debugging exercises from correct beginner Python programs.

    \b
    The usual loop:
      debugex check       every correct program compiles, runs and is deterministic
      debugex inject      one exercise now: exactly the requested errors, proven
      debugex generate    many drafts into generated/<batch>/, on every core
      debugex review      accept, reject or edit drafts (terminal, or --html)
      debugex merge       accepted drafts become numbered examples
      debugex audit       grade examples or model answers claim by claim
      debugex export      JSONL for fine-tuning (or CodeRunner, Jupyter for a class)
      debugex play        the student's side: fix, expose or locate the errors of one
                          exercise (--report sums up a class)
    Also: debugex injectors (the catalogue; --survey proves it),
          debugex scenarios suggest (scenarios for a program without them),
          debugex scenarios import (autograder test files as function scenarios).
    Every command takes --help.
    """
    # Text that is not Unicode (a lone surrogate from a file, bytes of a file name that
    # are not UTF-8) is printed escaped, never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
