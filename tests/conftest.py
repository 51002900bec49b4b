import importlib
import io
import os

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command

from communities.models import Community
from communities.models.choices import Role
from tests.factories import CommunityFactory, UserFactory, add_member
from tests.moments import named

# The fuzz run's figures, printed at the end of any run that fuzzed (tests/fuzz/).
pytest_plugins = ["tests.fuzz.report"]

DEMO_FIXTURE = "demo_world"
DEMO_COMMUNITY = "northfield-elearning"  # one of the demo's communities: is the demo there?


def seed_migration_data():
    """What migrations put in the database: a flush (after a transactional test) empties it."""
    importlib.import_module("discussions.migrations.0002_seed_behaviours").seed(apps, None)


class DemoWorld:
    """The demo (`manage.py seed_demo`) in the test database, committed, for tests to read.

    Seeded at most once per test process (each pytest-xdist worker has its own database),
    then removed before any test that does not ask for it, so those start from the empty
    database as always. Tests that ask for it run last (see pytest_collection_modifyitems),
    so in a normal run it is seeded once and never removed until the end.
    """

    current = None  # the one this process seeded, while the session lasts

    def __init__(self, blocker):
        self._blocker = blocker
        self.loaded = False
        self.output = ""  # what seed_demo printed when it built this world

    @staticmethod
    def _present() -> bool:
        return Community.objects.filter(slug=DEMO_COMMUNITY).exists()

    def ensure(self) -> None:
        with self._blocker.unblock():
            if self.loaded and self._present():
                return
            # Not seeded yet, or a transactional test's flush has emptied the database since.
            seed_migration_data()
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            self.output = out.getvalue()
            self.loaded = True

    def remove(self) -> None:
        """Back to the database as migrations left it, as after a transactional test."""
        if not self.loaded:
            return
        with self._blocker.unblock():
            if self._present():
                call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
                seed_migration_data()
        self.loaded = False


def pytest_configure(config):
    """COPSITE_TEST_MOMENT runs the session from a fixed moment (see tests/moments.py)."""
    moment = os.environ.get("COPSITE_TEST_MOMENT")
    if moment:
        time_machine.travel(named(moment), tick=True).start()


@pytest.hookimpl(trylast=True)  # after pytest-django has put transactional tests last
def pytest_collection_modifyitems(items):
    """Tests that read the shared demo run after all others, so it is seeded only once."""
    items.sort(key=lambda item: DEMO_FIXTURE in getattr(item, "fixturenames", ()))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test's fixtures (and its transaction): the demo there only if it asks for it."""
    world = DemoWorld.current
    if world is None:
        return  # nothing seeded; the demo_world fixture seeds it when first asked
    if DEMO_FIXTURE in item.fixturenames:
        world.ensure()
    else:
        world.remove()


@pytest.fixture(scope="session")
def _demo_world(request, django_db_setup, django_db_blocker):
    world = DemoWorld(django_db_blocker)
    world.ensure()
    DemoWorld.current = world
    yield world
    DemoWorld.current = None
    if request.config.getoption("reuse_db"):
        world.remove()  # the next run finds the database empty (else it is dropped anyway)


@pytest.fixture
def demo_world(_demo_world, db):
    """The demo world from `seed_demo`, for tests that only read it; `.output` is what the
    command printed. Seeded once per test process rather than once per test.

    The test runs in a transaction rolled back afterwards, like any `db` test, so the next
    one finds the demo as seeded. Tests that change the demo on purpose, watch what seeding
    does (mail, tasks queued), or run against a live server seed their own.
    """
    return _demo_world


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits live in the cache; keep tests independent of each other.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def page_cache_off(settings):
    """Count what a page costs to render, not what serving a kept copy costs."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def community(db):
    return CommunityFactory()


@pytest.fixture
def gardener(community):
    return community.memberships.get(role=Role.GARDENER).user


@pytest.fixture
def member(community):
    return add_member(community).user


@pytest.fixture
def sponsor(community):
    return add_member(community, role=Role.SPONSOR).user


@pytest.fixture
def outsider(db):
    """Signed in, but a member of nothing."""
    return UserFactory()


@pytest.fixture
def make_community(db):
    """Build a community with the given visibility / join policy; returns (community, gardener)."""

    def make(**kwargs):
        built = CommunityFactory(**kwargs)
        return built, built.memberships.get(role=Role.GARDENER).user

    return make


@pytest.fixture
def behaviours(transactional_db):
    """Transactional tests: an earlier one's flush empties the behaviours seeded by migration."""
    seed_migration_data()
