"""A sandbox wrapper for tests that check how many programs a step runs."""


class Counting:
    """A sandbox that counts the programs it is asked to run."""

    def __init__(self, inner):
        self.inner, self.jobs = inner, 0

    def run_many(self, jobs, progress=None):
        jobs = list(jobs)
        self.jobs += len(jobs)
        return self.inner.run_many(jobs, progress=progress)
