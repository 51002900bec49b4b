"""Members tell value stories; they reach the ledger, the community and the dashboard."""

import pytest
from django.urls import reverse

from communities.ledger.addresses import with_urls
from communities.models import Activity
from core.vocabulary import Verb
from insights.models import ValueStory

pytestmark = pytest.mark.django_db

GOOD = {
    "what_happened": "I used Ben's *quiz warm-up* with Year 9.",
    "what_changed": "Completion went from a third to most of the class.",
    "kind": "applied",
    "link": "",
}


def stories_url(community):
    return reverse("insights:stories", kwargs={"slug": community.slug})


def test_a_member_tells_a_story(client, community, member, gardener):
    client.force_login(member)
    link = f"/c/{community.slug}/threads/4/"
    response = client.post(stories_url(community), {**GOOD, "link": link})
    assert response.status_code == 302
    story = ValueStory.objects.get()
    assert story.link == link and story.author == member
    row = Activity.objects.get(verb=Verb.VALUE_STORY)
    assert (row.actor, row.target_id) == (member, story.pk)
    assert with_urls([row])[0].url == link
    page = client.get(stories_url(community)).content.decode()
    assert "<em>quiz warm-up</em>" in page  # Markdown, sanitised
    client.force_login(gardener)
    dashboard = reverse("insights:dashboard", kwargs={"slug": community.slug})
    assert "Completion went from a third" in client.get(dashboard).content.decode()


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"what_happened": "   "}, b"This field is required"),
        ({"what_changed": ""}, b"This field is required"),
        ({"kind": "priceless"}, b"Select a valid choice"),
        ({"what_changed": "x" * 1001}, b"at most 1000 characters"),
        ({"link": "https://evil.example/steal"}, b"on this site"),
        ({"link": "/c/some-other-community/threads/1/"}, b"Link to a thread, asset or meeting"),
        ({"link": "javascript:alert(1)"}, b"on this site"),
    ],
)
def test_bad_stories_are_refused_with_a_message(client, community, member, change, field_message):
    client.force_login(member)
    response = client.post(stories_url(community), {**GOOD, **change})
    assert response.status_code == 400
    assert field_message in response.content
    assert not ValueStory.objects.exists()


def test_outsiders_cannot_tell_stories(client, community, outsider, make_community):
    client.force_login(outsider)
    response = client.post(stories_url(community), GOOD)
    assert response.status_code == 302
    assert not ValueStory.objects.exists()
    private, _gardener = make_community(visibility="private", join_policy="invite")
    assert client.get(stories_url(private)).status_code == 404
    assert client.post(stories_url(private), GOOD).status_code == 404
    client.logout()
    assert client.post(stories_url(community), GOOD).status_code == 302
    assert not ValueStory.objects.exists()


def test_telling_a_story_counts_toward_the_level(
    client, community, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(stories_url(community), GOOD)
    assert community.memberships.get(user=member).level == "occasional"  # 3 points


def test_the_community_home_shows_the_latest_stories(client, community, member):
    from insights.services import tell_value_story

    tell_value_story(author=member, community=community, **{**GOOD, "link": ""})
    page = client.get(community.get_absolute_url()).content.decode()
    assert "Completion went from a third" in page


def test_a_member_sees_why_they_are_at_their_level(client, community, member):
    from insights.services import tell_value_story

    tell_value_story(author=member, community=community, **{**GOOD, "link": ""})
    client.force_login(member)
    page = client.get(reverse("communities:members", kwargs={"slug": community.slug}))
    text = page.content.decode()
    assert "Why you are at your level" in text
    assert "You have 3 points" in text and "value story told: 3" in text
