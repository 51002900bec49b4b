"""Demo library for `manage.py seed_demo`."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from assets import services
from assets.models import Asset, AssetVersion, Citation, Reuse
from communities.models import Activity, Community
from core.vocabulary import Target
from demo.assets_data import ADAPTATIONS, ASSETS, CITATIONS, DOWNLOADS, LIVING_FROM_THREADS, USES


def simple_pdf(heading: str, lines: list[str]) -> bytes:
    """A valid one-page PDF with a heading and lines of text (Helvetica, ASCII)."""

    def text(value: str) -> str:
        value = value.encode("ascii", "replace").decode()
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 18 Tf", "72 770 Td", f"({text(heading)}) Tj", "/F1 11 Tf"]
    for line in lines:
        ops += ["0 -22 Td", f"({text(line)}) Tj"]
    ops.append("ET")
    stream = "\n".join(ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _content(kind: str, content) -> dict:
    if kind == "file":
        filename, heading, lines = content
        return {"upload": ContentFile(simple_pdf(heading, lines), name=filename)}
    if kind == "link":
        return {"url": content}
    return {"body": content}


def seed(stdout) -> None:
    users = {u.username: u for u in get_user_model().objects.all()}
    communities = {c.slug: c for c in Community.objects.all()}

    def find(slug: str, title: str) -> Asset | None:
        return Asset.objects.filter(community=communities[slug], title=title).first()

    new_ids = _library(users, communities, find)
    new_ids += _living_documents(users, communities)
    new_ids += _reuse(users, communities, find)
    _spread_over_past_weeks(new_ids)
    stdout.write(f"Demo assets: {len(new_ids)} new.")


def _library(users, communities, find) -> list[int]:
    """The libraries' own files, links and documents, each with its later versions."""
    new_ids: list[int] = []
    for slug, author, title, kind, summary, tags, visibility, content, versions in ASSETS:
        if find(slug, title) is not None:
            continue
        asset = services.publish_asset(
            author=users[author],
            community=communities[slug],
            title=title,
            kind=kind,
            summary=summary,
            tags=tags,
            visibility=visibility,
            members_can_edit=kind == "document",
            **_content(kind, content),
        )
        for who, note, later in versions:
            services.add_asset_version(
                author=users[who], asset=asset, change_note=note, **_content(kind, later)
            )
        new_ids.append(asset.pk)
    return new_ids


def _living_documents(users, communities) -> list[int]:
    """Documentation-project threads that became living documents."""
    new_ids: list[int] = []
    for slug, thread_title, who, title, versions in LIVING_FROM_THREADS:
        thread = communities[slug].threads.filter(title=thread_title).first()
        if thread is None or Citation.objects.filter(thread=thread, is_origin=True).exists():
            continue
        asset = services.start_living_document(user=users[who], thread=thread, title=title)
        for author, note, body in versions:
            services.add_asset_version(
                author=users[author], asset=asset, change_note=note, body=body
            )
        new_ids.append(asset.pk)
    return new_ids


def _reuse(users, communities, find) -> list[int]:
    """Citations, adaptations into other communities, "I used this" and downloads."""
    new_ids: list[int] = []
    for slug, thread_title, asset_title, who in CITATIONS:
        thread = communities[slug].threads.filter(title=thread_title).first()
        asset = find(slug, asset_title)
        if thread is not None and asset is not None:
            services.cite_asset(user=users[who], thread=thread, asset=asset)
    for who, source_slug, source_title, target_slug, new_title, story in ADAPTATIONS:
        source = find(source_slug, source_title)
        if source is None or find(target_slug, new_title) is not None:
            continue
        adaptation = services.adapt_asset(
            user=users[who],
            asset=source,
            community=communities[target_slug],
            title=new_title,
            story=story,
        )
        new_ids.append(adaptation.pk)
    for who, slug, title, story in USES:
        asset = find(slug, title)
        if asset and not Reuse.objects.filter(asset=asset, user=users[who], kind="used").exists():
            services.report_use(user=users[who], asset=asset, story=story)
    for who, slug, title in DOWNLOADS:
        asset = find(slug, title)
        if asset is not None:
            services.record_download(user=users[who], asset=asset)
    return new_ids


def _spread_over_past_weeks(ids: list[int]) -> None:
    """Date the new demo assets over the last weeks, oldest first, so it looks lived-in."""
    now = timezone.now()
    assets = list(Asset.objects.filter(pk__in=ids).order_by("id"))
    for order, asset in enumerate(assets):
        start = now - timedelta(days=3 * (len(assets) - order) + 2)
        Asset.objects.filter(pk=asset.pk).update(created_at=start)
        ledger = Activity.objects.filter(target_type=Target.ASSET, target_id=asset.pk)
        ledger.filter(verb=Activity.Verb.ASSET_PUBLISHED).update(created_at=start)
        for version in asset.versions.filter(number__gt=1):
            at = start + timedelta(days=version.number - 1)
            AssetVersion.objects.filter(pk=version.pk).update(created_at=at)
            ledger.filter(verb=Activity.Verb.ASSET_VERSIONED).update(created_at=at)
        AssetVersion.objects.filter(asset=asset, number=1).update(created_at=start)
        later = start + timedelta(days=2)
        Reuse.objects.filter(asset=asset).update(created_at=later)
        ledger.exclude(
            verb__in=[Activity.Verb.ASSET_PUBLISHED, Activity.Verb.ASSET_VERSIONED]
        ).update(created_at=later)
