"""Publishing, versions, reuse and adaptation: rules, lineage and the ledger rows."""

import pytest

from assets import services
from assets.models import Asset, AssetVersion, Reuse
from communities.models import Activity
from core.errors import ActionError
from core.vocabulary import Target, Verb
from insights.models import ValueStory
from tests.assets.conftest import pdf, publish_document, publish_file
from tests.factories import add_member

pytestmark = pytest.mark.django_db


def _ledger(**filters) -> list[tuple[str, str]]:
    return list(
        Activity.objects.filter(target_type=Target.ASSET, **filters)
        .order_by("id")
        .values_list("verb", "behaviour")
    )


def _stories_ledgered(**filters) -> list[tuple[int, str]]:
    return list(
        Activity.objects.filter(target_type=Target.VALUE_STORY, verb=Verb.VALUE_STORY, **filters)
        .order_by("id")
        .values_list("target_id", "behaviour")
    )


def test_publishing_records_the_asset_in_the_ledger_with_its_behaviour(author, community):
    asset = publish_file(author, community, tags=["Lesson plan", "year 9"])
    assert asset.latest_version.number == 1
    assert asset.latest_version.change_note == "First version"
    assert sorted(asset.tags.names()) == ["lesson plan", "year 9"]
    assert _ledger(target_id=asset.pk) == [("asset_published", "reusing-assets")]


def test_a_living_document_serves_documentation_projects(author, community):
    asset = publish_document(author, community)
    assert asset.behaviour == "documentation-projects"
    assert _ledger(target_id=asset.pk) == [("asset_published", "documentation-projects")]


def test_outsiders_cannot_publish(outsider, community):
    with pytest.raises(ActionError) as caught:
        publish_file(outsider, community)
    assert caught.value.status == 403


def test_a_private_communitys_assets_are_always_members_only(make_community):
    private, gardener = make_community(visibility="private")
    asset = publish_file(gardener, private, visibility="public")
    assert asset.visibility == "members" and asset.members_only


def test_a_new_version_keeps_the_earlier_one(author, asset):
    version = services.add_asset_version(
        author=author, asset=asset, change_note="Added a worksheet", upload=pdf("v2.pdf")
    )
    assert version.number == 2
    assert list(asset.versions.values_list("number", flat=True)) == [2, 1]
    assert Asset.objects.get(pk=asset.pk).latest_version == version
    assert AssetVersion.objects.get(asset=asset, number=1).file
    assert _ledger(target_id=asset.pk, verb=Verb.ASSET_VERSIONED) == [
        ("asset_versioned", "reusing-assets")
    ]


def test_a_version_needs_a_change_note(author, asset):
    with pytest.raises(ActionError) as caught:
        services.add_asset_version(author=author, asset=asset, change_note=" ", upload=pdf())
    assert caught.value.field == "change_note"


def test_a_new_version_of_someone_elses_asset_is_refused(asset, community):
    other = add_member(community).user
    with pytest.raises(ActionError) as caught:
        services.add_asset_version(author=other, asset=asset, change_note="Mine now", upload=pdf())
    assert caught.value.status == 403
    assert asset.versions.count() == 1


def test_a_gardener_may_add_a_version(asset, gardener):
    version = services.add_asset_version(
        author=gardener, asset=asset, change_note="Fixed a typo", upload=pdf()
    )
    assert version.number == 2


def test_members_edit_a_living_document_when_its_author_allows_it(author, community):
    shut = publish_document(author, community, title="Closed")
    opened = publish_document(author, community, title="Open", members_can_edit=True)
    other = add_member(community).user
    with pytest.raises(ActionError):
        services.add_asset_version(author=other, asset=shut, change_note="x", body="New text")
    version = services.add_asset_version(
        author=other, asset=opened, change_note="Added a step", body="# Before\n\nTwo foci.\n"
    )
    assert version.number == 2 and version.body.startswith("# Before")
    assert _ledger(target_id=opened.pk, verb=Verb.ASSET_VERSIONED) == [
        ("asset_versioned", "documentation-projects")
    ]


def test_downloads_count_once_per_member(asset, community):
    reader = add_member(community).user
    assert services.record_download(user=reader, asset=asset) is True
    assert services.record_download(user=reader, asset=asset) is False
    asset.refresh_from_db()
    assert asset.download_count == 1 and asset.reuse_count == 1
    assert Reuse.objects.filter(kind="downloaded").count() == 1
    assert _ledger(verb=Verb.ASSET_DOWNLOADED) == [("asset_downloaded", "reusing-assets")]


def test_anonymous_downloads_are_not_counted(asset):
    from django.contrib.auth.models import AnonymousUser

    assert services.record_download(user=AnonymousUser(), asset=asset) is False
    assert not Reuse.objects.exists()


def test_i_used_this_with_a_value_story(asset, community):
    reader = add_member(community).user
    story = "My Year 9s finished the starter in five minutes instead of fifteen."
    reuse = services.report_use(user=reader, asset=asset, story=story)
    assert reuse.story == story
    asset.refresh_from_db()
    assert asset.use_count == 1 and asset.reuse_count == 1
    assert _ledger(actor=reader) == [("asset_used", "reusing-assets")]
    # The story is a value story of the asset's community, ledgered as one.
    told = ValueStory.objects.get(author=reader)
    assert told.what_changed == story and told.link == asset.get_absolute_url()
    assert _stories_ledgered(actor=reader) == [(told.pk, "reusing-assets")]
    # The same click twice is one report.
    assert services.report_use(user=reader, asset=asset, story=story) == reuse


def test_i_used_this_without_a_story_tells_no_story(asset, community):
    reader = add_member(community).user
    services.report_use(user=reader, asset=asset)
    assert _ledger(actor=reader) == [("asset_used", "reusing-assets")]


def test_adapting_into_another_community_keeps_the_lineage(asset, other_community, community):
    adapter = add_member(other_community).user
    add_member(community, adapter)
    adaptation = services.adapt_asset(
        user=adapter, asset=asset, community=other_community, story="Made it fit science."
    )
    assert adaptation.community == other_community
    assert adaptation.adapted_from == asset
    assert adaptation.author == adapter
    assert adaptation.latest_version.sha256 == asset.latest_version.sha256
    assert adaptation.latest_version.filename == asset.latest_version.filename
    assert list(asset.adaptations.all()) == [adaptation]
    asset.refresh_from_db()
    assert asset.adaptation_count == 1 and asset.reuse_count == 1
    assert _ledger(community=community, actor=adapter) == [("asset_adapted", "reusing-assets")]
    told = ValueStory.objects.get(author=adapter)
    assert told.community == community and told.what_changed == "Made it fit science."
    assert _stories_ledgered(community=community, actor=adapter) == [(told.pk, "reusing-assets")]
    assert _ledger(community=other_community, target_id=adaptation.pk) == [
        ("asset_published", "reusing-assets")
    ]


def test_adapting_a_public_asset_from_outside_works(asset, other_community):
    adapter = add_member(other_community).user
    adaptation = services.adapt_asset(user=adapter, asset=asset, community=other_community)
    assert adaptation.adapted_from == asset


def test_adapting_into_a_community_you_do_not_belong_to_is_refused(asset, other_community):
    stranger = add_member(asset.community).user
    with pytest.raises(ActionError) as caught:
        services.adapt_asset(user=stranger, asset=asset, community=other_community)
    assert caught.value.status == 403
    assert Asset.objects.count() == 1


def test_adapting_an_asset_you_cannot_see_is_a_404(make_community, outsider):
    private, gardener = make_community(visibility="private")
    hidden = publish_file(gardener, private)
    mine, _ = make_community(creator=outsider)
    with pytest.raises(ActionError) as caught:
        services.adapt_asset(user=outsider, asset=hidden, community=mine)
    assert caught.value.status == 404


def test_a_members_only_asset_is_invisible_to_outsiders(author, community, outsider):
    asset = publish_file(author, community, visibility="members")
    with pytest.raises(ActionError) as caught:
        services.report_use(user=outsider, asset=asset)
    assert caught.value.status == 404
    assert services.record_download(user=outsider, asset=asset) is False


def test_double_submit_publishes_once(author, community):
    first = publish_file(author, community)
    second = publish_file(author, community)
    assert first == second
    assert Asset.objects.count() == 1 and AssetVersion.objects.count() == 1


def test_double_submit_of_a_version_saves_once(author, asset):
    first = services.add_asset_version(author=author, asset=asset, change_note="v2", upload=pdf())
    second = services.add_asset_version(author=author, asset=asset, change_note="v2", upload=pdf())
    assert first == second and asset.versions.count() == 2


def test_double_submit_adapts_once(asset, other_community):
    adapter = add_member(other_community).user
    first = services.adapt_asset(user=adapter, asset=asset, community=other_community)
    second = services.adapt_asset(user=adapter, asset=asset, community=other_community)
    assert first == second
    assert Reuse.objects.filter(kind="adapted").count() == 1


def test_the_authors_own_downloads_are_not_reuse(author, asset):
    assert services.record_download(user=author, asset=asset) is False
    asset.refresh_from_db()
    assert asset.reuse_count == 0


def test_a_members_only_thread_makes_a_members_only_living_document(community, member):
    from tests.factories import ThreadFactory

    thread = ThreadFactory(
        community=community, behaviour_codes=["documentation-projects"], members_only=True
    )
    asset = services.start_living_document(user=member, thread=thread)
    assert asset.visibility == "members"
    assert asset.latest_version.body == thread.posts.get(number=1).body
