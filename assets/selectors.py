"""Reads shared by library pages: each a fixed number of queries, whatever the size."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from assets.models import Asset, AssetVersion, Reuse
from assets.permissions import assets as asset_policy
from communities.models import Community
from discussions import selectors as discussions
from discussions.models import Behaviour, Thread
from discussions.permissions import threads as thread_policy

SORTS = {"newest": ("-created_at", "-id"), "reused": ("-reuse_count", "-created_at", "-id")}
REUSERS_SHOWN = 30


def behaviour_choices(community: Community) -> list[tuple[str, str]]:
    """The behaviours an asset here may serve, as (code, name): the nine and the extras this
    community switched on, as its thread form offers them. One query."""
    return [(b.code, b.name) for b in discussions.behaviours_for(community)]


def _with_behaviour_name(qs: QuerySet[Asset]) -> QuerySet[Asset]:
    """Each asset's ``behaviour_name`` from the behaviours table, in the same query."""
    name = Behaviour.objects.filter(code=OuterRef("behaviour")).values("name")[:1]
    return qs.annotate(behaviour_name=Subquery(name))


def library(
    community: Community,
    *,
    viewer,
    tag: str = "",
    kind: str = "",
    behaviour: str = "",
    sort: str = "newest",
    among: set[int] | None = None,
) -> QuerySet[Asset]:
    qs = (
        asset_policy.visible(viewer, Asset.objects.filter(community=community))
        .select_related("author", "community", "latest_version", "adapted_from__community")
        .prefetch_related("tags")
    )
    if among is not None:  # the assets a figure counted
        qs = qs.filter(pk__in=among)
    if tag:
        qs = qs.filter(tags__slug=tag)
    if kind:
        qs = qs.filter(kind=kind)
    if behaviour:
        qs = qs.filter(behaviour=behaviour)
    return _with_behaviour_name(qs).order_by(*SORTS.get(sort, SORTS["newest"]))


def asset_page() -> QuerySet[Asset]:
    """Assets as their pages read them; look one up through the policy
    (``get_visible_or_404(assets, user, asset_page(), community=…, pk=…)``)."""
    return _with_behaviour_name(
        Asset.objects.select_related("author", "community", "latest_version").prefetch_related(
            "tags"
        )
    )


def versions(asset: Asset) -> list[AssetVersion]:
    found = list(asset.versions.select_related("author").order_by("-number"))
    for version in found:
        version.asset = asset  # URLs then cost no query
    return found


def lineage(viewer, asset: Asset) -> dict:
    """Where it came from (if the viewer may see it) and what was made from it."""
    parent = None
    if asset.adapted_from_id:
        parent = (
            asset_policy.visible(viewer, Asset.objects.filter(pk=asset.adapted_from_id))
            .select_related("community", "author")
            .first()
        )
    children = list(
        asset_policy.visible(viewer, Asset.objects.filter(adapted_from=asset))
        .select_related("community", "author")
        .order_by("created_at")
    )
    hidden_children = asset.adaptation_count - len(children)
    return {"parent": parent, "children": children, "hidden_children": max(0, hidden_children)}


def reusers(asset: Asset) -> list[Reuse]:
    """Recent reuses, each with its person: stories first show what it changed."""
    return list(
        Reuse.objects.filter(asset=asset)
        .select_related("user", "adaptation__community")
        .order_by("-created_at", "-id")[:REUSERS_SHOWN]
    )


def citing_threads(viewer, asset: Asset) -> list[Thread]:
    return list(
        thread_policy.visible(viewer, Thread.objects.filter(asset_citations__asset=asset))
        .select_related("community")
        .order_by("-last_activity_at")
    )


def origin_thread(viewer, asset: Asset) -> Thread | None:
    origins = Thread.objects.filter(asset_citations__asset=asset, asset_citations__is_origin=True)
    return thread_policy.visible(viewer, origins).select_related("community").first()


def cited_by_thread(viewer, thread: Thread) -> list[Asset]:
    return list(
        asset_policy.visible(viewer, Asset.objects.filter(citations__thread=thread))
        .select_related("community", "latest_version")
        .order_by("citations__created_at")
    )


def adapt_targets(viewer) -> QuerySet[Community]:
    """Communities this person may put an adaptation in: where the policy lets them publish."""
    return asset_policy.publishing_communities(viewer).order_by("name")


def search(viewer, query: str, limit: int = 10) -> list[Asset]:
    """Assets this person may open whose title, summary or tags mention the words."""
    words = query.split()[:6]
    if not words:
        return []
    qs = asset_policy.visible(viewer)
    for word in words:
        qs = qs.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(tags__name__iexact=word)
        )
    return list(qs.select_related("community").distinct().order_by("-reuse_count", "-pk")[:limit])


def reuse_beyond(*, community: Community, period, user, limit: int = 10) -> dict:
    """Adaptations that crossed a community's boundary in the period, both ways.

    ``out``: this community's assets adapted into other communities; ``in``: assets adapted
    here from elsewhere. Counts include every adaptation; the listed ones are only those
    the viewer may open, so a private community's copy adds to the count, never a name.
    """
    in_period = Q(created_at__gte=period.since, created_at__lt=period.until)
    out = Asset.objects.filter(in_period, adapted_from__community=community).exclude(
        community=community
    )
    brought_in = Asset.objects.filter(
        in_period, community=community, adapted_from__isnull=False
    ).exclude(adapted_from__community=community)
    totals = out.aggregate(
        adaptations=Count("pk"), communities=Count("community", distinct=True)
    ) | {"brought_in": brought_in.count()}
    shown = list(
        asset_policy.visible(user, out)
        .select_related("community", "adapted_from")
        .order_by("-created_at")[:limit]
    )
    return {**totals, "shown": shown, "unlisted": totals["adaptations"] - len(shown)}
