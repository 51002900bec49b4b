from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import counted, home_fragments, people_behind, permissions, selectors, services
from communities.forms import JoinRequestForm
from communities.models.choices import Level
from communities.services.membership import note_visit
from core import charts, extensions
from core.errors import ActionError, report_error
from core.page_cache import whole_page_cached
from core.ratelimits import limited


def header_context(request, community) -> dict:
    """What the community header needs: the viewer's membership and the buttons they get."""
    user = request.user
    membership = permissions.membership_of(user, community)
    context = {
        "community": community,
        "membership": membership,
        # Members have no request pending here: the header asks only the others.
        "pending_request": None if membership else selectors.pending_request_of(user, community),
        "can_join": permissions.can_join_community(user, community),
        "can_request": permissions.can_request_to_join_community(user, community),
        "can_manage": permissions.can_manage_community(user, community),
        "can_invite": permissions.can_invite_to_community(user, community),
        "can_view_dashboard": permissions.can_view_dashboard(user, community),
        "request_form": JoinRequestForm(),
    }
    note_visit(membership=context["membership"])
    if context["can_manage"]:
        context["pending_count"] = selectors.pending_requests(community).count()
    # The last gardener cannot leave; offer the way out instead of a button that fails.
    context["sole_gardener"] = context["membership"] is not None and not (
        permissions.can_leave_community(user, community)
    )
    return context


def _by_place(panels: list[extensions.Panel]) -> dict[str, list[extensions.Panel]]:
    """Other apps' panels, grouped by where the home page shows them."""
    places = {"main": [], "aside_start": [], "aside_end": []}
    for panel in panels:
        places[panel.place.replace("-", "_")].append(panel)
    return places


@whole_page_cached(scope="community")
def home(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    context = header_context(request, community)
    return render(
        request,
        "communities/home.html",
        {
            **context,
            "panels": _by_place(
                extensions.community_panels(
                    community=community, user=request.user, membership=context["membership"]
                )
            ),
            # Both read only when the kept side column is missing (see home_fragments).
            "gardeners": SimpleLazyObject(lambda: list(selectors.gardeners(community))),
            "levels": SimpleLazyObject(lambda: selectors.level_counts(community)),
            "people_key": home_fragments.people_key(
                community, offers_invite=context["can_invite"] and not context["can_manage"]
            ),
            # Read only when the kept fragment is missing (see home_fragments).
            "activity": SimpleLazyObject(
                lambda: selectors.recent_activity([community], viewer=request.user, limit=15)
            ),
            "activity_key": home_fragments.activity_key(community, context["membership"]),
            "fragment_seconds": home_fragments.SECONDS,
        },
    )


def members(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    figure = people_behind.people_filter(request.GET, community)
    levels = selectors.members_by_level(community)
    pyramid_rows, members_count, staff_count = selectors.pyramid(community)
    membership = permissions.membership_of(request.user, community)
    behind = None
    if figure.users is not None:
        levels = [
            (value, label, [m for m in group if m.user_id in figure.users])
            for value, label, group in levels
            if not figure.level or value == figure.level
        ]
        shown = sum(len(group) for _value, _label, group in levels)
        behind = counted.Behind(
            text=figure.text,
            clear_url=reverse("communities:members", kwargs={"slug": community.slug}),
            shown=shown,
            counted=figure.counted,
        )
        if not figure.level:  # people from every level: only the levels with some
            levels = [row for row in levels if row[2]]
    return render(
        request,
        "communities/members.html",
        {
            **header_context(request, community),
            "levels": levels,
            "level": figure.level,
            "behind": behind,
            "behind_error": figure.error,
            "level_choices": Level.choices,
            "pyramid": charts.pyramid(pyramid_rows),
            "pyramid_members": members_count,
            "pyramid_staff": staff_count,
            "panels": extensions.member_panels(
                community=community, user=request.user, membership=membership
            ),
        },
    )


@login_required
@require_POST
@limited("join")
def join(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        services.join_community(user=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Welcome to %(name)s!") % {"name": community.name})
    return redirect(community)


@login_required
@require_POST
@limited("join")
def request_to_join(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the note under 1,000 characters."))
        return redirect(community)
    try:
        services.request_to_join_community(
            user=request.user, community=community, message=form.cleaned_data["message"]
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(
            request, _("Your request is on its way to the gardeners. You will hear back by email.")
        )
    return redirect(community)


@login_required
@require_POST
def withdraw_request(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        services.withdraw_join_request(user=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Your request was withdrawn."))
    return redirect(community)


@login_required
@require_POST
def leave(request, slug):
    community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        services.leave_community(user=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
        return redirect(community)
    messages.success(request, _("You have left %(name)s.") % {"name": community.name})
    # After leaving, a private community is no longer visible: go to the directory.
    if permissions.can_view_community(request.user, community):
        return redirect(community)
    return redirect("communities:directory")
