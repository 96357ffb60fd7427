"""Stopping long work on Ctrl-C or SIGTERM the same way, and finishing what is started."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


class Stopped(KeyboardInterrupt):
    """A signal asked the work to stop (a KeyboardInterrupt, so one handler serves both)."""


@contextlib.contextmanager
def stop_on_signals() -> Iterator[dict]:
    """While active, the first SIGINT or SIGTERM raises Stopped in the main thread and
    the yielded dict records the signal's number. Once the caller sets `armed` to False
    (its loop is over and it is finishing its files), or after the first signal, later
    signals are only recorded, so what was started is always finished. Outside the main
    thread signals cannot be handled; nothing changes there."""
    state: dict = {"signal": None, "armed": True}
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def handler(number, frame):
        state["signal"] = state["signal"] or number
        if state["armed"]:
            state["armed"] = False
            raise Stopped()

    previous = {number: signal.signal(number, handler)
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield state
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
