import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from accounts.models import User
from accounts.names import validate_display_name
from core.errors import ActionError

AVATAR_SIZE = 256
MAX_AVATAR_PIXELS = 40_000_000  # refuse decompression bombs before decoding them
PROFILE_FIELDS = ("display_name", "practice", "bio", "timezone")


def _reencode_avatar(upload: UploadedFile) -> ContentFile:
    """Decode, shrink and re-encode: strips EXIF and anything hidden in the file."""
    if upload.size > settings.AVATAR_MAX_BYTES:
        raise ActionError(_("The avatar is too large; use an image under 2 MB."), field="avatar")
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_AVATAR_PIXELS:
                raise ActionError(_("The image has too many pixels."), field="avatar")
            if image.format not in {"JPEG", "PNG", "GIF", "WEBP"}:
                raise ActionError(_("Use a JPEG, PNG, GIF or WebP image."), field="avatar")
            image = image.convert("RGB")
            image.info.clear()  # comments, EXIF, ICC and text chunks are not written again
            image.thumbnail((AVATAR_SIZE, AVATAR_SIZE))
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ActionError(_("This file is not an image we can read."), field="avatar") from exc
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.png")


def update_profile(
    *,
    user: User,
    display_name: str,
    practice: str,
    bio: str,
    timezone: str,
    avatar: UploadedFile | None = None,
    remove_avatar: bool = False,
) -> User:
    try:
        validate_display_name(display_name)
    except ValidationError as error:
        raise ActionError(error.messages[0], field="display_name") from error
    new_avatar = _reencode_avatar(avatar) if avatar else None
    old_avatar_name = user.avatar.name if user.avatar else ""
    with transaction.atomic():
        user.display_name = display_name.strip()
        user.practice = practice.strip()
        user.bio = bio.strip()
        user.timezone = timezone
        if new_avatar is not None:
            user.avatar.save(new_avatar.name, new_avatar, save=False)
        elif remove_avatar:
            user.avatar = ""
        user.save()
    if old_avatar_name and (new_avatar is not None or remove_avatar):
        user.avatar.storage.delete(old_avatar_name)
    return user
