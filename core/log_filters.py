"""Logging filters the settings attach to Django's loggers."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A 403 or 404 is an answer, not a fault: log its one line, not the exception's traceback.

    Django passes the ``PermissionDenied`` or ``Http404`` raised by a view as ``exc_info`` of
    the ``django.request`` warning, so every refused request filled the log with a traceback.
    Server errors (5xx) keep theirs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
