"""The help pages explain the ideas in the code's own terms and are found by search."""

import pytest
from django.utils.html import escape

from discussions.models import Behaviour
from guidance.checklist import ITEMS
from guidance.help_topics import TOPICS, matching

pytestmark = pytest.mark.django_db


def test_the_index_lists_every_topic(client):
    content = client.get("/help/").content.decode()

    for topic in TOPICS:
        assert f'href="/help/{topic.slug}/"' in content


@pytest.mark.parametrize("slug", [topic.slug for topic in TOPICS])
def test_every_topic_page_renders_for_anyone(client, slug):
    response = client.get(f"/help/{slug}/")

    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


@pytest.mark.parametrize("slug", ["nope", "behaviour", "..%2Fadmin", "x" * 300])
def test_unknown_topics_get_a_404(client, slug):
    assert client.get(f"/help/{slug}/").status_code == 404


def test_the_behaviours_page_reads_the_behaviour_table_with_two_examples_each(client):
    content = client.get("/help/behaviours/").content.decode()

    behaviours = list(Behaviour.objects.all())
    assert len(behaviours) >= 10  # the nine plus growing confidence
    for behaviour in behaviours:
        assert f'id="{behaviour.code}"' in content
        assert escape(behaviour.explanation) in content
    assert content.count("<q>") == 2 * len(behaviours)


def test_a_new_behaviour_row_appears_on_the_help_page_without_code_changes(client):
    Behaviour.objects.create(
        code="story-telling",
        name="Telling stories",
        explanation="Sharing what happened so others can learn from it.",
        example="What happened when you tried it?",
        is_standard=False,
        position=99,
    )

    content = client.get("/help/behaviours/").content.decode()

    assert 'id="story-telling"' in content
    assert "extra, switched on per community" in content


def test_the_launch_help_lists_the_checklist_the_code_ticks(client):
    content = client.get("/help/starting-a-community/").content.decode()

    for item in ITEMS:
        assert escape(str(item.title)) in content
        assert escape(str(item.why)) in content


def test_site_search_finds_help_pages(client):
    assert [t.slug for t in matching("gardener")] == [
        "design-principles",
        "roles",
        "starting-a-community",
    ]
    assert matching("") == []

    content = client.get("/search/?q=launch+checklist").content.decode()

    assert "Help pages" in content
    assert 'href="/help/starting-a-community/"' in content


def test_search_without_a_help_match_shows_no_help_section(client):
    content = client.get("/search/?q=zzzqqq").content.decode()

    assert "Help pages" not in content


def test_the_behaviour_picker_links_to_the_help(community, member, client):
    client.force_login(member)

    content = client.get(f"/c/{community.slug}/threads/new/").content.decode()

    assert 'href="/help/behaviours/"' in content


def test_the_participation_page_shows_the_codes_own_numbers(client):
    from participation.rules import DEFAULT_RULES, POINTS

    content = client.get("/help/participation/").content.decode()

    for p in POINTS:
        assert f"<td>{p.points}</td>" in content
    assert f"last {DEFAULT_RULES.window_days} days" in content
    assert f"At least {DEFAULT_RULES.core_points} points" in content


def test_the_principles_page_lists_what_the_dashboard_measures(client):
    from insights.dashboard.health import MEASURES

    content = client.get("/help/design-principles/").content.decode()

    assert len(MEASURES) == 9
    for m in MEASURES:
        assert escape(str(m.name)) in content
