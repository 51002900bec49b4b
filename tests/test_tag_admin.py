"""The tag merge page opened or sent without a choice of tags sends staff back to choose."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["get", "post"])
def test_merging_without_chosen_tags_is_refused_in_words(client, method):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = getattr(client, method)("/admin/taggit/tag/merge-tags/", {"new_tag_name": "x"})
    assert response.status_code == 302
    assert response["Location"].endswith("/admin/taggit/tag/")
