"""What the library adds to a thread page: actions on the right behaviours, cited assets."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assets import services
from assets.models import Asset, Citation
from core.errors import ActionError
from tests.assets.conftest import publish_file
from tests.factories import ThreadFactory, add_member

pytestmark = pytest.mark.django_db

CONFIG = apps.get_app_config("assets")


def _thread(community, codes, **kwargs):
    return ThreadFactory(
        community=community,
        behaviour_codes=codes,
        title="Our peer observation protocol",
        body="## Before\n\nAgree one focus with the teacher.\n\n## After\n\nTalk within a day.",
        **kwargs,
    )


def _actions(thread, user):
    codes = frozenset(b.code for b in thread.behaviours.all())
    return CONFIG.thread_actions(thread=thread, user=user, behaviour_codes=codes)


def test_reusing_assets_threads_offer_to_cite_an_asset(community, member):
    thread = _thread(community, ["reusing-assets"])
    actions = _actions(thread, member)
    assert [a.label for a in actions] == ["Cite an asset"]
    assert actions[0].url == f"/c/{community.slug}/assets/cite/{thread.pk}/"


def test_documentation_projects_offer_a_living_document(community, member):
    thread = _thread(community, ["documentation-projects"])
    assert [a.label for a in _actions(thread, member)] == ["Turn into a living document"]


def test_other_behaviours_and_outsiders_get_nothing(community, member, outsider):
    assert _actions(_thread(community, ["problem-solving"]), member) == []
    thread = _thread(community, ["reusing-assets", "documentation-projects"])
    assert _actions(thread, outsider) == []
    assert _actions(thread, AnonymousUser()) == []


def test_providers_cost_at_most_one_query_each(community, member):
    thread = _thread(community, ["reusing-assets", "documentation-projects"])
    codes = frozenset({"reusing-assets", "documentation-projects"})
    member = type(member).objects.get(pk=member.pk)
    from communities import permissions

    permissions.membership_of(member, community)  # the page has already asked
    with CaptureQueriesContext(connection) as captured:
        CONFIG.thread_actions(thread=thread, user=member, behaviour_codes=codes)
        CONFIG.thread_panels(thread=thread, user=member, behaviour_codes=codes)
    assert len(captured) <= 3, [q["sql"] for q in captured]


def test_the_living_document_starts_from_the_first_post_and_links_back(client, community, member):
    thread = _thread(community, ["documentation-projects"])
    client.force_login(member)
    url = f"/c/{community.slug}/assets/from-thread/{thread.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Peer observation protocol"})
    asset = Asset.objects.get()
    assert response.url == asset.get_absolute_url()
    assert asset.kind == "document" and asset.members_can_edit
    assert "Agree one focus" in asset.latest_version.body
    assert Citation.objects.get().is_origin
    page = client.get(asset.get_absolute_url()).content.decode()
    assert "Started from the thread" in page and thread.get_absolute_url() in page
    # A second click finds the same document; the thread now offers to open it.
    client.post(url, {"title": "Peer observation protocol"})
    assert Asset.objects.count() == 1
    assert [a.label for a in _actions(thread, member)] == ["Open the living document"]


def test_citing_an_asset_from_the_thread(client, community, member):
    asset = publish_file(member, community, visibility="public")
    thread = _thread(community, ["reusing-assets"])
    client.force_login(member)
    url = f"/c/{community.slug}/assets/cite/{thread.pk}/"
    assert asset.title in client.get(url).content.decode()
    response = client.post(url, {"asset": asset.pk})
    assert response.url == thread.get_absolute_url()
    panels = CONFIG.thread_panels(thread=thread, user=member, behaviour_codes=frozenset())
    assert panels[0].template == "assets/_partials/thread_citations.html"
    assert panels[0].context["cited_assets"] == [asset]
    client.post(url, {"asset": asset.pk})
    assert Citation.objects.count() == 1


def test_a_thread_cannot_cite_another_communitys_asset(client, community, member, make_community):
    elsewhere, gardener = make_community()
    foreign = publish_file(gardener, elsewhere, visibility="public")
    thread = _thread(community, ["reusing-assets"])
    client.force_login(member)
    response = client.post(f"/c/{community.slug}/assets/cite/{thread.pk}/", {"asset": foreign.pk})
    assert response.status_code == 400
    assert not Citation.objects.exists()
    with pytest.raises(ActionError):
        services.cite_asset(user=member, thread=thread, asset=foreign)


def test_outsiders_cannot_reach_the_thread_actions(client, community, outsider):
    thread = _thread(community, ["reusing-assets", "documentation-projects"])
    client.force_login(outsider)
    for url in (
        f"/c/{community.slug}/assets/cite/{thread.pk}/",
        f"/c/{community.slug}/assets/from-thread/{thread.pk}/",
    ):
        # The thread is public: they see it, so the library's actions are refused (403).
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "x"}).status_code == 403
    assert not Asset.objects.exists()


def test_panels_hide_members_only_assets_from_outsiders(community, member, outsider):
    asset = publish_file(member, community, visibility="members")
    thread = _thread(community, ["reusing-assets"])
    services.cite_asset(user=member, thread=thread, asset=asset)
    assert CONFIG.thread_panels(thread=thread, user=outsider, behaviour_codes=frozenset()) == []
    reader = add_member(community).user
    panels = CONFIG.thread_panels(thread=thread, user=reader, behaviour_codes=frozenset())
    assert panels[0].context["cited_assets"] == [asset]


def test_the_thread_page_shows_the_actions_and_the_cited_assets(client, community, member):
    asset = publish_file(member, community, visibility="public", title="Observation form")
    thread = _thread(community, ["reusing-assets", "documentation-projects"])
    services.cite_asset(user=member, thread=thread, asset=asset)
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "What this thread can lead to" in page
    assert f'href="/c/{community.slug}/assets/cite/{thread.pk}/"' in page
    assert f'href="/c/{community.slug}/assets/from-thread/{thread.pk}/"' in page
    assert "From the library" in page and asset.get_absolute_url() in page
    client.logout()
    anonymous = client.get(thread.get_absolute_url()).content.decode()
    assert "Cite an asset" not in anonymous and "Observation form" in anonymous


def test_the_thread_page_offers_nothing_on_other_behaviours(client, community, member):
    thread = _thread(community, ["problem-solving"])
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Cite an asset" not in page and "living document" not in page


def test_a_guest_of_the_thread_gets_no_library_actions(client, community, outsider):
    from datetime import timedelta

    from django.utils import timezone

    from communities.models import GuestPass

    thread = _thread(community, ["reusing-assets", "documentation-projects"])
    GuestPass.objects.create(
        community=community,
        email=outsider.email,
        target_type=GuestPass.Target.THREAD,
        target_id=thread.pk,
        title=thread.title,
        url=thread.get_absolute_url(),
        token_hash="0" * 64,
        user=outsider,
        accepted_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=3),
    )
    from discussions.permissions import threads

    assert threads.can_reply(outsider, thread)
    assert _actions(thread, outsider) == []
    client.force_login(outsider)
    assert client.post(f"/c/{community.slug}/assets/from-thread/{thread.pk}/").status_code == 403
    with pytest.raises(ActionError) as caught:
        services.start_living_document(user=outsider, thread=thread)
    assert caught.value.status == 403
    assert not Asset.objects.exists()
