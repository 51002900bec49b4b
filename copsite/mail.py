"""Emails are rendered from a trio of templates.

<prefix>.subject.txt, <prefix>.txt and <prefix>.html share one context.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated_mail(
    *, template_prefix: str, context: dict, to: list[str], headers: dict | None = None
) -> None:
    context = {"SITE_NAME": settings.SITE_NAME, **context}
    subject = render_to_string(f"{template_prefix}.subject.txt", context).strip()
    subject = " ".join(subject.splitlines())
    text = render_to_string(f"{template_prefix}.txt", context)
    html = render_to_string(f"{template_prefix}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()
