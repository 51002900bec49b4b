"""The notifications page costs the same number of queries at any size."""

import pytest
from django.urls import reverse

from discussions import services as discussions
from tests.factories import add_member

pytestmark = pytest.mark.django_db


def _fill(thread, community, count: int) -> None:
    people = [add_member(community).user for _ in range(3)]
    for n in range(count):
        discussions.reply_to_thread(author=people[n % 3], thread=thread, body=f"Reply {n}")


def test_notifications_page_is_constant(
    client, asker, thread, community, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _fill(thread, community, 2)
    client.force_login(asker)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("notifications:list")).status_code == 200

    _fill(thread, community, 28)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("notifications:list"))
    assert len(response.context["page"].object_list) == 30
