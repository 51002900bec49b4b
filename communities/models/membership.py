from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models.choices import LEVEL_ORDER, Level, Role


class Membership(models.Model):
    """A person in a community: a role (what they do) and a level (how far in they are)."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    level = models.CharField(
        _("participation level"), max_length=16, choices=Level.choices, default=Level.PERIPHERAL
    )
    # A gardener's override pins the level until cleared.
    level_overridden = models.BooleanField(_("level set by a gardener"), default=False)
    level_override_reason = models.CharField(_("reason"), max_length=300, blank=True)
    # Set by a monthly review that found the member well below their level; a second review
    # in a row that agrees demotes them, so levels do not flap.
    level_review_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When this person last opened the dashboard: the sponsorship principle's evidence.
    dashboard_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When this person last opened one of the community's pages (to the hour): digests tell
    # only what came after it. Joining counts as a visit.
    last_visited_at = models.DateTimeField(
        null=True, blank=True, editable=False, default=timezone.now
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    # Set by a gardener: until then the member can read but not post.
    silenced_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="one_membership_per_person"),
        ]
        indexes = [
            models.Index(fields=["community", "role"]),
            models.Index(fields=["community", "level"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"

    @property
    def is_silenced(self) -> bool:
        return self.silenced_until is not None and self.silenced_until > timezone.now()

    @property
    def level_rank(self) -> int:
        return LEVEL_ORDER[self.level]


class MembershipChange(models.Model):
    """One step of a member's trajectory: a change of level or role, kept forever."""

    class Field(models.TextChoices):
        LEVEL = "level", _("level")
        ROLE = "role", _("role")

    class Cause(models.TextChoices):
        JOINED = "joined", _("joined")
        COMPUTED = "computed", _("computed from activity")
        OVERRIDE = "override", _("set by a gardener")
        OVERRIDE_CLEARED = "override_cleared", _("gardener's setting cleared")
        ROLE_CHANGE = "role_change", _("role changed")
        LEFT = "left", _("left the community")

    # The person and community are kept on the row itself, so the trajectory outlives the
    # membership: someone who leaves and comes back still has their whole history.
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="membership_changes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership_changes"
    )
    field = models.CharField(max_length=8, choices=Field.choices)
    old_value = models.CharField(max_length=16, blank=True)
    new_value = models.CharField(max_length=16)
    cause = models.CharField(max_length=20, choices=Cause.choices)
    reason = models.CharField(max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["user", "created_at"], name="trajectory")]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value or '—'} → {self.new_value}"

    @property
    def direction(self) -> str:
        """ "inward" or "outward" for a level step between two rungs, else ""."""
        if self.field != self.Field.LEVEL:
            return ""
        old, new = LEVEL_ORDER.get(self.old_value), LEVEL_ORDER.get(self.new_value)
        if old is None or new is None or old == new:
            return ""
        return "inward" if new > old else "outward"

    @classmethod
    def of(cls, membership: "Membership", **fields) -> "MembershipChange":
        """An unsaved history row for this membership, with its person and community."""
        return cls(
            membership=membership,
            community_id=membership.community_id,
            user_id=membership.user_id,
            **fields,
        )

    def _label(self, value: str) -> str:
        choices = Level if self.field == self.Field.LEVEL else Role
        return choices(value).label if value in choices.values else value

    @property
    def old_label(self) -> str:
        return self._label(self.old_value) if self.old_value else ""

    @property
    def new_label(self) -> str:
        return self._label(self.new_value)
