"""A thread about visits offers gardeners "Propose a visit", prefilled and linking back."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps

from rhythm.models import MeetingSeries
from tests.factories import ThreadFactory


class FakeThread:
    """The duck-typed thread the hook receives: no import of discussions needed."""

    def __init__(self, community):
        self.community, self.pk, self.title = community, 7, "Visiting the Eastside team"

    def get_absolute_url(self):
        return f"/c/{self.community.slug}/threads/7/"


def _actions(thread, user, codes):
    return apps.get_app_config("rhythm").thread_actions(
        thread=thread, user=user, behaviour_codes=frozenset(codes)
    )


def test_offered_to_gardeners_on_visit_threads_only(community, gardener, member):
    thread = FakeThread(community)
    assert _actions(thread, member, {"visits"}) == []
    assert _actions(thread, gardener, {"problem-solving"}) == []
    (action,) = _actions(thread, gardener, {"visits", "problem-solving"})
    assert action.label == "Propose a visit"
    query = parse_qs(urlsplit(action.url).query)
    assert query == {
        "kind": ["visit"],
        "title": ["Visiting the Eastside team"],
        "thread": [f"/c/{community.slug}/threads/7/"],
    }


@pytest.mark.django_db
def test_from_the_thread_page_to_a_scheduled_visit(client, community, gardener):
    thread = ThreadFactory(community=community, behaviour_codes=("visits",), title="Visit Eastside")
    client.force_login(gardener)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Propose a visit" in page
    form = client.get(
        f"/c/{community.slug}/meetings/new/?kind=visit&title=Visit+Eastside"
        f"&thread={thread.get_absolute_url()}"
    ).content.decode()
    assert f"[Visit Eastside]({thread.get_absolute_url()})" in form
    client.post(
        f"/c/{community.slug}/meetings/new/",
        {
            "title": "Visit Eastside",
            "kind": "visit",
            "day": "2030-03-05",
            "start_time": "10:00",
            "end_time": "12:00",
            "timezone": "Europe/London",
            "pattern": "once",
            "agenda": f"Proposed in [Visit Eastside]({thread.get_absolute_url()}).",
        },
    )
    series = MeetingSeries.objects.get()
    assert series.kind == "visit"
    assert f'href="{thread.get_absolute_url()}"' in series.agenda_html
