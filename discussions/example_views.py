"""Gardeners word the example shown beside each behaviour in their community's thread form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from communities import permissions as community_permissions
from core.errors import ActionError, report_refusal
from core.policies import require
from discussions import permissions, selectors
from discussions.behaviour_examples import save_behaviour_examples
from discussions.forms import BehaviourExamplesForm


@login_required
def behaviour_examples(request, slug):
    community = community_permissions.get_visible_community_or_404(request.user, slug)
    require(
        permissions.can_edit_behaviour_examples(request.user, community),
        _("Only the community's gardeners can change the examples."),
    )
    behaviours = selectors.behaviours_with_examples(community)
    form = BehaviourExamplesForm(request.POST or None, behaviours=behaviours)
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_behaviour_examples(
                actor=request.user, community=community, examples=form.cleaned_data
            )
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            if changed:
                messages.success(request, _("Examples saved. The thread form shows them now."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("discussions:behaviour_examples", slug=community.slug)
    return render(
        request,
        "discussions/behaviour_examples.html",
        {"community": community, "form": form, "tab": "behaviours"},
        status=400 if form.errors else 200,
    )
