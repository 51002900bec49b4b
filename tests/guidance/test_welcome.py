"""Newcomers get a welcome and an introductions thread; gardeners see whom to greet."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.models import Activity, Membership
from core.errors import ActionError
from core.vocabulary import Verb
from discussions.models import Post
from guidance import selectors, services
from guidance.models import IntroductionThread
from tests.factories import ThreadFactory, UserFactory, add_member, add_replies

pytestmark = pytest.mark.django_db


def _home(client, community) -> str:
    return client.get(community.get_absolute_url()).content.decode()


def test_a_newcomer_sees_the_welcome_until_they_hide_it(community, member, client):
    client.force_login(member)
    assert "Welcome to" in _home(client, community)

    client.post(f"/c/{community.slug}/welcome/dismiss/")

    assert "Welcome to" not in _home(client, community)


def test_after_two_weeks_there_is_no_welcome(community, member, client):
    Membership.objects.filter(user=member).update(joined_at=timezone.now() - timedelta(days=15))
    client.force_login(member)

    assert "Welcome to" not in _home(client, community)


def test_the_welcome_offers_the_most_useful_threads_first(community, member, gardener):
    quiet = ThreadFactory(community=community, title="Quiet")
    lively = ThreadFactory(community=community, title="Lively")
    add_replies(lively, 3, authors=[member])
    add_replies(quiet, 1, authors=[member])
    hidden = ThreadFactory(community=community, title="Hidden")
    add_replies(hidden, 5, authors=[member])
    hidden.hidden = True
    hidden.save()

    titles = [t.title for t in selectors.useful_threads(community, viewer=member)]

    assert titles == ["Lively", "Quiet"]


def test_introducing_yourself_opens_one_introductions_thread(community, member, client):
    other = add_member(community).user
    client.force_login(member)

    first = client.post(f"/c/{community.slug}/introductions/")
    client.force_login(other)
    second = client.post(f"/c/{community.slug}/introductions/")

    assert IntroductionThread.objects.count() == 1
    thread = IntroductionThread.objects.get().thread
    assert first.url == second.url == f"{thread.get_absolute_url()}#reply-heading"
    assert thread.members_only
    assert [b.code for b in thread.behaviours.all()] == ["mapping-knowledge"]


def test_outsiders_cannot_open_introductions(make_community, outsider, client):
    make_community(slug="open-one")
    make_community(visibility="private", slug="closed-one")
    client.force_login(outsider)

    assert client.post("/c/closed-one/introductions/").status_code == 404
    client.post("/c/open-one/introductions/")  # not a member: refused with a message
    assert not IntroductionThread.objects.exists()


def test_gardeners_see_newcomers_nobody_has_greeted(community, gardener, member, client):
    answered = add_member(community).user
    old = add_member(community).user
    Membership.objects.filter(user=old).update(joined_at=timezone.now() - timedelta(days=20))
    question = ThreadFactory(community=community, author=answered)
    add_replies(question, 1, authors=[gardener])

    waiting = [m.user for m in selectors.newcomers_to_welcome(community)]

    assert waiting == [member]
    client.force_login(gardener)
    content = _home(client, community)
    assert "Newcomers to welcome" in content
    assert f"/c/{community.slug}/welcome/{member.username}/" in content


def test_a_welcome_greets_by_name_is_recorded_and_cannot_repeat(community, gardener, member):
    post = services.welcome_newcomer(
        gardener=gardener, community=community, newcomer=member, message="Glad you came!"
    )

    assert post.body == f"@{member.username} Glad you came!"
    assert f'href="/u/{member.username}/"' in post.body_html
    activity = Activity.objects.get(verb=Verb.WELCOMED)
    assert (activity.actor, activity.target_id, activity.is_public) == (gardener, member.pk, False)
    assert list(selectors.newcomers_to_welcome(community)) == []
    with pytest.raises(ActionError, match="welcomed already"):
        services.welcome_newcomer(gardener=gardener, community=community, newcomer=member)
    assert Post.objects.filter(body__startswith=f"@{member.username}").count() == 1


def test_the_welcome_page_posts_and_redirects_to_the_greeting(community, gardener, member, client):
    client.force_login(gardener)
    url = f"/c/{community.slug}/welcome/{member.username}/"

    assert client.get(url).status_code == 200
    response = client.post(url, {"message": "Hello from the gardeners"})

    assert response.status_code == 302
    assert "#post-2" in response.url


def test_only_gardeners_welcome(community, member, client):
    newcomer = add_member(community).user
    client.force_login(member)

    assert client.get(f"/c/{community.slug}/welcome/{newcomer.username}/").status_code == 404
    assert client.post(f"/c/{community.slug}/welcome/{newcomer.username}/").status_code == 404
    with pytest.raises(ActionError):
        services.welcome_newcomer(gardener=member, community=community, newcomer=newcomer)
    assert not Activity.objects.filter(verb=Verb.WELCOMED).exists()


def test_welcoming_someone_who_is_not_a_member_is_a_404(community, gardener, client):
    stranger = UserFactory()
    client.force_login(gardener)

    assert client.get(f"/c/{community.slug}/welcome/{stranger.username}/").status_code == 404
    assert client.get(f"/c/{community.slug}/welcome/nobody-at-all/").status_code == 404


def test_an_over_long_welcome_is_a_form_error_not_a_500(community, gardener, member, client):
    client.force_login(gardener)

    response = client.post(
        f"/c/{community.slug}/welcome/{member.username}/", {"message": "x" * 5000}
    )

    assert response.status_code == 400
    assert "Ensure this value has at most" in response.content.decode()
    assert not Activity.objects.filter(verb=Verb.WELCOMED).exists()


def test_a_second_welcome_through_the_page_says_so(community, gardener, member, client):
    services.welcome_newcomer(gardener=gardener, community=community, newcomer=member)
    client.force_login(gardener)

    response = client.post(f"/c/{community.slug}/welcome/{member.username}/", {"message": ""})

    assert response.status_code == 400
    assert "welcomed already" in response.content.decode()
