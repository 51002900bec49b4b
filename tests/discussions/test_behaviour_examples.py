"""Each community words the example beside each behaviour; the standard one fills the gaps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from core.errors import ActionError
from core.vocabulary import BehaviourCode
from discussions.behaviour_examples import save_behaviour_examples
from discussions.models import Behaviour, BehaviourExample, CommunityBehaviour
from discussions.selectors import behaviours_with_examples
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

PROBLEM = BehaviourCode.PROBLEM_SOLVING
VISITS = BehaviourCode.VISITS
CASE = "A family keeps cancelling home visits. How would you move this on?"


def _url(community) -> str:
    return reverse("discussions:behaviour_examples", kwargs={"slug": community.slug})


def _shown(community) -> dict[str, str]:
    return {b.code: b.shown_example for b in behaviours_with_examples(community)}


def _standard(code: str) -> str:
    return Behaviour.objects.get(code=code).example


# --- the model and the service ------------------------------------------------------------


def test_a_community_without_examples_shows_the_standard_ones(community):
    assert _shown(community) == dict(
        Behaviour.objects.filter(is_standard=True).values_list("code", "example")
    )


def test_a_gardeners_example_shows_in_that_community_only(community, gardener):
    other = CommunityFactory()

    changed = save_behaviour_examples(
        actor=gardener, community=community, examples={PROBLEM: f"  {CASE}\n "}
    )

    assert changed == 1
    assert _shown(community)[PROBLEM] == CASE  # trimmed, one line
    assert _shown(community)[VISITS] == _standard(VISITS)
    assert _shown(other)[PROBLEM] == _standard(PROBLEM)
    row = BehaviourExample.objects.get()
    assert row.updated_by == gardener


def test_saving_the_same_text_again_changes_nothing(community, gardener):
    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: CASE})
    assert (
        save_behaviour_examples(
            actor=gardener, community=community, examples={PROBLEM: CASE, VISITS: ""}
        )
        == 0
    )
    assert BehaviourExample.objects.count() == 1


def test_a_cleared_example_falls_back_and_is_remembered(community, gardener):
    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: CASE})

    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: ""})

    assert _shown(community)[PROBLEM] == _standard(PROBLEM)
    assert BehaviourExample.objects.get().text == ""
    # Seeding later must not bring an example back the gardener took away.
    save_behaviour_examples(
        actor=gardener, community=community, examples={PROBLEM: CASE}, keep_existing=True
    )
    assert _shown(community)[PROBLEM] == _standard(PROBLEM)


def test_keep_existing_fills_only_what_was_never_set(community, gardener):
    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: CASE})

    changed = save_behaviour_examples(
        actor=gardener,
        community=community,
        examples={PROBLEM: "Something else", VISITS: "Could we see the east team?"},
        keep_existing=True,
    )

    assert changed == 1
    assert _shown(community)[PROBLEM] == CASE
    assert _shown(community)[VISITS] == "Could we see the east team?"


def test_one_example_per_community_and_behaviour(community):
    behaviour = Behaviour.objects.get(code=PROBLEM)
    BehaviourExample.objects.create(community=community, behaviour=behaviour, text="a")
    with pytest.raises(Exception):  # noqa: B017 (the database's IntegrityError)
        BehaviourExample.objects.create(community=community, behaviour=behaviour, text="b")


@pytest.mark.parametrize(
    "examples, message",
    [
        ({PROBLEM: "x" * 201}, "200 characters"),
        ({"growing-confidence": "Try it on us first?"}, "does not use"),
        ({"no-such-thing": "?"}, "does not use"),
        ({PROBLEM: "a\x00b"}, "plain text"),
    ],
)
def test_nonsense_is_refused_and_nothing_saved(community, gardener, examples, message):
    with pytest.raises(ActionError, match=message):
        save_behaviour_examples(
            actor=gardener, community=community, examples={VISITS: "Saved?", **examples}
        )
    assert not BehaviourExample.objects.exists()


def test_an_extra_switched_on_takes_an_example(community, gardener):
    extra = Behaviour.objects.get(code="growing-confidence")
    CommunityBehaviour.objects.create(community=community, behaviour=extra)

    save_behaviour_examples(
        actor=gardener, community=community, examples={extra.code: "Try it on us first?"}
    )

    assert _shown(community)[extra.code] == "Try it on us first?"


def test_only_gardeners_may_set_examples(community, member, sponsor, outsider):
    for person in (member, sponsor, outsider):
        with pytest.raises(ActionError) as refused:
            save_behaviour_examples(actor=person, community=community, examples={PROBLEM: CASE})
        assert refused.value.status == 403
    assert not BehaviourExample.objects.exists()


def test_the_examples_are_read_in_one_query(community, gardener, django_assert_num_queries):
    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: CASE})
    with django_assert_num_queries(1):
        behaviours_with_examples(community)


# --- the settings page ---------------------------------------------------------------------


def test_the_gardener_sees_one_box_per_behaviour(client, community, gardener):
    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: CASE})
    client.force_login(gardener)

    page = client.get(_url(community))

    assert page.status_code == 200
    html = page.content.decode()
    for behaviour in Behaviour.objects.filter(is_standard=True):
        assert f'name="{behaviour.code}"' in html
        assert escape(behaviour.example) in html  # the standard, shown as what an empty box means
    assert escape(CASE) in html
    assert 'aria-current="page">Behaviour examples' in html


def test_the_gardener_saves_the_examples(client, community, gardener):
    client.force_login(gardener)
    data = {code: "" for code in BehaviourCode.values} | {PROBLEM: CASE}

    answer = client.post(_url(community), data, follow=True)

    assert answer.status_code == 200
    assert "Examples saved" in answer.content.decode()
    assert _shown(community)[PROBLEM] == CASE
    assert BehaviourExample.objects.count() == 1


def test_a_too_long_example_is_a_clear_message_not_an_error(client, community, gardener):
    client.force_login(gardener)

    answer = client.post(_url(community), {PROBLEM: "x" * 500, VISITS: "kept in the form"})

    assert answer.status_code == 400
    html = answer.content.decode()
    assert "at most 200 characters" in html
    assert "kept in the form" in html
    assert not BehaviourExample.objects.exists()


def test_a_null_character_is_refused_on_the_form(client, community, gardener):
    client.force_login(gardener)
    answer = client.post(_url(community), {PROBLEM: "a\x00b"})
    assert answer.status_code == 400
    assert not BehaviourExample.objects.exists()


def test_the_settings_tabs_lead_to_the_page(client, community, gardener):
    client.force_login(gardener)
    page = client.get(reverse("communities:settings", kwargs={"slug": community.slug}))
    assert _url(community) in page.content.decode()


def test_members_and_sponsors_are_refused(client, community, member, sponsor, outsider):
    for person in (member, sponsor, outsider):
        client.force_login(person)
        assert client.get(_url(community)).status_code == 403
        assert client.post(_url(community), {PROBLEM: CASE}).status_code == 403
    assert not BehaviourExample.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, community):
    answer = client.get(_url(community))
    assert answer.status_code == 302
    assert reverse("account_login") in answer["Location"]
    assert client.post(_url(community), {PROBLEM: CASE}).status_code == 302
    assert not BehaviourExample.objects.exists()


def test_a_private_community_stays_hidden_from_outsiders(client, make_community, outsider):
    private, _gardener = make_community(visibility="private", join_policy="invite")
    client.force_login(outsider)
    assert client.get(_url(private)).status_code == 404


# --- the thread form -----------------------------------------------------------------------


def test_the_thread_form_shows_the_communitys_example(client, community, gardener, member):
    save_behaviour_examples(actor=gardener, community=community, examples={PROBLEM: CASE})
    other = CommunityFactory()
    client.force_login(member)

    html = client.get(reverse("discussions:new", kwargs={"slug": community.slug})).content.decode()

    assert escape(CASE) in html
    assert escape(_standard(PROBLEM)) not in html
    assert escape(_standard(VISITS)) in html  # no example of its own: the standard one
    assert _url(community) not in html  # the link to word them is for gardeners
    client.force_login(other.memberships.get().user)
    html = client.get(reverse("discussions:new", kwargs={"slug": other.slug})).content.decode()
    assert escape(_standard(PROBLEM)) in html


def test_the_gardener_finds_the_settings_from_the_thread_form(client, community, gardener):
    client.force_login(gardener)
    html = client.get(reverse("discussions:new", kwargs={"slug": community.slug})).content.decode()
    assert _url(community) in html


def test_the_thread_form_costs_the_same_with_examples(
    client, community, gardener, django_assert_max_num_queries, page_cache_off
):
    url = reverse("discussions:new", kwargs={"slug": community.slug})
    client.force_login(gardener)
    client.get(url)  # warm what a first request loads once
    with CaptureQueriesContext(connection) as without:
        client.get(url)
    save_behaviour_examples(
        actor=gardener,
        community=community,
        examples={code: f"Our own {code}?" for code in BehaviourCode.values},
    )
    with django_assert_max_num_queries(len(without)):
        html = client.get(url).content.decode()
    assert "Our own visits?" in html
