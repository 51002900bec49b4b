"""Reading a page writes nothing: the first view of a session and the next ones alike."""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Community, Membership
from discussions.models import Thread

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

WRITES = ("INSERT", "UPDATE", "DELETE")


def _pages(community: Community) -> list[str]:
    thread = Thread.objects.filter(community=community).order_by("-id").first()
    return [
        "/",
        community.get_absolute_url(),
        reverse("discussions:list", kwargs={"slug": community.slug}),
        thread.get_absolute_url(),
        reverse("assets:library", kwargs={"slug": community.slug}),
        reverse("rhythm:meetings", kwargs={"slug": community.slug}),
        reverse("communities:members", kwargs={"slug": community.slug}),
    ]


def _writes(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


@pytest.mark.parametrize("email", ["amara@example.org", "fatima@example.org", "marta@example.org"])
def test_signed_in_pages_write_nothing(
    demo_world, client, email, django_capture_on_commit_callbacks
):
    community = Community.objects.get(slug="northfield-elearning")
    client.force_login(Membership.objects.get(community=community, user__email=email).user)
    Membership.objects.filter(community=community).update(last_visited_at=None)
    with (
        mock.patch("communities.tasks.store_visit.delay") as queued,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for url in _pages(community):
            assert _writes(client, url) == [], url  # first view in this session
            assert _writes(client, url) == [], url  # and again
    # The visit is still noted, once, by a task.
    membership = Membership.objects.get(community=community, user__email=email)
    assert [c.args[0] for c in queued.call_args_list] == [membership.pk]


def test_the_queued_visit_is_stored(demo_world, client, django_capture_on_commit_callbacks):
    community = Community.objects.get(slug="northfield-elearning")
    membership = Membership.objects.filter(community=community).first()
    Membership.objects.filter(pk=membership.pk).update(last_visited_at=None)
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(community.get_absolute_url())
    membership.refresh_from_db()
    assert membership.last_visited_at is not None
