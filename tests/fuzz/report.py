"""The fuzz run's figures, printed at the end of the run however quiet it is: cases per
role, routes covered, answers by status class, 500s, seconds.

Registered from tests/conftest.py. Under pytest-xdist each worker counts its own cases and
hands the counts to the controller when it finishes (``workeroutput``), which adds them up.
"""

import json
import time
from collections import Counter

import pytest

FIGURES = "copsite_fuzz"


class Tally:
    def __init__(self):
        self.cases: Counter = Counter()  # role -> requests
        self.answers: Counter = Counter()  # "2xx", "3xx", "4xx", "5xx"
        self.routes: set[str] = set()  # "GET discussions:thread"
        self.per_route: Counter = Counter()  # "role GET route status-class"
        self.failures = 0  # 500s and uncaught exceptions
        self.seconds = 0.0

    def note(self, role: str, method: str, route: str, status: int | None) -> None:
        answer = "5xx" if status is None else f"{status // 100}xx"
        self.cases[role] += 1
        self.answers[answer] += 1
        self.routes.add(f"{method} {route}")
        self.per_route[f"{role} {method} {route} {answer}"] += 1
        if answer == "5xx":
            self.failures += 1

    def as_json(self) -> str:
        return json.dumps(
            {
                "cases": self.cases,
                "answers": self.answers,
                "routes": sorted(self.routes),
                "per_route": self.per_route,
                "failures": self.failures,
                "seconds": self.seconds,
            }
        )

    def add_json(self, text: str) -> None:
        data = json.loads(text)
        self.cases.update(data["cases"])
        self.answers.update(data["answers"])
        self.routes.update(data["routes"])
        self.per_route.update(data["per_route"])
        self.failures += data["failures"]
        self.seconds = max(self.seconds, data["seconds"])  # workers run side by side

    def _per_role(self) -> list[str]:
        """Each role's answers by class, and how many routes it reached."""
        rows: dict[str, Counter] = {}
        routes: dict[str, set] = {}
        for key, count in self.per_route.items():
            role, method, route, answer = key.split(" ")
            rows.setdefault(role, Counter())[answer] += count
            routes.setdefault(role, set()).add(f"{method} {route}")
        return [
            f"  {role}: {len(routes[role])} route-methods; "
            + ", ".join(f"{kind} {n}" for kind, n in sorted(rows[role].items()))
            for role in sorted(rows)
        ]

    def lines(self, wall: float) -> list[str]:
        total = sum(self.cases.values())
        roles = ", ".join(f"{role} {n}" for role, n in sorted(self.cases.items()))
        answers = ", ".join(f"{kind} {n}" for kind, n in sorted(self.answers.items()))
        get = sum(1 for r in self.routes if r.startswith("GET "))
        return [
            f"cases: {total} ({roles})",
            f"routes covered: {len(self.routes)} route-methods ({get} GET, "
            f"{len(self.routes) - get} POST)",
            f"answers: {answers}",
            *self._per_role(),
            f"500s: {self.failures}",
            f"seconds: {wall:.1f} wall, {self.seconds:.1f} in the busiest process",
        ]


TALLY = Tally()
_started = time.monotonic()


def pytest_sessionstart(session):
    global _started
    _started = time.monotonic()


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None and TALLY.cases:
        workeroutput[FIGURES] = TALLY.as_json()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the pytest-xdist controller: a worker's figures."""
    figures = getattr(node, "workeroutput", {}).get(FIGURES)
    if figures:
        TALLY.add_json(figures)


def pytest_terminal_summary(terminalreporter):
    if not TALLY.cases:
        return
    terminalreporter.write_sep("=", "fuzz figures")
    for line in TALLY.lines(time.monotonic() - _started):
        terminalreporter.write_line(line)
