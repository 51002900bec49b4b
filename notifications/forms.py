from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery, Kind


class EmailPreferencesForm(forms.Form):
    """One choice per kind: at once, in the digest, or no email."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=initial_choices[kind.value],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how you hear about this."),
                    "invalid_choice": _("Choose at once, in the digest, or no email."),
                },
            )
