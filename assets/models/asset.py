import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from core.vocabulary import BehaviourCode

TITLE_MAX = 160
SUMMARY_MAX = 5_000
BODY_MAX = 100_000
URL_MAX = 500


def asset_storage():
    """Asset files live in their own storage alias, never under the public media URL."""
    return storages["assets"] if "assets" in settings.STORAGES else storages["default"]


def random_storage_name(instance, filename: str) -> str:
    # The person's filename is only shown, never used as a path: a random name with the
    # extension of the type the content was found to be.
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"assets/{uuid.uuid4().hex}{suffix}"


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA)")
    CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC)")
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", _("Creative Commons BY-NC-SA 4.0")
    CC0 = "cc0-1.0", _("Public domain dedication (CC0)")
    COMMUNITY = "community-only", _("All rights reserved: shared for use within the community")


class Asset(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")
        DOCUMENT = "document", _("Living document")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Community members only")
        PUBLIC = "public", _("Public (when the community is public)")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="assets"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="assets"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    summary_html = models.TextField(editable=False, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # A behaviours-table code (discussions.Behaviour): one of the nine or an extra the
    # community has switched on. Not fixed choices: the services check it against the
    # community's behaviours, and pages name it from the table.
    behaviour = models.CharField(
        _("behaviour it serves"), max_length=40, default=BehaviourCode.REUSING_ASSETS
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    visibility = models.CharField(
        _("who can see it"), max_length=16, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # Living documents only: any member may write the next version, not just the author.
    members_can_edit = models.BooleanField(_("any member may edit"), default=False)
    tags = TaggableManager(_("tags"), blank=True)
    adapted_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="adaptations"
    )
    latest_version = models.ForeignKey(
        "assets.AssetVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Denormalised so the library sorts by reuse without counting rows.
    download_count = models.PositiveIntegerField(default=0)
    adaptation_count = models.PositiveIntegerField(default=0)
    use_count = models.PositiveIntegerField(default=0)
    reuse_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["community", "-created_at"], name="asset_library_newest"),
            models.Index(fields=["community", "-reuse_count"], name="asset_library_reused"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["file", "link", "document"]), name="asset_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assets:detail", kwargs={"slug": self.community.slug, "asset_id": self.pk})

    @property
    def members_only(self) -> bool:
        """Duck-typed for the permissions policy, like a thread's flag."""
        return self.visibility != self.Visibility.PUBLIC or not self.community.is_public

    @property
    def is_document(self) -> bool:
        return self.kind == self.Kind.DOCUMENT


class AssetVersion(models.Model):
    """One version: the file, URL or Markdown body as it was, and who made it, when and why."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(
        storage=asset_storage, upload_to=random_storage_name, max_length=200, blank=True
    )
    url = models.URLField(_("address"), max_length=URL_MAX, blank=True)
    body = models.TextField(_("text"), max_length=BODY_MAX, blank=True)
    filename = models.CharField(_("file name"), max_length=150, blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "number"], name="asset_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.asset} v{self.number}"

    def get_download_url(self) -> str:
        return reverse(
            "assets:download",
            kwargs={
                "slug": self.asset.community.slug,
                "asset_id": self.asset_id,
                "number": self.number,
            },
        )
