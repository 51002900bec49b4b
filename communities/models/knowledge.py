from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gap(models.Model):
    """An item in the gap register: something the community knows it does not yet know."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        WORKING = "working", _("Being worked on")
        FILLED = "filled", _("Filled")

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="gaps"
    )
    title = models.CharField(_("what we lack"), max_length=200)
    description = models.TextField(_("more detail (optional)"), max_length=2000, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The mapping-knowledge thread it came from, as a local path.
    source_url = models.CharField(_("raised in (optional)"), max_length=300, blank=True)
    # Threads and assets that fill it: local paths, one a line.
    filled_by = models.TextField(_("what fills it"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "-created_at"]
        indexes = [models.Index(fields=["community", "status"], name="gap_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def filling_links(self) -> list[str]:
        return [line for line in self.filled_by.splitlines() if line.strip()]
