"""Library pages cost a fixed number of queries, whatever the number of assets, versions
and reuses; a GET of a page never writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assets import services
from tests.assets.conftest import pdf, publish_document, publish_file
from tests.factories import ThreadFactory, add_member

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _queries(client, url: str) -> int:
    client.get(url)  # warm: per-process caches (content types, sessions) settle
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(WRITES)]
    assert not writes, writes
    return len(captured)


def _fill_library(community, author, other_community, start: int, count: int) -> None:
    for n in range(start, start + count):
        asset = publish_file(
            author, community, title=f"Plan {n}", tags=[f"t{n}", "shared"], visibility="public"
        )
        services.add_asset_version(author=author, asset=asset, change_note="v2", upload=pdf())
        reader = add_member(community).user
        services.record_download(user=reader, asset=asset)
        adapter = add_member(other_community).user
        services.adapt_asset(user=adapter, asset=asset, community=other_community)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_library_costs_the_same_for_3_and_12_assets(
    client, django_assert_max_num_queries, community, author, other_community, signed_in
):
    if signed_in:
        client.force_login(add_member(community).user)
    url = f"/c/{community.slug}/assets/"
    _fill_library(community, author, other_community, 0, 3)
    few = _queries(client, url)
    _fill_library(community, author, other_community, 3, 9)
    with django_assert_max_num_queries(few):
        client.get(url)
    assert _queries(client, url) == few
    with django_assert_max_num_queries(few):
        client.get(url + "?sort=reused&tag=shared&kind=file")


def _grow(asset, author, community, other_community, count: int) -> None:
    for n in range(count):
        services.add_asset_version(
            author=author, asset=asset, change_note=f"Step {n}", body=f"Text {n} {asset.pk}"
        )
        reader = add_member(community).user
        services.record_download(user=reader, asset=asset)
        services.report_use(user=reader, asset=asset, story=f"Story {n}")
        adapter = add_member(other_community).user
        services.adapt_asset(user=adapter, asset=asset, community=other_community)
        thread = ThreadFactory(community=community, behaviour_codes=["reusing-assets"])
        services.cite_asset(user=thread.author, thread=thread, asset=asset)


def test_the_asset_page_costs_the_same_with_few_and_many_versions_and_reuses(
    client, django_assert_max_num_queries, community, author, other_community
):
    asset = publish_document(author, community, visibility="public", members_can_edit=True)
    client.force_login(add_member(community).user)
    _grow(asset, author, community, other_community, 2)
    few = _queries(client, asset.get_absolute_url())
    _grow(asset, author, community, other_community, 8)
    with django_assert_max_num_queries(few):
        client.get(asset.get_absolute_url())
    assert _queries(client, asset.get_absolute_url()) == few
