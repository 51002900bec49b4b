from django import template
from django.utils.html import format_html

from core.submissions import FIELD, form_token

register = template.Library()


@register.simple_tag(takes_context=True)
def submit_once(context) -> str:
    """The hidden token that makes this form act once however often it is sent
    (core/submissions.py)."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FIELD, form_token(context.get("request"))
    )
