"""Library pages, downloads and the bad input they get, through the test client."""

import pytest
from django.urls import reverse

from assets import services
from assets.models import Asset, AssetVersion, Reuse
from tests.assets.conftest import PDF_BYTES, pdf, png, publish_document, publish_file, upload
from tests.factories import ThreadFactory, add_member

pytestmark = pytest.mark.django_db


def _url(name, asset, **kwargs):
    return reverse(
        f"assets:{name}", kwargs={"slug": asset.community.slug, "asset_id": asset.pk, **kwargs}
    )


def _library(community):
    return reverse("assets:library", kwargs={"slug": community.slug})


def _new(community):
    return reverse("assets:new", kwargs={"slug": community.slug})


def _form(**fields):
    data = {
        "kind": "file",
        "title": "Persuasive writing lesson plan",
        "summary": "A **two-lesson** plan.",
        "tags": "lesson plan, year 9",
        "behaviour": "",
        "licence": "cc-by-4.0",
        "visibility": "public",
    }
    data.update(fields)
    return data


def test_a_member_publishes_a_file_through_the_form(client, author, community):
    client.force_login(author)
    response = client.post(_new(community), _form(file=pdf("Plan v1.pdf")))
    asset = Asset.objects.get()
    assert response.status_code == 302 and response.url == asset.get_absolute_url()
    assert asset.latest_version.filename == "Plan v1.pdf"
    page = client.get(asset.get_absolute_url())
    assert "It is in the library" in page.content.decode()
    assert "<strong>two-lesson</strong>" in page.content.decode()


def test_the_form_shows_without_javascript(client, author, community):
    client.force_login(author)
    page = client.get(_new(community)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page and 'name="url"' in page and 'name="body"' in page


@pytest.mark.parametrize(
    "file, words",
    [
        (lambda: upload("evil.pdf", b"<?php echo 1; ?>"), "cannot be shared"),
        (lambda: upload("page.pdf", b"<html><body>hi</body></html>"), "cannot be shared"),
        (lambda: upload("empty.pdf", b""), "empty"),
    ],
)
def test_bad_files_get_a_400_with_the_reason_and_the_form_kept(
    client, author, community, file, words
):
    client.force_login(author)
    response = client.post(_new(community), _form(file=file()))
    assert response.status_code == 400
    body = response.content.decode()
    assert words in body
    assert "Persuasive writing lesson plan" in body  # what was typed is kept
    assert not Asset.objects.exists()


def test_an_oversized_file_gets_a_400(client, author, community, settings):
    settings.ASSET_MAX_UPLOAD_BYTES = 50
    client.force_login(author)
    response = client.post(_new(community), _form(file=pdf(data=PDF_BYTES * 3)))
    assert response.status_code == 400
    assert "the limit is 50" in response.content.decode()


def test_a_javascript_link_gets_a_400(client, author, community):
    client.force_login(author)
    response = client.post(_new(community), _form(kind="link", url="javascript:alert(1)"))
    assert response.status_code == 400
    assert "http:// or https://" in response.content.decode()
    assert not Asset.objects.exists()


def test_a_double_submit_creates_one_asset(client, author, community):
    client.force_login(author)
    client.post(_new(community), _form(file=pdf()))
    client.post(_new(community), _form(file=pdf()))
    assert Asset.objects.count() == 1


def test_outsiders_are_refused_the_form(client, outsider, community):
    client.force_login(outsider)
    response = client.get(_new(community))
    assert response.status_code == 403
    assert "Join the community to share in its library." in response.content.decode()


def test_library_filters_by_kind_tag_and_behaviour_and_sorts_by_reuse(client, author, community):
    plan = publish_file(author, community, title="Plan", tags=["maths"], visibility="public")
    guide = services.publish_asset(
        author=author,
        community=community,
        title="Guide",
        kind="link",
        url="https://example.org",
        visibility="public",
    )
    doc = publish_document(author, community, title="Howto", visibility="public")
    for _ in range(2):
        services.record_download(user=add_member(community).user, asset=plan)
    lib = _library(community)
    assert [a.title for a in client.get(lib + "?kind=link").context["page"]] == ["Guide"]
    assert [a.title for a in client.get(lib + "?tag=maths").context["page"]] == ["Plan"]
    got = client.get(lib + "?behaviour=documentation-projects").context["page"]
    assert [a.title for a in got] == ["Howto"]
    assert next(a.title for a in client.get(lib + "?sort=reused").context["page"]) == "Plan"
    assert [a.title for a in client.get(lib).context["page"]] == ["Howto", "Guide", "Plan"]
    assert client.get(lib + "?kind=<script>&sort=x&page=zz").status_code == 200
    assert guide and doc


def test_members_only_assets_are_hidden_from_outsiders_in_the_library(client, author, community):
    publish_file(author, community, title="Members plan", visibility="members")
    publish_file(author, community, title="Public plan", visibility="public")
    titles = [a.title for a in client.get(_library(community)).context["page"]]
    assert titles == ["Public plan"]


def test_private_assets_answer_404_to_outsiders_everywhere(client, make_community, outsider):
    private, gardener = make_community(visibility="private")
    asset = publish_file(gardener, private)
    open_one, _ = make_community(creator=outsider)
    client.force_login(outsider)
    for url in (
        _url("detail", asset),
        _url("download", asset, number=1),
        _url("adapt", asset),
        _url("version", asset),
        _url("diff", asset),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(_url("adapt", asset), {"community": open_one.pk, "title": "x"}).status_code
        == 404
    )
    assert client.post(_url("used", asset), {"story": "x"}).status_code == 404
    assert not Reuse.objects.exists()


def test_members_only_asset_downloads_answer_404_to_anonymous_visitors(client, author, community):
    asset = publish_file(author, community, visibility="members")
    assert client.get(_url("download", asset, number=1)).status_code == 404
    assert client.get(_url("detail", asset)).status_code == 404


def test_a_pdf_downloads_as_an_attachment_with_nosniff(client, author, community, asset):
    reader = add_member(community).user
    client.force_login(reader)
    response = client.get(_url("download", asset, number=1))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="lesson-plan.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF_BYTES
    asset.refresh_from_db()
    assert asset.download_count == 1


def test_an_image_is_shown_inline_but_still_nosniff(client, author, community):
    image = publish_file(author, community, upload=upload("p.png", png()), visibility="public")
    response = client.get(_url("download", image, number=1))
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_asset_files_have_no_public_media_url(client, author, community, asset):
    name = asset.latest_version.file.name
    assert client.get(f"/media/{name}").status_code == 404


def test_older_versions_stay_downloadable(client, author, asset):
    services.add_asset_version(
        author=author, asset=asset, change_note="New", upload=pdf(data=PDF_BYTES + b"%v2\n")
    )
    first = client.get(_url("download", asset, number=1))
    assert b"".join(first.streaming_content) == PDF_BYTES
    assert client.get(_url("download", asset, number=9)).status_code == 404


def test_a_link_download_redirects_without_fetching(client, author, community):
    link = services.publish_asset(
        author=author,
        community=community,
        title="Guide",
        kind="link",
        url="https://example.org/guide",
        visibility="public",
    )
    response = client.get(_url("download", link, number=1))
    assert response.status_code == 302 and response.url == "https://example.org/guide"


def test_a_living_document_downloads_as_markdown(client, author, community):
    doc = publish_document(author, community, visibility="public")
    response = client.get(_url("download", doc, number=1))
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="how-we-run-peer-observation-v1.md"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_asset_page_shows_versions_lineage_reusers_and_citing_threads(
    client, author, community, asset, other_community
):
    services.add_asset_version(
        author=author, asset=asset, change_note="Worksheet added", upload=pdf()
    )
    adapter = add_member(other_community).user
    adaptation = services.adapt_asset(user=adapter, asset=asset, community=other_community)
    services.report_use(user=adapter, asset=asset, story="Saved me an evening.")
    thread = ThreadFactory(community=community, behaviour_codes=["reusing-assets"])
    services.cite_asset(user=thread.author, thread=thread, asset=asset)
    page = client.get(asset.get_absolute_url()).content.decode()
    assert "Worksheet added" in page and "First version" in page
    assert adaptation.title in page and other_community.name in page
    assert "Saved me an evening." in page
    assert thread.title in page
    assert "Reused 2 times" in page
    back = client.get(adaptation.get_absolute_url()).content.decode()
    assert "Adapted from" in back and asset.title in back


def test_someone_elses_version_form_is_refused(client, community, asset):
    other = add_member(community).user
    client.force_login(other)
    response = client.post(_url("version", asset), {"change_note": "x", "file": pdf()})
    assert response.status_code == 403
    assert asset.versions.count() == 1


def test_a_member_adapts_through_the_form(client, asset, other_community):
    adapter = add_member(other_community).user
    client.force_login(adapter)
    form = client.get(_url("adapt", asset))
    assert other_community.name in form.content.decode()
    response = client.post(
        _url("adapt", asset), {"community": other_community.pk, "title": "Science version"}
    )
    adaptation = Asset.objects.get(title="Science version")
    assert response.url == adaptation.get_absolute_url()


def test_adapting_into_a_community_you_do_not_belong_to_via_the_form(
    client, asset, other_community, community
):
    member = add_member(community).user
    client.force_login(member)
    response = client.post(_url("adapt", asset), {"community": other_community.pk, "title": "x"})
    assert response.status_code == 400
    assert Asset.objects.count() == 1


def test_i_used_this_through_the_form(client, community, asset):
    reader = add_member(community).user
    client.force_login(reader)
    response = client.post(_url("used", asset), {"story": "Worked first time."})
    assert response.status_code == 302
    assert Reuse.objects.get(kind="used").story == "Worked first time."


def test_the_diff_between_two_versions_is_escaped(client, author, community):
    doc = publish_document(
        author, community, visibility="public", body="Step one\nStep two\n", members_can_edit=True
    )
    services.add_asset_version(
        author=author, asset=doc, change_note="x", body="Step one\n<script>alert(1)</script>\n"
    )
    response = client.get(_url("diff", doc) + "?from=1&to=2")
    page = response.content.decode()
    assert "<del>-Step two</del>" in page
    assert "<ins>+&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page
    assert "<script>alert(1)" not in page
    assert client.get(_url("diff", doc) + "?from=7&to=abc").status_code == 200


def test_the_diff_is_only_for_living_documents(client, asset):
    assert client.get(_url("diff", asset)).status_code == 404


def test_a_living_document_is_edited_in_place(client, author, community):
    doc = publish_document(author, community, visibility="public")
    client.force_login(author)
    form = client.get(_url("version", doc)).content.decode()
    assert "Agree one focus." in form and 'type="file"' not in form
    client.post(_url("version", doc), {"change_note": "Second focus", "body": "# Before\n\nTwo."})
    assert AssetVersion.objects.filter(asset=doc).count() == 2


def test_the_progress_bar_script_gets_the_address_instead_of_a_redirect(client, author, community):
    client.force_login(author)
    response = client.post(_new(community), _form(file=pdf()), HTTP_X_UPLOAD_PROGRESS="1")
    assert response.status_code == 200
    assert response.json() == {"location": Asset.objects.get().get_absolute_url()}


@pytest.mark.parametrize(
    "name", ["../../../etc/lesson.pdf", "..\\..\\lesson.pdf", "les\x1b[2Json\r.pdf", "les\tson.pdf"]
)
def test_hostile_filenames_through_the_form_are_cleaned(client, author, community, name):
    client.force_login(author)
    response = client.post(_new(community), _form(file=pdf(name)))
    assert response.status_code == 302
    version = Asset.objects.get().latest_version
    assert "/" not in version.filename and "\\" not in version.filename
    assert all(ch.isprintable() for ch in version.filename)
    assert version.filename.endswith(".pdf") and version.file.name.startswith("assets/")
    download = client.get(version.get_download_url())
    assert (
        "\r" not in download["Content-Disposition"] and "\n" not in download["Content-Disposition"]
    )
