import pytest
from django.urls import reverse

from discussions import services as discussions
from notifications.models import BehaviourFollow, Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


@pytest.fixture
def reply(thread, answerer):
    return discussions.reply_to_thread(author=answerer, thread=thread, body="Try @asker.")


@pytest.fixture
def notification(reply, asker):
    return Notification.objects.get(recipient=asker)


@pytest.mark.parametrize(
    "url", [LIST, reverse("notifications:preferences"), reverse("notifications:open", args=[1])]
)
def test_pages_need_a_signed_in_member(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_list_shows_my_notifications_with_links(client, asker, notification):
    client.force_login(asker)
    response = client.get(LIST)

    assert response.status_code == 200
    body = response.content.decode()
    assert "mentioned you in" in body
    assert reverse("notifications:open", args=[notification.pk]) in body


def test_the_header_badge_counts_unread(client, asker, notification, community):
    client.force_login(asker)
    response = client.get(community.get_absolute_url())
    assert 'data-testid="unread-count"' in response.content.decode()
    assert "(1 unread)" in response.content.decode()


def test_no_badge_when_all_is_read(client, answerer, notification, community):
    client.force_login(answerer)
    response = client.get(community.get_absolute_url())
    assert 'data-testid="unread-count"' not in response.content.decode()


def test_opening_a_notification_marks_it_read_and_lands_on_the_post(
    client, asker, notification, reply
):
    client.force_login(asker)
    response = client.get(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_404(client, answerer, notification):
    client.force_login(answerer)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    response = client.post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_missing_notification_is_404(client, asker):
    client.force_login(asker)
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404


def test_mark_one_read(client, asker, notification):
    client.force_login(asker)
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), {"next": LIST + "?page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == LIST + "?page=1"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_ignores_a_foreign_next(client, asker, notification):
    client.force_login(asker)
    response = client.post(
        reverse("notifications:read", args=[notification.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == LIST


def test_mark_read_needs_post(client, asker, notification):
    client.force_login(asker)
    assert client.get(reverse("notifications:read", args=[notification.pk])).status_code == 405


def test_mark_all_read_only_touches_mine(client, asker, notification, thread, colleague):
    discussions.reply_to_thread(author=colleague, thread=thread, body="@answerer look")
    client.force_login(asker)

    client.post(reverse("notifications:read_all"))

    assert not Notification.objects.filter(recipient=asker, read_at=None).exists()
    assert Notification.objects.filter(recipient__username="answerer", read_at=None).exists()


def test_the_follow_toggle_shows_on_a_behaviour_filtered_list(client, community, colleague):
    client.force_login(colleague)
    url = reverse("discussions:list", kwargs={"slug": community.slug})

    assert "Follow" not in client.get(url).content.decode()
    body = client.get(url, {"behaviour": "visits"}).content.decode()
    assert "Follow “Visits” threads" in body


def test_following_and_unfollowing_without_javascript(client, community, colleague):
    client.force_login(colleague)
    url = reverse("discussions:follow", kwargs={"slug": community.slug})

    response = client.post(url, {"behaviour": "visits", "follow": "1"}, follow=True)
    assert BehaviourFollow.objects.filter(user=colleague, behaviour_code="visits").exists()
    assert "Stop following" in response.content.decode()

    client.post(url, {"behaviour": "visits", "follow": "0"})
    assert not BehaviourFollow.objects.exists()


def test_following_an_unknown_behaviour_is_404(client, community, colleague):
    client.force_login(colleague)
    url = reverse("discussions:follow", kwargs={"slug": community.slug})
    assert client.post(url, {"behaviour": "nonsense", "follow": "1"}).status_code == 404
    assert not BehaviourFollow.objects.exists()


def test_outsiders_cannot_follow(client, community):
    client.force_login(UserFactory())
    url = reverse("discussions:follow", kwargs={"slug": community.slug})
    response = client.post(url, {"behaviour": "visits", "follow": "1"}, follow=True)
    assert "Join the community" in response.content.decode()
    assert not BehaviourFollow.objects.exists()


def test_following_in_a_private_community_you_cannot_see_is_404(client, make_community):
    private, _gardener = make_community(visibility="private")
    client.force_login(UserFactory())
    url = reverse("discussions:follow", kwargs={"slug": private.slug})
    assert client.post(url, {"behaviour": "visits", "follow": "1"}).status_code == 404


def test_the_list_paginates(client, asker, thread, community):
    from tests.factories import add_member

    people = [add_member(community).user for _ in range(3)]
    for n in range(32):
        discussions.reply_to_thread(author=people[n % 3], thread=thread, body=f"Reply {n}")
    client.force_login(asker)

    first = client.get(LIST)
    second = client.get(LIST, {"page": "2"})
    junk = client.get(LIST, {"page": "zzz"})

    assert len(first.context["page"].object_list) == 30
    assert len(second.context["page"].object_list) == 2
    assert junk.status_code == 200


@pytest.mark.parametrize("next_page", ["%00", "home", "notifications:list"])
def test_a_next_page_that_is_not_a_path_goes_back_to_the_list(client, asker, next_page):
    """Whatever a form's hidden "next" says, the answer is a redirect, never a 500."""
    client.force_login(asker)

    response = client.post(reverse("notifications:read_all"), {"next": next_page})

    assert response.status_code == 302
    assert response["Location"] == LIST
