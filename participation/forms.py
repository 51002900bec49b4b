from django import forms
from django.core.validators import MaxValueValidator

from participation.models import LevelRules
from participation.rules import RULE_FIELDS, Rules


class LevelRulesForm(forms.ModelForm):
    """A community's own thresholds; the ladder must still make sense (checked in clean)."""

    class Meta:
        model = LevelRules
        fields = list(RULE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A plain ceiling instead of the database's 64-bit one; Rules.problems() checks sense.
        for field in self.fields.values():
            field.max_value = 10_000
            field.widget.attrs["max"] = 10_000
            field.validators = [
                v for v in field.validators if not getattr(v, "limit_value", 0) > 10_000
            ]
            field.validators.append(MaxValueValidator(10_000))

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for problem in Rules(**{name: cleaned[name] for name in RULE_FIELDS}).problems():
                self.add_error(None, problem)
        return cleaned
