import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from assets import services
from assets.models import Asset
from tests.factories import add_member

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def pdf(name: str = "lesson-plan.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_exif(size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0131] = "Location 51.5N 0.1W"  # Software: stands in for any tag worth stripping
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size=(20, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def publish_file(author, community, title="Year 9 lesson plan", **kwargs) -> Asset:
    kwargs.setdefault("upload", pdf())
    return services.publish_asset(
        author=author, community=community, title=title, kind="file", **kwargs
    )


def publish_document(author, community, title="How we run peer observation", **kwargs) -> Asset:
    kwargs.setdefault("body", "# Before\n\nAgree one focus.\n")
    return services.publish_asset(
        author=author, community=community, title=title, kind="document", **kwargs
    )


@pytest.fixture
def author(community):
    return add_member(community).user


@pytest.fixture
def asset(author, community):
    return publish_file(author, community, visibility="public")


@pytest.fixture
def other_community(make_community):
    other, _gardener = make_community(name="Science teachers")
    return other
