"""Uploaded images are re-encoded with no metadata at all: EXIF, XMP, comments, text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from accounts.services import update_profile
from assets.uploads import check_upload
from tests.factories import UserFactory

SECRET = b"SECRET-51.5007N-0.1246W"


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()  # ImageDescription
    return exif.tobytes()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, format="JPEG", comment=SECRET, exif=_exif())
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "green", "blue")]
    frames[0].save(
        out, format="GIF", save_all=True, append_images=frames[1:], comment=SECRET, duration=80
    )
    return out.getvalue()


def png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET.decode())
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, format="PNG", pnginfo=info, exif=_exif())
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").save(out, format="WEBP", exif=_exif(), xmp=SECRET)
    return out.getvalue()


MAKERS = {"photo.jpg": jpeg, "loop.gif": gif, "chart.png": png, "pic.webp": webp}


@pytest.mark.parametrize("name", MAKERS)
def test_the_library_keeps_pixels_and_drops_every_comment(name):
    original = MAKERS[name]()
    assert SECRET in original  # the file we send really carries it

    checked = check_upload(SimpleUploadedFile(name, original))

    data = checked.content.read()
    assert SECRET not in data
    with Image.open(io.BytesIO(data)) as image:
        assert "comment" not in image.info and "exif" not in image.info
        assert not image.getexif()
        if name.endswith(".gif"):
            assert image.n_frames == 3


@pytest.mark.django_db
@pytest.mark.parametrize("name", MAKERS)
def test_avatars_drop_every_comment(name):
    person = UserFactory()
    update_profile(
        user=person,
        display_name="Pat",
        practice="",
        bio="",
        timezone="UTC",
        avatar=SimpleUploadedFile(name, MAKERS[name]()),
    )
    person.avatar.open("rb")
    assert SECRET not in person.avatar.read()
