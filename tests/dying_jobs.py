"""Jobs for generate's local workers that kill the worker running them (tests/test_workers.py).

They live in a module of their own so that a worker started by the forkserver, as
generate's workers are, imports them by name: no fork of the multi-threaded test process
(an xdist worker always has a thread of its own) is needed to reach them.
"""

import os
import signal
import time
from pathlib import Path


def killed_once(job):
    """Kill this worker with SIGKILL the first time a job marked so arrives."""
    name, marker = job
    if marker is not None and not Path(marker).exists():
        Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return name, os.getpid()


def killed_always(job):
    name, marker = job
    if marker is not None:
        os.kill(os.getpid(), signal.SIGKILL)
    return name, os.getpid()


def waits_its_turn(job):
    """(name, the jobs that had ended when this one started): each job marks its end with
    a file of its name in the job's folder; the first sleeps a little, so that a job not
    held back would start before it ends."""
    name, folder = job
    seen = sorted(os.listdir(folder))
    if name == "first":
        time.sleep(1.0)
    (Path(folder) / name).touch()
    return name, seen
