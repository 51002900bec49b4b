"""The one error business actions raise, and how a view turns it into an answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest


class ActionError(Exception):
    """A business rule refused an action. The message is shown to the person as is."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def report_error(request: HttpRequest, error: ActionError, form=None) -> None:
    """404 for invisible things; otherwise a message on the form's field or as a flash."""
    if error.status == 404:
        raise Http404(error.message)
    if form is not None:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
    else:
        messages.error(request, error.message)


def report_refusal(request: HttpRequest, error: ActionError, form=None) -> None:
    """As ``report_error``, with one answer for what the person can see but may not do:
    the site's 403 page with the reason (see core/policies.py)."""
    if error.status == 403:
        raise PermissionDenied(error.message)
    report_error(request, error, form)
