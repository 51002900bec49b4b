from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models.choices import Stage


class IntroductionThread(models.Model):
    """The one thread per community where newcomers say who they are (made on first use)."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    thread = models.OneToOneField("discussions.Thread", on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"Introductions in {self.community}"


class ChecklistDismissal(models.Model):
    """Gardeners put the launch checklist away; it comes back if the stage is set back."""

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    stage = models.CharField(_("stage when dismissed"), max_length=16, choices=Stage.choices)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Checklist dismissed in {self.community}"


class WelcomeDismissal(models.Model):
    """A newcomer has read their welcome; leaving and rejoining shows it again."""

    membership = models.OneToOneField(
        "communities.Membership", on_delete=models.CASCADE, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Welcome read by {self.membership}"
