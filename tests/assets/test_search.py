"""Site search also finds library assets, never ones the person may not open."""

import pytest

from tests.assets.conftest import publish_file
from tests.factories import add_member

pytestmark = pytest.mark.django_db


def test_search_finds_visible_assets_by_title_summary_or_tag(client, author, community):
    publish_file(author, community, title="Genogram template", visibility="public")
    publish_file(author, community, title="Rota", summary="A genogram rota", visibility="public")
    publish_file(author, community, title="Secret genogram notes", visibility="members")
    page = client.get("/search/?q=genogram").content.decode()
    assert "In the libraries" in page
    assert "Genogram template" in page and "Rota" in page
    assert "Secret genogram notes" not in page
    client.force_login(add_member(community).user)
    assert "Secret genogram notes" in client.get("/search/?q=genogram").content.decode()


def test_private_community_assets_never_show_to_outsiders(client, make_community, outsider):
    private, gardener = make_community(visibility="private")
    publish_file(gardener, private, title="Supervision agreement")
    client.force_login(outsider)
    page = client.get("/search/?q=supervision").content.decode()
    assert "Supervision agreement" not in page and "In the libraries" not in page
