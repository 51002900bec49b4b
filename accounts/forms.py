from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ProfileForm(forms.ModelForm):
    avatar = forms.ImageField(
        label=_("Avatar"),
        required=False,
        help_text=_("A square JPEG or PNG works best; at most 2 MB."),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.avatar:
            del self.fields["remove_avatar"]

    class Meta:
        model = User
        fields = ["display_name", "practice", "bio", "timezone"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
