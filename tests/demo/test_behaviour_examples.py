"""The demo's communities each show behaviour examples from their own practice."""

import io

import pytest
from django.core.management import call_command
from django.utils.html import escape

from communities.models import Community, Membership
from communities.models.choices import Role
from core.vocabulary import BehaviourCode
from demo.behaviour_examples_data import EXAMPLES
from discussions.behaviour_examples import save_behaviour_examples
from discussions.models import Behaviour, BehaviourExample
from discussions.selectors import behaviours_with_examples

pytestmark = pytest.mark.django_db

PROBLEM = BehaviourCode.PROBLEM_SOLVING


def _shown(slug: str) -> dict[str, str]:
    community = Community.objects.get(slug=slug)
    return {b.code: b.shown_example for b in behaviours_with_examples(community)}


def _gardener(slug: str):
    return (
        Membership.objects.filter(community__slug=slug, role=Role.GARDENER)
        .order_by("pk")
        .first()
        .user
    )


def test_every_demo_community_shows_its_own_example_for_each_behaviour(demo_world):
    standard = dict(Behaviour.objects.values_list("code", "example"))
    assert set(EXAMPLES) == set(Community.objects.values_list("slug", flat=True))
    for slug, examples in EXAMPLES.items():
        shown = _shown(slug)
        assert set(shown) == set(examples), slug  # every behaviour it uses, extras too
        assert shown == examples
        assert not set(shown.values()) & set(standard.values()), slug
    assert "Year 9" not in _shown("social-work-practice")[PROBLEM]
    assert f"Behaviour examples: {sum(map(len, EXAMPLES.values()))} written." in demo_world.output


def test_the_demo_thread_form_shows_the_communitys_examples(client, demo_world):
    client.force_login(_gardener("bridge-field-notes"))
    html = client.get("/c/bridge-field-notes/threads/new/").content.decode()
    for text in EXAMPLES["bridge-field-notes"].values():
        assert escape(text) in html


def test_a_rerun_adds_nothing_and_keeps_what_a_gardener_edited(demo_world):
    slug = "social-work-practice"
    community = Community.objects.get(slug=slug)
    save_behaviour_examples(
        actor=_gardener(slug),
        community=community,
        examples={PROBLEM: "Our own wording now.", BehaviourCode.VISITS: ""},
    )
    rows = list(BehaviourExample.objects.order_by("pk").values_list("pk", "text", "updated_at"))

    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    assert "Behaviour examples: 0 written." in out.getvalue()
    assert (
        list(BehaviourExample.objects.order_by("pk").values_list("pk", "text", "updated_at"))
        == rows
    )
    shown = _shown(slug)
    assert shown[PROBLEM] == "Our own wording now."
    assert shown[BehaviourCode.VISITS] == Behaviour.objects.get(code="visits").example
