"""Upload safety: each rule of the library's uploads has its own test."""

import hashlib
import io
import socket
import zipfile
import zlib

import pytest
from django.conf import settings
from django.core.files.storage import storages
from PIL import Image

from assets import services
from assets.models import Asset, AssetVersion
from assets.uploads import MAX_FRAMES, PDF, TEXT, check_link, clean_filename, sniff
from core.errors import ActionError
from tests.assets.conftest import PDF_BYTES, docx, jpeg_with_exif, pdf, png, publish_file, upload

pytestmark = pytest.mark.django_db


def _refused(author, community, file, **kwargs) -> ActionError:
    with pytest.raises(ActionError) as caught:
        publish_file(author, community, upload=file, **kwargs)
    assert caught.value.field == "file"
    assert not Asset.objects.exists() and not AssetVersion.objects.exists()
    return caught.value


def test_the_default_size_limit_is_25_megabytes():
    assert settings.ASSET_MAX_UPLOAD_BYTES == 25 * 1024 * 1024


def test_an_oversized_file_is_refused_with_the_limit_in_the_message(author, community, settings):
    settings.ASSET_MAX_UPLOAD_BYTES = 100
    error = _refused(author, community, pdf(data=PDF_BYTES + b"x" * 200))
    assert "100" in error.message and "limit" in error.message


def test_an_empty_file_is_refused(author, community):
    error = _refused(author, community, upload("plan.pdf", b""))
    assert "empty" in error.message


@pytest.mark.parametrize(
    "name, data",
    [
        ("plan.pdf", b"<?php system($_GET['c']); ?>"),
        ("plan.pdf", b"<html><script>alert(1)</script></html>"),
        ("plan.pdf", b"<!DOCTYPE html><p>hello</p>"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("notes.txt", b"<?xml version='1.0'?><svg/>"),
        ("tool.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
        ("shell.pdf", b"\x7fELF\x02\x01\x01\x00"),
    ],
)
def test_disguised_and_unknown_types_are_refused_by_their_content(author, community, name, data):
    error = _refused(author, community, upload(name, data, "application/pdf"))
    assert "cannot be shared" in error.message


def test_a_text_file_named_pdf_is_refused_as_a_mismatch(author, community):
    error = _refused(author, community, upload("plan.pdf", b"Just some notes"))
    assert "PDF" in error.message


def test_a_zip_named_pdf_is_refused(author, community):
    error = _refused(author, community, upload("plan.pdf", docx()))
    assert "Word document" in error.message


def test_types_come_from_magic_bytes_not_names():
    assert sniff(upload("anything.bin", PDF_BYTES)) == PDF
    assert sniff(upload("report", docx())).extension == ".docx"
    assert sniff(upload("x.pdf", b"plain words"), ".txt") == TEXT
    assert sniff(upload("x.txt", b"\x00\x01\x02binary")) is None


def test_a_good_pdf_keeps_size_type_and_checksum(author, community):
    asset = publish_file(author, community)
    version = asset.latest_version
    assert version.content_type == "application/pdf"
    assert version.size == len(PDF_BYTES)
    assert version.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    with version.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_storage_names_are_random_and_never_the_persons_filename(author, community):
    first = publish_file(author, community, title="One", upload=pdf("../../etc/passwd.pdf"))
    second = publish_file(author, community, title="Two", upload=pdf("../../etc/passwd.pdf"))
    names = [first.latest_version.file.name, second.latest_version.file.name]
    assert names[0] != names[1]
    for name in names:
        assert name.startswith("assets/") and name.endswith(".pdf")
        assert "passwd" not in name and ".." not in name
    assert first.latest_version.filename == "passwd.pdf"


@pytest.mark.parametrize(
    "given, shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("lesson\x00\r\n\x1b[31mplan.pdf", "lesson[31mplan.pdf"),
        ("report\u202egpj.pdf", "reportgpj.pdf"),
        ('bad";name<>.pdf', "badname.pdf"),
        ("...pdf", "pdf.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("", "file.pdf"),
        ("notes.php", "notes.php.pdf"),
        ("a" * 300 + ".pdf", "a" * 100 + ".pdf"),
    ],
)
def test_display_filenames_are_sanitised(given, shown):
    assert clean_filename(given, PDF) == shown


def test_files_go_through_the_assets_storage_alias(asset):
    assert asset.latest_version.file.storage is storages["assets"]
    assert "assets" in settings.STORAGES


def test_images_are_re_encoded_without_exif(author, community):
    original = jpeg_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()
    asset = publish_file(author, community, upload=upload("holiday.jpg", original, "image/jpeg"))
    version = asset.latest_version
    with version.file.open("rb") as stored:
        data = stored.read()
    assert data != original
    assert b"SecretCam" not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.size == len(data)
    assert version.content_type == "image/jpeg"


def test_an_image_over_the_pixel_limit_is_refused(author, community, settings):
    settings.ASSET_IMAGE_MAX_PIXELS = 100
    error = _refused(author, community, upload("big.png", png((20, 20)), "image/png"))
    assert "too large" in error.message


def test_a_decompression_bomb_is_refused(author, community):
    # A PNG header claiming 100,000 by 100,000 pixels: refused before any pixel is decoded.
    small = png((1, 1))
    ihdr = (100_000).to_bytes(4, "big") * 2 + small[24:29]
    crc = zlib.crc32(b"IHDR" + ihdr).to_bytes(4, "big")
    bomb = small[:16] + ihdr + crc + small[33:]
    error = _refused(author, community, upload("bomb.png", bomb, "image/png"))
    assert "too large" in error.message


def test_a_zip_bomb_in_the_mimetype_entry_is_refused_without_unpacking(author, community):
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("mimetype", b"\0" * (5 << 20))  # 5 MB of zeros, a few KB packed
    error = _refused(author, community, upload("report.odt", packed.getvalue()))
    assert "mimetype" in error.message


def test_an_animation_with_too_many_frames_is_refused(author, community):
    # Grey levels that differ from frame to frame, so the encoder keeps every frame.
    frames = [Image.new("L", (2, 2), (i % 2) * 255) for i in range(MAX_FRAMES + 1)]
    data = io.BytesIO()
    frames[0].save(data, "GIF", save_all=True, append_images=frames[1:])
    error = _refused(author, community, upload("dance.gif", data.getvalue(), "image/gif"))
    assert f"the limit is {MAX_FRAMES}" in error.message


def test_an_animation_over_the_pixel_limit_in_all_is_refused(author, community, settings):
    # Each 10x10 frame is under the limit; the three together are not.
    settings.ASSET_IMAGE_MAX_PIXELS = 250
    frames = [Image.new("L", (10, 10), i * 40) for i in range(3)]
    data = io.BytesIO()
    frames[0].save(data, "GIF", save_all=True, append_images=frames[1:])
    error = _refused(author, community, upload("dance.gif", data.getvalue(), "image/gif"))
    assert "too large" in error.message


def test_a_damaged_image_is_refused(author, community):
    error = _refused(author, community, upload("broken.png", b"\x89PNG\r\n\x1a\nrubbish"))
    assert "damaged" in error.message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/plan.pdf",
        "file:///etc/passwd",
        "//example.org/x",
        "not a link",
    ],
)
def test_links_must_be_http_or_https(author, community, url):
    with pytest.raises(ActionError) as caught:
        services.publish_asset(author=author, community=community, title="L", kind="link", url=url)
    assert caught.value.field == "url"
    assert not Asset.objects.exists()


def test_links_are_never_fetched(author, community, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the server tried to fetch the link")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    asset = services.publish_asset(
        author=author,
        community=community,
        title="Guide",
        kind="link",
        url="https://example.org/guide",
    )
    assert asset.latest_version.url == "https://example.org/guide"
    assert check_link(" http://example.org ") == "http://example.org"


def test_asset_files_are_stored_outside_the_public_media_folder():
    from copsite.settings import base

    location = base.STORAGES["assets"]["OPTIONS"]["location"]
    assert base.MEDIA_ROOT not in location.parents and location != base.MEDIA_ROOT
