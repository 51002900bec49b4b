from django.http import HttpRequest, HttpResponseBadRequest
from django.template.loader import render_to_string


class RejectNulBytesMiddleware:
    """Answer 400 to a NUL byte in the address or form data.

    PostgreSQL text cannot hold NUL, so such input would otherwise surface as a 500 from
    whichever query first touched it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if (
            "\x00" in request.path
            or self._in(request.GET)
            or (request.method == "POST" and self._in(request.POST))
        ):
            return HttpResponseBadRequest(render_to_string("400.html", request=request))
        return self.get_response(request)

    @staticmethod
    def _in(data) -> bool:
        return any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()
        )
