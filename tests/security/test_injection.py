"""Every output escapes what people type: a payload set through every title, name, summary
and body, read back by real parsers (html5lib, feedparser, icalendar, csv, email)."""

import csv
import io
from datetime import date, time

import feedparser
import html5lib
import pytest
from django.urls import reverse
from icalendar import Calendar

from assets import services as assets
from communities.models.choices import Role
from discussions import services as discussions
from rhythm import services as rhythm
from rhythm.recurrence import Pattern
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db

MARK = "alert(1)"  # every payload carries it: finding it live means the payload ran
PAYLOADS = {
    "script": "<script>alert(1)</script> tag",
    "onerror": '<img src=x onerror="alert(1)"> image',
    "javascript": '<a href="javascript:alert(1)">js</a> [md](javascript:alert(1))',
    "data": '<a href="data:text/html,<script>alert(1)</script>">d</a> [d](data:text/html;alert(1))',
    "svg": "<svg onload=alert(1)><circle/></svg> shape",
    "broken": '"><b onmouseover=alert(1)>bold <i <p x="unclosed alert(1)',
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#x3C;svg onload=alert(1)&#x3E;",
    "newlines": "Title\r\nX-INJECTED:alert(1)\r\nBcc: victim@example.org",
}


def live_markup(html: str) -> list[str]:
    """What a browser would run from a payload: script elements, handlers, script links."""
    found = []
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1]
        if tag == "script" and MARK in "".join(element.itertext()):
            found.append(f"<script> {element.text!r}")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on") and MARK in value:
                found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "formaction", "xlink:href"}:
                scheme = value.strip().lower().replace("\t", "").replace("\n", "")
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{tag}[{name}={value[:40]!r}]")
    return found


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def world(request):
    payload = PAYLOADS[request.param]
    gardener = UserFactory(username="gardener", display_name=f"Gardener {payload}"[:80])
    poster = UserFactory(username="poster", display_name=f"Poster {payload}"[:80])
    community = CommunityFactory(
        creator=gardener,
        name=f"Circle {payload}"[:80],
        slug="circle",
        tagline=f"Tagline {payload}"[:160],
        concern=f"Concern {payload}",
        visibility="public",
    )
    add_member(community, user=poster)
    thread = discussions.create_thread(
        author=gardener,
        community=community,
        title=f"Thread {payload}"[:200],
        body=f"Body {payload}",
        behaviour_codes=["problem-solving"],
    )
    reply = discussions.reply_to_thread(
        author=poster, thread=thread, body=f"Reply {payload} @gardener"
    )
    asset = assets.publish_asset(
        author=gardener,
        community=community,
        title=f"Asset {payload}"[:200],
        kind="link",
        url="https://example.org/guide",
        summary=f"Summary {payload}",
        visibility="public",
    )
    meeting = rhythm.create_meeting(
        author=gardener,
        community=community,
        details=rhythm.MeetingDetails(
            title=f"Meeting {payload}"[:160],
            kind="regular",
            day=date(2030, 10, 1),
            start_time=time(16, 0),
            end_time=time(17, 0),
            timezone="Europe/London",
            pattern=Pattern.ONE_OFF,
            agenda=f"Agenda {payload}",
            place=f"Room {payload}"[:300],
        ),
    )
    return {
        "payload": payload,
        "gardener": gardener,
        "poster": poster,
        "community": community,
        "thread": thread,
        "reply": reply,
        "asset": asset,
        "meeting": meeting,
    }


def pages(world) -> list[str]:
    slug = world["community"].slug
    return [
        "/",
        reverse("communities:directory"),
        world["community"].get_absolute_url(),
        reverse("communities:members", kwargs={"slug": slug}),
        reverse("discussions:list", kwargs={"slug": slug}),
        world["thread"].get_absolute_url(),
        reverse("assets:library", kwargs={"slug": slug}),
        world["asset"].get_absolute_url(),
        reverse("rhythm:meetings", kwargs={"slug": slug}),
        world["meeting"].get_absolute_url(),
        world["gardener"].get_absolute_url(),
        world["poster"].get_absolute_url(),
        reverse("notifications:list"),
        reverse("search") + "?q=alert",
    ]


@pytest.mark.parametrize("world", PAYLOADS, indirect=True)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "gardener"])
def test_pages_show_the_payload_as_text(client, world, signed_in):
    if signed_in:
        client.force_login(world["gardener"])
    for url in pages(world):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert live_markup(response.content.decode()) == [], url


@pytest.mark.parametrize("world", PAYLOADS, indirect=True)
def test_the_atom_feed_carries_titles_as_text(client, world):
    response = client.get(reverse("communities:feed", kwargs={"slug": "circle"}))

    feed = feedparser.parse(response.content, sanitize_html=False)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries
    for entry in feed.entries:
        for part in [entry.get("summary", ""), *(c.value for c in entry.get("content", []))]:
            assert live_markup(part) == [], part
    titles = [one_line(entry.title) for entry in feed.entries]
    assert any(one_line(world["thread"].title) in title for title in titles)


@pytest.mark.parametrize("world", PAYLOADS, indirect=True)
def test_the_calendar_keeps_each_text_in_its_property(client, world):
    response = client.get(reverse("rhythm:community_calendar", kwargs={"slug": "circle"}))

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert "X-INJECTED" not in event and "X-INJECTED" not in calendar
    assert "BCC" not in event
    assert one_line(str(event["SUMMARY"])).startswith(one_line(world["meeting"].title))
    assert "Agenda" in str(event.get("DESCRIPTION", ""))


@pytest.mark.parametrize("world", PAYLOADS, indirect=True)
def test_mail_parts_and_subjects_carry_the_payload_as_text(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        discussions.reply_to_thread(
            author=world["poster"],
            thread=world["thread"],
            body=f"Again {world['payload']} @gardener",
        )

    assert mailoutbox
    for message in mailoutbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        header = message.message()
        assert header["Bcc"] is None and header["X-INJECTED"] is None
        html = message.alternatives[0][0]
        assert live_markup(html) == []
        # The plain part is not HTML: nothing in it is escaped into entities.
        # (Names are cut to their field's length, so each is taken out as it is.)
        plain = message.body
        cut = (
            world["poster"].display_name,
            world["gardener"].display_name,
            world["community"].name,
        )
        for text in cut:
            plain = plain.replace(text, "")
        assert "&lt;" not in plain.replace(world["payload"], "")
        assert "&#x27;" not in message.body and "&quot;" not in message.body


@pytest.mark.parametrize("world", PAYLOADS, indirect=True)
def test_the_csv_export_holds_figures_only(client, world):
    client.force_login(world["gardener"])
    assert world["community"].memberships.filter(role=Role.GARDENER).exists()

    response = client.get(reverse("insights:dashboard_csv", kwargs={"slug": "circle"}))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
            assert MARK not in cell


def test_the_detector_finds_each_payload_when_it_is_live():
    for name in ("script", "onerror", "javascript", "data", "svg", "broken"):
        assert live_markup(PAYLOADS[name]), name
