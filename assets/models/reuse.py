from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

STORY_MAX = 1_000


class Reuse(models.Model):
    """Someone took an asset into their practice: downloaded, adapted or used it."""

    class Kind(models.TextChoices):
        DOWNLOADED = "downloaded", _("downloaded")
        ADAPTED = "adapted", _("adapted")
        USED = "used", _("used")

    asset = models.ForeignKey("assets.Asset", on_delete=models.CASCADE, related_name="reuses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asset_reuses"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # A value story: what it changed for the person (optional).
    story = models.TextField(_("what it changed for you"), max_length=STORY_MAX, blank=True)
    adaptation = models.ForeignKey(
        "assets.Asset", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Downloads count once per member, whatever the number of clicks.
            models.UniqueConstraint(
                fields=["asset", "user"],
                condition=models.Q(kind="downloaded"),
                name="one_download_count_per_member",
            )
        ]
        indexes = [models.Index(fields=["asset", "-created_at"], name="reuse_by_asset")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.asset}"


class Citation(models.Model):
    """The one narrow link between discussions and assets: a thread cites an asset."""

    thread = models.ForeignKey(
        "discussions.Thread", on_delete=models.CASCADE, related_name="asset_citations"
    )
    asset = models.ForeignKey("assets.Asset", on_delete=models.CASCADE, related_name="citations")
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # True when the asset was made from the thread (a living document from a documentation
    # project): the asset page then says where it came from.
    is_origin = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "asset"], name="one_citation_per_thread")
        ]

    def __str__(self) -> str:
        return f"{self.thread} cites {self.asset}"
