import pytest

from communities.models.choices import Role
from tests.factories import CommunityFactory, UserFactory, add_member


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
    import importlib

    from django.apps import apps

    importlib.import_module("discussions.migrations.0002_seed_behaviours").seed(apps, None)
