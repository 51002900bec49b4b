from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from communities import services
from communities.services.invitations import find_invitation
from core.errors import ActionError


def invitation(request, token):
    """Anyone holding the link sees the invitation; accepting needs the invited address."""
    invitation = find_invitation(token)
    if invitation is None:
        raise Http404(_("This invitation link is not valid."))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.accept_invitation(user=request.user, token=token)
        except ActionError as error:
            if error.status == 404:
                raise Http404(error.message) from error
            return render(
                request,
                "communities/invitation.html",
                {"invitation": invitation, "error": error.message},
                status=error.status,
            )
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.community.name})
        return redirect(invitation.community)
    status = 200 if invitation.is_usable else 410
    return render(request, "communities/invitation.html", {"invitation": invitation}, status=status)
