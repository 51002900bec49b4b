import pytest

from proposals import services
from tests.factories import UserFactory


@pytest.fixture
def proposer(db):
    return UserFactory(display_name="Priya Proposer")


@pytest.fixture
def make_proposal(proposer):
    """Propose through the service; supporters as (user, role) pairs."""

    def make(*, by=None, supporters=(), **fields):
        fields = {
            "title": "Reading for pleasure network",
            "domain": "Getting pupils to *choose* to read.",
            "audience": "School librarians and English teachers.",
            **fields,
        }
        proposal = services.propose_community(proposer=by or proposer, **fields)
        for user, role in supporters:
            services.support_proposal(user=user, proposal=proposal, role=role)
        return proposal

    return make


@pytest.fixture
def proposal(make_proposal):
    return make_proposal()


@pytest.fixture
def helper(db):
    return UserFactory(display_name="Hana Helper")


@pytest.fixture
def joiner(db):
    return UserFactory(display_name="Jonas Joiner")
