from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from communities.models import Community
from core.errors import ActionError, report_error
from digests import services
from digests.forms import DigestPreferencesForm


@login_required
def preferences(request):
    current = services.digest_frequencies(request.user)
    communities = Community.objects.filter(pk__in=list(current)).order_by("name", "pk")
    form = DigestPreferencesForm(
        request.POST if request.method == "POST" else None,
        communities=communities,
        initial_choices=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            for community, frequency in form.choices():
                if current[community.pk] != frequency:
                    services.set_digest_frequency(
                        user=request.user, community=community, frequency=frequency
                    )
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("Your digest choices are saved."))
            return redirect("digests:preferences")
    status = 400 if form.errors else 200
    return render(request, "digests/preferences.html", {"form": form}, status=status)
