from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ActionError, report_refusal
from core.links import local_path
from notifications import selectors, services
from notifications.forms import EmailPreferencesForm

PER_PAGE = 30


@login_required
def notification_list(request):
    qs = selectors.visible_notifications(request.user).select_related("actor", "community")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


def _open_or_404(request, notification_id: int):
    try:
        return services.mark_notification_read(user=request.user, notification_id=notification_id)
    except ActionError as error:
        report_refusal(request, error)  # 404: someone else's, or no longer visible


@login_required
def open_notification(request, notification_id: int):
    """Follow a notification to its post; opening it marks it read."""
    notification = _open_or_404(request, notification_id)
    return redirect(notification.url)


@login_required
@require_POST
def mark_read(request, notification_id: int):
    _open_or_404(request, notification_id)
    return _back_to_list(request)


@login_required
@require_POST
def mark_all_read(request):
    services.mark_all_notifications_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return _back_to_list(request)


def _back_to_list(request):
    target = local_path(request.POST.get("next", ""), host=request.get_host())
    return redirect(target or reverse("notifications:list"))


@login_required
def preferences(request):
    current = services.email_preferences(request.user)
    form = EmailPreferencesForm(request.POST or None, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        try:
            for kind, delivery in form.cleaned_data.items():
                if current[kind] != delivery:
                    services.set_email_preference(user=request.user, kind=kind, delivery=delivery)
        except ActionError as error:
            report_refusal(request, error, form)
        else:
            messages.success(request, _("Your email choices are saved."))
            return redirect("notifications:preferences")
    status = 400 if form.errors else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
