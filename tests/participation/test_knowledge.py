"""The knowledge map and the gap register."""

import pytest
from django.urls import reverse

from core.errors import ActionError
from core.vocabulary import Target, Verb
from insights import services as insight_services
from insights.dashboard.knowledge import knowledge_map
from insights.models import Gap
from tests.factories import ThreadFactory, add_member

pytestmark = pytest.mark.django_db


def url(community):
    return reverse("insights:knowledge", kwargs={"slug": community.slug})


def test_the_map_shows_dense_and_thin_areas(community, gardener, ledger):
    for n in range(4):
        ledger(
            gardener,
            Verb.THREAD_STARTED,
            n + 1,
            behaviour="problem-solving visits",
            thread_id=n + 1,
        )
    ledger(gardener, Verb.ASSET_PUBLISHED, 2, behaviour="reusing-assets", target_type=Target.ASSET)
    rows = {row["code"]: row for row in knowledge_map(community)}
    assert rows["problem-solving"]["threads"] == 4 and rows["problem-solving"]["density"] == "dense"
    assert rows["reusing-assets"]["assets"] == 1 and rows["reusing-assets"]["density"] == "thin"
    assert rows["mapping-knowledge"]["threads"] == 0
    assert len(rows) == 9


def test_a_member_registers_a_gap_and_the_gardener_fills_it(client, community, member, gardener):
    client.force_login(member)
    source = f"/c/{community.slug}/threads/3/"
    response = client.post(
        url(community), {"title": "A good approach to marking group work", "source_url": source}
    )
    assert response.status_code == 302
    gap = Gap.objects.get()
    assert (gap.status, gap.source_url, gap.raised_by) == ("open", source, member)
    client.force_login(gardener)
    update = reverse("insights:update_gap", kwargs={"slug": community.slug, "gap_id": gap.pk})
    # Filled needs a link to what fills it.
    client.post(update, {"status": "filled", "filled_by": ""})
    gap.refresh_from_db()
    assert gap.status == "open"
    client.post(update, {"status": "filled", "filled_by": f"/c/{community.slug}/threads/9/"})
    gap.refresh_from_db()
    assert gap.status == "filled" and gap.filling_links == [f"/c/{community.slug}/threads/9/"]
    assert "A good approach to marking group work" in client.get(url(community)).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "   "},
        {"title": "x" * 201},
        {"title": "Fine", "source_url": "https://elsewhere.example/x"},
    ],
)
def test_bad_gaps_are_refused(client, community, member, data):
    client.force_login(member)
    assert client.post(url(community), data).status_code == 400
    assert not Gap.objects.exists()


def test_only_members_raise_and_only_the_raiser_or_a_gardener_updates(
    client, community, member, outsider, make_community
):
    gap = insight_services.raise_gap(author=member, community=community, title="Assessment online")
    with pytest.raises(ActionError):
        insight_services.raise_gap(author=outsider, community=community, title="Something")
    other = add_member(community).user
    with pytest.raises(ActionError):
        insight_services.update_gap(actor=other, gap=gap, status="working")
    insight_services.update_gap(actor=member, gap=gap, status="working")
    with pytest.raises(ActionError):
        insight_services.raise_gap(author=member, community=community, title="assessment ONLINE")
    private, _gardener = make_community(visibility="private", join_policy="invite")
    client.force_login(outsider)
    assert client.get(url(private)).status_code == 404


def test_a_mapping_thread_offers_to_register_a_gap(client, community, member):
    thread = ThreadFactory(
        community=community, author=member, behaviour_codes=("mapping-knowledge",)
    )
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Register a gap" in page
    plain = ThreadFactory(community=community, author=member)
    assert "Register a gap" not in client.get(plain.get_absolute_url()).content.decode()
