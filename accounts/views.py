from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import ProfileForm
from core.errors import ActionError, report_error


@login_required
def edit_profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=request.user, **form.cleaned_data)
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("profile", username=request.user.username)
    if form.errors:
        request.user.refresh_from_db()
    return render(
        request, "accounts/edit_profile.html", {"form": form}, status=400 if form.errors else 200
    )
