import re

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger import changes as ledger_changes
from communities.ledger.record import record_activity
from communities.models import Activity, Community, Membership
from communities.models.choices import JoinPolicy, Level, Role, Stage, Visibility
from communities.models.community import RESERVED_SLUGS
from communities.services.membership import start_history
from core.errors import ActionError
from core.vocabulary import Target

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EDITABLE_FIELDS = (
    "name",
    "tagline",
    "concern",
    "audience",
    "ways_of_working",
    "visibility",
    "join_policy",
    "stage",
)


def _check_name_and_slug(*, actor, name: str, slug: str, exclude_pk: int | None = None) -> None:
    # Names must differ from the communities this person can see; checking hidden ones too
    # would reveal that a private community of that name exists.
    visible = permissions.visible_communities(actor).exclude(pk=exclude_pk)
    if len(name.strip()) < 3:
        raise ActionError(_("A name needs at least three characters."), field="name")
    if visible.filter(name__iexact=name.strip()).exists():
        raise ActionError(_("A community with this name already exists."), field="name")
    if not SLUG_PATTERN.fullmatch(slug or ""):
        raise ActionError(
            _("Use only lowercase letters, numbers and hyphens in the web address."), field="slug"
        )
    if slug in RESERVED_SLUGS:
        raise ActionError(
            _("“%(slug)s” is reserved; choose another web address.") % {"slug": slug}, field="slug"
        )
    # Web addresses are unique across the site, so a taken address hints that a community
    # exists there even when it is private; the name, domain and members stay hidden.
    if Community.objects.exclude(pk=exclude_pk).filter(slug=slug).exists():
        raise ActionError(_("This web address is already taken."), field="slug")


def _free_slug(name: str) -> str:
    """An address made from the name, numbered if taken: nobody typed it, so don't refuse it."""
    base = slugify(name)[:46].strip("-")
    if not base or base in RESERVED_SLUGS:
        return base
    taken = set(Community.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _check_choices(fields: dict) -> None:
    for field, choices in (
        ("visibility", Visibility),
        ("join_policy", JoinPolicy),
        ("stage", Stage),
    ):
        if field in fields and fields[field] not in choices.values:
            raise ActionError(_("Choose a valid option."), field=field)


def create_community(
    *,
    creator,
    name: str,
    slug: str = "",
    tagline: str = "",
    concern: str = "",
    audience: str = "",
    ways_of_working: str = "",
    visibility: str = Visibility.PUBLIC,
    join_policy: str = JoinPolicy.OPEN,
    stage: str = Stage.POTENTIAL,
) -> Community:
    """Start a community; its creator becomes the first gardener."""
    if not permissions.can_create_community(creator):
        raise ActionError(_("Sign in to start a community."), status=403)
    # Cut to the field's length without leaving a trailing hyphen the slug check would refuse.
    slug = slug or _free_slug(name)
    fields = {
        "name": name.strip(),
        "slug": slug,
        "tagline": tagline,
        "concern": concern,
        "audience": audience,
        "ways_of_working": ways_of_working,
        "visibility": visibility,
        "join_policy": join_policy,
        "stage": stage,
    }
    _check_name_and_slug(actor=creator, name=name, slug=slug)
    _check_choices(fields)
    try:
        with transaction.atomic():
            community = Community.objects.create(created_by=creator, **fields)
            membership = Membership.objects.create(
                community=community, user=creator, role=Role.GARDENER, level=Level.PERIPHERAL
            )
            start_history(membership, changed_by=creator)
            record_activity(
                community=community,
                actor=creator,
                verb=Activity.Verb.COMMUNITY_CREATED,
                target_type=Target.COMMUNITY,
                target_id=community.pk,
                title=community.name,
            )
    except IntegrityError as exc:  # a concurrent create won the race for the address
        raise ActionError(_("This web address is already taken."), field="slug") from exc
    permissions.forget_memberships(creator)
    return community


def update_community(*, actor, community: Community, **changes) -> Community:
    """Edit the name, tagline, domain statement, visibility, join policy or stage."""
    if not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only gardeners can change the community."), status=404)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ActionError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    _check_choices(changes)
    if "name" in changes:
        _check_name_and_slug(
            actor=actor, name=changes["name"], slug=community.slug, exclude_pk=community.pk
        )
        changes["name"] = changes["name"].strip()
    changed = [field for field, value in changes.items() if getattr(community, field) != value]
    if not changed:
        return community
    for field in changed:
        setattr(community, field, changes[field])
    with transaction.atomic():
        community.save(update_fields=[*changed, "updated_at"])
        if "visibility" in changed:  # what anyone may read of its ledger changes with it
            ledger_changes.republish_community(community)
        record_activity(
            community=community,
            actor=actor,
            verb=Activity.Verb.COMMUNITY_UPDATED,
            target_type=Target.COMMUNITY,
            target_id=community.pk,
            title=community.name,
        )
    return community
