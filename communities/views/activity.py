"""The community's activity: the ledger rows a figure counted, as the viewer may see them."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from communities import counted, permissions
from communities.activity_behind import activity_filter
from communities.ledger import addresses
from communities.models import Activity
from communities.views.community import header_context

PER_PAGE = 50


def activity(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    figure = activity_filter(request.GET, community)
    rows = figure.rows
    if rows is None:  # no figure asked for: the latest of everything the viewer may see
        hidden = [Activity.Verb.ROLE_CHANGED, Activity.Verb.LEVEL_CHANGED]
        rows = Activity.objects.filter(community=community).exclude(verb__in=hidden)
    listed = permissions.visible_activity(request.user, rows).select_related("actor", "community")
    page = Paginator(listed.order_by("-created_at", "-id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    behind = None
    if figure.rows is not None:
        # Rows counted that this viewer may not open (members-only, withdrawn) are named
        # only by how many they are.
        behind = counted.Behind(
            text=figure.text,
            clear_url=reverse("communities:activity", kwargs={"slug": community.slug}),
            shown=page.paginator.count,
            counted=figure.rows.count(),
        )
    return render(
        request,
        "communities/activity.html",
        {
            **header_context(request, community),
            "activity": addresses.with_urls(list(page.object_list)),
            "page": page,
            "behind": behind,
            "behind_error": figure.error,
        },
    )
