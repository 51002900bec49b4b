"""Every link a person types passes one check: http(s) with a host, or a path on this site."""

from datetime import UTC, datetime

import pytest
import time_machine

from assets import services as assets
from core.errors import ActionError
from core.links import checked_link
from rhythm import services as rhythm
from rhythm.models import MeetingOccurrence
from rhythm.occurrences import stamp
from tests.meetings.conftest import details

pytestmark = pytest.mark.django_db

FIRST = datetime(2026, 10, 6, 15, 0, tzinfo=UTC)  # the meeting in details(), in UTC
REFUSED = [
    "//evil.example/notes",
    "/\\evil.example/notes",
    "\\\\evil.example/notes",
    "https:/\\evil.example/",
    "https://evil.example\\@good.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/x",
    "http:evil.example",
    "https://",
    "example.org/notes",
]
ACCEPTED = ["https://notes.example.org/2026/10/06", "http://example.org", "https://x.example:8443/a?b=c"]


@pytest.mark.parametrize("url", REFUSED)
def test_the_link_check_refuses_what_a_browser_would_open_elsewhere(url):
    with pytest.raises(ActionError) as refused:
        checked_link(url, field="notes_url", local_paths=True)
    assert refused.value.field == "notes_url"
    assert "http://" in refused.value.message


@pytest.mark.parametrize("url", ACCEPTED)
def test_the_link_check_keeps_web_addresses(url):
    assert checked_link(f" {url} ", field="url") == url


def test_local_paths_only_where_asked():
    assert checked_link("/c/x/threads/1/", field="notes_url", local_paths=True) == "/c/x/threads/1/"
    with pytest.raises(ActionError):
        checked_link("/c/x/threads/1/", field="online_url")


@pytest.mark.parametrize("url", ["/\\evil.example/notes", "//evil.example/notes"])
def test_a_meeting_notes_link_to_another_site_is_a_form_error(client, community, gardener, url):
    series = rhythm.create_meeting(author=gardener, community=community, details=details())
    client.force_login(gardener)
    page = f"{series.get_absolute_url()}{stamp(FIRST)}/attendance/"

    with time_machine.travel(datetime(2026, 10, 7, tzinfo=UTC), tick=False):
        response = client.post(page, {"notes_url": url}, follow=True)

    assert response.status_code == 200
    assert "starting with http:// or https://" in response.content.decode()
    assert not MeetingOccurrence.objects.filter(notes_url=url).exists()


@pytest.mark.parametrize("url", ["//evil.example/x", "javascript:alert(1)", "data:text/html,x"])
def test_online_meeting_and_library_links_use_the_same_check(community, gardener, url):
    with pytest.raises(ActionError) as refused:
        rhythm.create_meeting(
            author=gardener, community=community, details=details(online_url=url)
        )
    assert refused.value.field == "online_url"
    with pytest.raises(ActionError) as refused:
        assets.publish_asset(
            author=gardener, community=community, title="Guide", kind="link", url=url
        )
    assert refused.value.field == "url"
