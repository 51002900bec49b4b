"""Gardeners set their community's level thresholds beside the points they apply to."""

from dataclasses import asdict

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from communities.views.manage import gardener_only
from core.errors import ActionError, report_error
from participation import services
from participation.forms import LevelRulesForm
from participation.rules import POINTS, ladder


@gardener_only
def level_rules(request, community):
    """The community's own level thresholds, beside the points table they apply to."""
    current = services.rules_for(community)
    form = LevelRulesForm(request.POST or None, initial=asdict(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_level_rules(actor=request.user, community=community, **form.cleaned_data)
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(
                request, _("Level thresholds saved. Levels follow them from the next recompute.")
            )
            return redirect("participation:level_rules", slug=community.slug)
    return render(
        request,
        "participation/levels.html",
        {
            "community": community,
            "form": form,
            "tab": "levels",
            "points": POINTS,
            "ladder": ladder(current),
        },
        status=400 if form.errors else 200,
    )
