"""Two launches of one proposal at the same moment, on a real database: one community."""

import threading

import pytest
from django.db import connection, connections

from communities.models import Community, Membership
from core.errors import ActionError
from proposals import services
from proposals.models import Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL shows the race"
)
def test_a_double_submit_at_once_launches_one_community():
    proposer, joiner = UserFactory(), UserFactory()
    proposal = services.propose_community(
        proposer=proposer, title="Readers", domain="Books", audience="All"
    )
    services.support_proposal(user=joiner, proposal=proposal, role="join")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(slug: str) -> None:
        try:
            mine = Proposal.objects.get(pk=proposal.pk)
            barrier.wait()
            services.launch_proposal(actor=proposer, proposal=mine, name="Readers", slug=slug)
            outcomes.append("launched")
        except ActionError as error:
            outcomes.append(str(error.status))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(slug,)) for slug in ("readers", "readers-2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["409", "launched"]
    assert Community.objects.count() == 1
    assert Membership.objects.filter(user=joiner).count() == 1
