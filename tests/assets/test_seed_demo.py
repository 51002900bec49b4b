"""`manage.py seed_demo` fills the library with assets, versions and an adaptation chain, once."""

import io

import pytest
from django.core.management import call_command

from assets.models import Asset, AssetVersion, Citation, Reuse
from communities.models import Activity

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Asset, AssetVersion, Citation, Reuse, Activity)}


def test_seed_demo_builds_a_library_with_lineage_and_is_idempotent(demo_world):
    output = demo_world.output
    assert "Demo assets:" in output
    kinds = set(Asset.objects.values_list("kind", flat=True))
    assert kinds == {"file", "link", "document"}
    chain = Asset.objects.get(title="Talking about bills with young people leaving care")
    assert chain.community.slug == "social-work-practice"
    assert chain.adapted_from.title == "Budgeting with real bills: ESOL version"
    assert chain.adapted_from.adapted_from.title.startswith("Budgeting with real bills")
    assert AssetVersion.objects.filter(number=2).exists()
    living = Citation.objects.get(is_origin=True).asset
    assert living.kind == "document" and living.versions.count() == 2
    assert Reuse.objects.exclude(story="").exists()
    for version in AssetVersion.objects.filter(asset__kind="file"):
        assert version.content_type == "application/pdf" and version.size > 0
    before = _counts()
    _seed()
    assert _counts() == before
