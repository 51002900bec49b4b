"""Refused requests log one line; server errors keep their traceback."""

import logging
import sys

import pytest
from django.conf import settings

from core.log_filters import RefusalsWithoutTraceback


def _record(status_code: int) -> logging.LogRecord:
    try:
        raise PermissionError("refused")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "x", (), exc_info)
    record.status_code = status_code
    return record


@pytest.mark.parametrize("status_code", [403, 404])
def test_a_refusal_loses_its_traceback(status_code):
    record = _record(status_code)
    assert RefusalsWithoutTraceback().filter(record)
    assert record.exc_info is None
    assert "Traceback" not in logging.Formatter().format(record)


def test_a_server_error_keeps_it():
    record = _record(500)
    assert RefusalsWithoutTraceback().filter(record)
    assert "Traceback" in logging.Formatter().format(record)


def test_the_console_handler_uses_it():
    assert "refusals_without_traceback" in settings.LOGGING["handlers"]["console"]["filters"]
