"""Emails are rendered from a trio of templates.

<prefix>.subject.txt, <prefix>.txt and <prefix>.html share one context. Mail to members
about their communities passes ``unsubscribe_url`` (from copsite.unsubscribe): mail clients
then offer a one-click unsubscribe (RFC 8058) and the templates show the link.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string


def _render_plain(name: str, context: dict) -> str:
    """Subject and text parts are not HTML: "O'Brien & co" must not become "O&#x27;Brien"."""
    return get_template(name).template.render(Context(context, autoescape=False))


def send_templated_mail(
    *,
    template_prefix: str,
    context: dict,
    to: list[str],
    headers: dict | None = None,
    unsubscribe_url: str | None = None,
) -> None:
    context = {"SITE_NAME": settings.SITE_NAME, "unsubscribe_url": unsubscribe_url, **context}
    headers = dict(headers or {})
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    subject = _render_plain(f"{template_prefix}.subject.txt", context).strip()
    subject = " ".join(subject.splitlines())
    text = _render_plain(f"{template_prefix}.txt", context)
    html = render_to_string(f"{template_prefix}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    message.send()
