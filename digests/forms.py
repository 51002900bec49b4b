from django import forms
from django.utils.translation import gettext_lazy as _

from digests.models import Frequency


def field_name(community_id: int) -> str:
    return f"community_{community_id}"


class DigestPreferencesForm(forms.Form):
    """One choice per community the member belongs to: daily, weekly or off."""

    def __init__(self, *args, communities, initial_choices: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.communities = {field_name(c.pk): c for c in communities}
        for name, community in self.communities.items():
            self.fields[name] = forms.ChoiceField(
                label=community.name,
                choices=Frequency.choices,
                initial=initial_choices.get(community.pk),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how often you hear from this community."),
                    "invalid_choice": _("Choose daily, weekly or off."),
                },
            )

    def choices(self):
        """(community, frequency) for each field, once the form is valid."""
        return [(self.communities[name], value) for name, value in self.cleaned_data.items()]
