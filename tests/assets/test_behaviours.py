"""An asset serves one of its community's behaviours: the nine, or an extra switched on there."""

import pytest
from django.urls import reverse

from assets import services
from assets.models import Asset
from communities.models import Activity
from core.errors import ActionError
from core.vocabulary import BehaviourCode, Verb
from discussions.models import Behaviour, CommunityBehaviour
from tests.assets.conftest import pdf, publish_file
from tests.factories import add_member

pytestmark = pytest.mark.django_db

EXTRA = "growing-confidence"


@pytest.fixture
def with_extra(community):
    CommunityBehaviour.objects.create(
        community=community, behaviour=Behaviour.objects.get(code=EXTRA)
    )
    return community


def _form(**fields):
    return {
        "kind": "file",
        "title": "Trying out peer marking",
        "behaviour": "",
        "licence": "cc-by-4.0",
        "visibility": "public",
        "file": pdf(),
        **fields,
    }


def _new(community):
    return reverse("assets:new", kwargs={"slug": community.slug})


def test_an_asset_may_serve_an_extra_behaviour_its_community_switched_on(author, with_extra):
    asset = publish_file(author, with_extra, behaviour=EXTRA)

    assert asset.behaviour == EXTRA
    published = Activity.objects.get(verb=Verb.ASSET_PUBLISHED, target_id=asset.pk)
    assert published.behaviour == EXTRA


def test_the_same_extra_is_refused_in_a_community_without_it(author, other_community):
    add_member(other_community, user=author)

    with pytest.raises(ActionError) as caught:
        publish_file(author, other_community, behaviour=EXTRA)

    assert caught.value.field == "behaviour"
    assert caught.value.status == 400
    assert "behaviours this community uses" in caught.value.message
    assert not Asset.objects.exists()


@pytest.mark.parametrize("code", ["no-such-behaviour", "Problem Solving", "x" * 60])
def test_a_code_outside_the_behaviours_table_is_refused(author, community, code):
    with pytest.raises(ActionError) as caught:
        publish_file(author, community, behaviour=code)
    assert caught.value.field == "behaviour"


def test_without_a_choice_the_behaviour_follows_the_kind(author, community):
    assert publish_file(author, community).behaviour == BehaviourCode.REUSING_ASSETS


def test_the_form_offers_the_communitys_extras_and_accepts_one(client, author, with_extra):
    client.force_login(author)
    choices = dict(client.get(_new(with_extra)).context["form"].fields["behaviour"].choices)
    assert choices[EXTRA] == "Growing confidence"
    assert set(BehaviourCode.values) <= set(choices)

    response = client.post(_new(with_extra), _form(behaviour=EXTRA))

    assert response.status_code == 302
    assert Asset.objects.get().behaviour == EXTRA


def test_the_form_refuses_an_extra_the_community_has_not_switched_on(client, author, community):
    client.force_login(author)
    offered = client.get(_new(community)).context["form"].fields["behaviour"].choices
    assert EXTRA not in dict(offered)

    response = client.post(_new(community), _form(behaviour=EXTRA))

    assert response.status_code == 400
    assert "behaviour" in response.context["form"].errors
    assert not Asset.objects.exists()


@pytest.mark.parametrize("code", ["no-such-behaviour", "<script>", "visits visits"])
def test_a_bad_code_is_a_form_error_not_a_crash(client, author, community, code):
    client.force_login(author)

    response = client.post(_new(community), _form(behaviour=code))

    assert response.status_code == 400
    assert "behaviour" in response.context["form"].errors
    assert not Asset.objects.exists()


def test_the_library_filters_by_an_extra_behaviour_and_names_it(client, author, with_extra):
    publish_file(author, with_extra, title="Confidence plan", behaviour=EXTRA, visibility="public")
    publish_file(author, with_extra, title="Ordinary plan", visibility="public")
    library = reverse("assets:library", kwargs={"slug": with_extra.slug})

    page = client.get(f"{library}?behaviour={EXTRA}")

    assert [a.title for a in page.context["page"]] == ["Confidence plan"]
    assert (EXTRA, "Growing confidence") in page.context["behaviours"]
    assert "Growing confidence" in page.content.decode()
    everything = client.get(f"{library}?behaviour=not-here").context["page"]
    assert len(everything) == 2  # an unknown filter is ignored, as before


def test_the_asset_page_names_its_behaviour_from_the_table(client, author, with_extra):
    asset = publish_file(author, with_extra, behaviour=EXTRA, visibility="public")
    assert "Growing confidence" in client.get(asset.get_absolute_url()).content.decode()


def test_an_adaptation_keeps_an_extra_only_where_it_is_switched_on(
    author, with_extra, other_community, make_community
):
    original = publish_file(author, with_extra, behaviour=EXTRA, visibility="public")
    also_extra, _gardener = make_community(name="Adult literacy tutors")
    CommunityBehaviour.objects.create(
        community=also_extra, behaviour=Behaviour.objects.get(code=EXTRA)
    )
    adapter = add_member(other_community).user
    add_member(also_extra, user=adapter)

    there = services.adapt_asset(user=adapter, asset=original, community=other_community)
    here = services.adapt_asset(user=adapter, asset=original, community=also_extra)

    assert there.behaviour == BehaviourCode.REUSING_ASSETS
    assert here.behaviour == EXTRA
