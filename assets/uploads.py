"""Upload safety: what a file *is* comes from its bytes, never from its name.

Every check raises ActionError with a sentence the person can act on. Nothing here trusts
the browser's filename or content type; the filename is only ever shown back, cleaned.
"""

import hashlib
import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from assets.models.asset import URL_MAX
from core.errors import ActionError
from core.links import checked_link


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PDF = FileType("application/pdf", ".pdf", "PDF")
PNG = FileType("image/png", ".png", "PNG image")
JPEG = FileType("image/jpeg", ".jpg", "JPEG image")
GIF = FileType("image/gif", ".gif", "GIF image")
WEBP = FileType("image/webp", ".webp", "WebP image")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "Word document",
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "spreadsheet"
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
    "presentation",
)
ODT = FileType("application/vnd.oasis.opendocument.text", ".odt", "OpenDocument text")
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", ".ods", "OpenDocument sheet")
ODP = FileType("application/vnd.oasis.opendocument.presentation", ".odp", "OpenDocument slides")
ZIP = FileType("application/zip", ".zip", "ZIP archive")
TEXT = FileType("text/plain", ".txt", "text file")
MARKDOWN = FileType("text/markdown", ".md", "Markdown text")
CSV = FileType("text/csv", ".csv", "CSV table")

IMAGES = {PNG, JPEG, GIF, WEBP}
TEXTS = {TEXT, MARKDOWN, CSV}
# What a name's extension promises; a file whose bytes say otherwise is refused.
BY_EXTENSION = {
    t.extension: t
    for t in (PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, ZIP, TEXT, MARKDOWN, CSV)
} | {".jpeg": JPEG, ".markdown": MARKDOWN}
# Served inline by the download view; everything else is an attachment.
INLINE_SAFE = {PNG.content_type, JPEG.content_type, GIF.content_type, WEBP.content_type}

# Text that a browser or server would run rather than show: never accepted as "text".
ACTIVE_MARKERS = re.compile(
    rb"<\?php|<\?=|<script|<html|<!doctype|<svg|<iframe|<body|<\?xml|<object|<embed",
    re.IGNORECASE,
)
SNIFF_BYTES = 8192
MIMETYPE_MAX_BYTES = 1024
# Animated images are decoded frame by frame: bound the frames as well as the pixels.
MAX_FRAMES = 100


def _zip_type(upload) -> FileType | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                # A few bytes are enough; a huge entry is a zip bomb, not an OpenDocument.
                if archive.getinfo("mimetype").file_size > MIMETYPE_MAX_BYTES:
                    raise ActionError(
                        _(
                            "This archive holds an oversized “mimetype” entry; "
                            "it cannot be checked safely."
                        ),
                        field="file",
                    )
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).decode("ascii", "replace").strip()
                return {t.content_type: t for t in (ODT, ODS, ODP)}.get(mimetype, ZIP)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(name.startswith(prefix) for name in names):
                return kind
    return ZIP


def _text_type(head: bytes, extension: str) -> FileType | None:
    if b"\x00" in head or ACTIVE_MARKERS.search(head):
        return None
    try:
        # The sniffed block may cut a multi-byte character in two: ignore a ragged end only.
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:
            return None
    return {".md": MARKDOWN, ".markdown": MARKDOWN, ".csv": CSV}.get(extension, TEXT)


def sniff(upload, extension: str = "") -> FileType | None:
    """The allowed type these bytes are, or None. Magic bytes first, then plain text."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(upload)
    return _text_type(head, extension)


_UNSAFE_IN_NAMES = re.compile(r'[<>:"|?*;]')


def clean_filename(name: str, file_type: FileType) -> str:
    """A name fit to show and offer on download; never a storage path.

    Drops any folder part (``../../etc/passwd`` → ``passwd``), control and format characters,
    characters that mean something to shells or other systems, and leading dots; keeps
    the real type's extension.
    """
    name = unicodedata.normalize("NFKC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    name = _UNSAFE_IN_NAMES.sub("", name)
    name = " ".join(name.split()).strip(" .")
    path = PurePosixPath(name or "file")
    stem = path.stem if path.suffix.lower() in BY_EXTENSION else path.name
    stem = stem.strip(" .")[:100] or "file"
    extension = path.suffix.lower() if BY_EXTENSION.get(path.suffix.lower()) == file_type else ""
    return f"{stem}{extension or file_type.extension}"


@dataclass
class CheckedFile:
    content: File
    filename: str
    content_type: str
    size: int
    sha256: str


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


# What an image needs to look the same; every other entry (comments, EXIF, XMP, ICC,
# text chunks) is metadata the encoder would otherwise write out again.
RENDERING_INFO = frozenset({"duration", "loop", "transparency", "background", "disposal"})


def _forget_metadata(image: Image.Image) -> None:
    for key in set(image.info) - RENDERING_INFO:
        del image.info[key]


def _reencode_image(upload, file_type: FileType) -> bytes:
    """Decode and save the pixels again: EXIF (location, camera) and anything hidden go."""
    limit = settings.ASSET_IMAGE_MAX_PIXELS
    refused = ActionError(
        _("This image is too large to open safely (at most %(n)s megapixels).")
        % {"n": limit // 1_000_000 or 1},
        field="file",
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                frames = getattr(image, "n_frames", 1)
                if frames > MAX_FRAMES:
                    raise ActionError(
                        _("This animation has %(count)s frames; the limit is %(limit)s.")
                        % {"count": frames, "limit": MAX_FRAMES},
                        field="file",
                    )
                if frames * image.width * image.height > limit:
                    raise refused
                image.load()
                _forget_metadata(image)
                out = io.BytesIO()
                fmt = image.format or "PNG"
                if fmt == "GIF":
                    image.save(out, format="GIF", save_all=True)
                elif fmt == "JPEG":
                    image.save(out, format="JPEG", quality=90)
                else:
                    image.save(out, format=fmt)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise refused from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ActionError(
            _("This %(type)s could not be read; it may be damaged.") % {"type": file_type.label},
            field="file",
        ) from error
    return out.getvalue()


def check_upload(upload) -> CheckedFile:
    """Size, emptiness, real type, clean name, re-encoded images, and a checksum."""
    if upload is None:
        raise ActionError(_("Choose a file to upload."), field="file")
    limit = settings.ASSET_MAX_UPLOAD_BYTES
    if upload.size == 0:
        raise ActionError(_("This file is empty (0 bytes). Choose another."), field="file")
    if upload.size > limit:
        raise ActionError(
            _("This file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            field="file",
        )
    extension = PurePosixPath(upload.name or "").suffix.lower()
    file_type = sniff(upload, extension)
    if file_type is None:
        raise ActionError(
            _(
                "This kind of file cannot be shared here. Accepted: PDF, images (PNG, JPEG, "
                "GIF, WebP), Word, Excel, PowerPoint, OpenDocument, ZIP and plain text."
            ),
            field="file",
        )
    promised = BY_EXTENSION.get(extension)
    if (
        promised is not None
        and promised != file_type
        and not (promised in TEXTS and file_type in TEXTS)
    ):
        raise ActionError(
            _("The file is named as a %(named)s but its content is a %(real)s. Check the file.")
            % {"named": promised.label, "real": file_type.label},
            field="file",
        )
    filename = clean_filename(upload.name, file_type)
    if file_type in IMAGES:
        data = _reencode_image(upload, file_type)
        return CheckedFile(
            content=ContentFile(data, name=f"x{file_type.extension}"),
            filename=filename,
            content_type=file_type.content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )
    return CheckedFile(
        content=File(upload, name=f"x{file_type.extension}"),
        filename=filename,
        content_type=file_type.content_type,
        size=upload.size,
        sha256=_sha256(upload),
    )


def check_link(url: str) -> str:
    """http and https only; the server never fetches it (no requests to inner networks)."""
    url = checked_link(url, field="url", max_length=URL_MAX)
    if not url:
        raise ActionError(_("Give the link's address."), field="url")
    return url
