from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions
from communities.forms import GuestInvitationForm
from communities.models import GuestPass
from communities.services import guests
from communities.views.community import header_context
from core.errors import ActionError, report_error


def invite_guest_page(request, *, community, target, invite, template: str, context: dict):
    """The invite-a-guest form for one thread or meeting (``target``), for gardeners only.

    ``invite(**cleaned_data)`` does the inviting; it differs by what the guest is invited to.
    """
    if not permissions.can_invite_guests(request.user, community):
        raise Http404(_("No such page."))
    form = GuestInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invite(**form.cleaned_data)
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect(target)
    return render(
        request,
        template,
        {**header_context(request, community), **context, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def guest_pass(request, token):
    """The link in a guest's email: who invited them, to what; accepting needs that address."""
    found = guests.find_guest_pass(token)
    if found is None:
        raise Http404(_("This guest link is not valid."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            accepted = guests.accept_guest_pass(user=request.user, token=token)
        except ActionError as error:
            if error.status == 404:
                raise Http404(error.message) from error
            return render(
                request,
                "communities/guest_pass.html",
                {
                    "guest_pass": found,
                    "usable": False,
                    "error": error.message,
                    "wrong_address": error.status == 403,
                },
                status=error.status,
            )
        messages.success(request, _("Welcome! You are a guest in this conversation."))
        return redirect(accepted.url)
    usable = found.revoked_at is None and found.expires_at > timezone.now()
    if usable and found.accepted_at is not None and found.user_id == request.user.pk:
        return redirect(found.url)  # their own pass, followed again
    return render(
        request,
        "communities/guest_pass.html",
        {"guest_pass": found, "usable": usable},
        status=200 if usable else 410,
    )


@login_required
@require_POST
def revoke_guest_pass(request, slug, pass_id):
    community = permissions.get_visible_community_or_404(request.user, slug)
    found = get_object_or_404(GuestPass, pk=pass_id, community=community)
    try:
        guests.revoke_guest_pass(actor=request.user, guest_pass=found)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("%(email)s can no longer open it.") % {"email": found.email})
    return redirect("communities:people", slug=community.slug)
