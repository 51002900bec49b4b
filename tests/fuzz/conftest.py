import os
from typing import NamedTuple

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.fuzz import strategies
from tests.fuzz.crawl import crawl
from tests.fuzz.routes import site_routes
from tests.fuzz.world import ROLES, build_world

# The whole run's cases, shared out among the roles (and staff's admin pages). The normal
# suite runs a few hundred; CI's fuzz step sets COPSITE_FUZZ_CASES=10000.
TOTAL_CASES = int(os.environ.get("COPSITE_FUZZ_CASES", "600"))
RUNS = (*ROLES, "staff_admin")
CASES_PER_RUN = max(1, -(-TOTAL_CASES // len(RUNS)))  # rounded up: at least the total


@pytest.fixture
def fuzz_world(db, settings):
    settings.ASSET_MAX_UPLOAD_BYTES = strategies.UPLOAD_LIMIT
    settings.AVATAR_MAX_BYTES = strategies.UPLOAD_LIMIT
    return build_world()


def _seeds(world) -> list[str]:
    """Each page once or twice with the world's values; the crawl finds the rest."""
    seeds = ["/"]
    for route in site_routes():
        if "GET" not in route.methods:
            continue
        for turn in range(2):
            kwargs = {
                name: world.values.get(name, ["1"])[turn % len(world.values.get(name, ["1"]))]
                for name, _regex in route.kwargs
            }
            try:
                seeds.append(reverse(route.name, kwargs=kwargs))
            except NoReverseMatch:
                continue
    return seeds


@pytest.fixture
def visitor(fuzz_world, request):
    """A client signed in as the role under test, and what the site shows that person."""
    role = request.param
    person = fuzz_world.users["staff" if role == "staff_admin" else role]
    client = Client(raise_request_exception=True)
    if person is not None:
        client.force_login(person)
    seen = crawl(client, ["/admin/"] if role == "staff_admin" else _seeds(fuzz_world))
    return Visitor(role, client, seen)


class Visitor(NamedTuple):
    role: str
    client: Client
    seen: object

    def __repr__(self) -> str:
        return f"Visitor({self.role})"
