"""Gardeners' pages: community settings, requests, invitations, roles and levels."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions, selectors, services
from communities.forms import (
    CommunityForm,
    InvitationForm,
    LevelOverrideForm,
    RoleForm,
)
from communities.models import Invitation, JoinRequest, Membership
from core.errors import ActionError, report_error
from core.ratelimits import limited


def gardener_only(view):
    """Resolve the community for a gardener; everyone else gets 404 (nothing leaks)."""

    @login_required
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        community = permissions.get_visible_community_or_404(request.user, slug)
        if not permissions.can_manage_community(request.user, community):
            raise Http404
        return view(request, community, *args, **kwargs)

    return wrapper


def _people_url(community) -> str:
    return reverse("communities:people", kwargs={"slug": community.slug})


@gardener_only
def settings(request, community):
    form = CommunityForm(request.POST or None, instance=community, editing=True)
    if request.method == "POST" and form.is_valid():
        # is_valid() copied the posted values onto `community`; reload the saved values so
        # the service sees what changed (otherwise it finds nothing to save).
        community.refresh_from_db()
        try:
            services.update_community(
                actor=request.user,
                community=community,
                **{field: form.cleaned_data[field] for field in form.fields},
            )
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("Community settings saved."))
            return redirect("communities:settings", slug=community.slug)
    if form.errors:
        community.refresh_from_db()  # the form mutated the instance; show the saved name
    return render(
        request,
        "communities/manage/settings.html",
        {"community": community, "form": form, "tab": "settings"},
        status=400 if form.errors else 200,
    )


@gardener_only
def people(request, community):
    return render(
        request,
        "communities/manage/people.html",
        {
            "community": community,
            "tab": "people",
            "members": selectors.members(community),
            "requests": selectors.pending_requests(community),
            "invitations": selectors.invitations(community),
            "guest_passes": selectors.guest_passes(community),
            "invite_form": InvitationForm(),
            "role_form": RoleForm(),
            "level_form": LevelOverrideForm(),
        },
    )


@login_required
@limited("invite")
def invite(request, slug):
    """Gardeners invite from the people page; in unlisted communities members may invite too."""
    community = permissions.get_visible_community_or_404(request.user, slug)
    if not permissions.can_invite_to_community(request.user, community):
        raise Http404
    form = InvitationForm(request.POST or None)
    if not permissions.can_manage_community(request.user, community):
        form.fields["role"].choices = [("member", _("Member"))]
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = services.invite_to_community(
                actor=request.user, community=community, **form.cleaned_data
            )
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            if permissions.can_manage_community(request.user, community):
                return redirect(_people_url(community))
            return redirect(community)
    return render(
        request,
        "communities/invite.html",
        {"community": community, "form": form},
        status=400 if form.errors else 200,
    )


@gardener_only
@require_POST
def decide_request(request, community, request_id):
    join_request = get_object_or_404(JoinRequest, pk=request_id, community=community)
    decision = request.POST.get("decision")
    if decision not in {"approve", "decline"}:
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect(_people_url(community))
    approve = decision == "approve"
    try:
        services.decide_join_request(actor=request.user, join_request=join_request, approve=approve)
    except ActionError as error:
        report_error(request, error)
    else:
        name = join_request.user.name
        if approve:
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        else:
            messages.success(request, _("You declined %(name)s's request.") % {"name": name})
    return redirect(_people_url(community))


def _membership(community, membership_id) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "community"),
        pk=membership_id,
        community=community,
    )


@gardener_only
@require_POST
def set_role(request, community, membership_id):
    membership = _membership(community, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid role."))
        return redirect(_people_url(community))
    try:
        services.set_member_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("%(name)s's role is saved.") % {"name": membership.user.name})
    return redirect(_people_url(community))


@gardener_only
@require_POST
def set_level(request, community, membership_id):
    membership = _membership(community, membership_id)
    form = LevelOverrideForm(request.POST)
    clearing = bool(request.POST.get("clear"))
    if not clearing and not form.is_valid():
        messages.error(request, _("Choose a level and say why you are setting it."))
        return redirect(_people_url(community))
    try:
        if clearing:
            services.clear_level_override(actor=request.user, membership=membership)
        else:
            services.override_member_level(
                actor=request.user, membership=membership, **form.cleaned_data
            )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("%(name)s's level is saved.") % {"name": membership.user.name})
    return redirect(_people_url(community))


@gardener_only
@require_POST
def revoke_invitation(request, community, invitation_id):
    invitation = get_object_or_404(Invitation, pk=invitation_id, community=community)
    try:
        services.revoke_invitation(actor=request.user, invitation=invitation)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect(_people_url(community))


@gardener_only
def member_history(request, community, membership_id):
    membership = _membership(community, membership_id)
    return render(
        request,
        "communities/manage/history.html",
        {
            "community": community,
            "membership": membership,
            "changes": selectors.member_history(membership),
        },
    )
