from django import forms
from django.utils.translation import gettext_lazy as _

from assets.models import Asset
from assets.models.asset import BODY_MAX, SUMMARY_MAX, TITLE_MAX, Licence
from assets.models.reuse import STORY_MAX

CONTENT_HELP = {
    "file": _("PDF, images, Word, Excel, PowerPoint, OpenDocument, ZIP or plain text."),
    "url": _("A web address starting with http:// or https://. We never fetch it."),
    "body": _("Markdown works. Members edit it in place; every version is kept."),
}


def _content_fields(form, kind: str | None) -> None:
    """Keep only the content field(s) that fit the kind (all three on the new-asset form)."""
    keep = {"file": "file", "link": "url", "document": "body"}
    if kind is not None:
        for name in set(keep.values()) - {keep[kind]}:
            del form.fields[name]


class ContentMixin(forms.Form):
    # Empty files reach the service, which explains why they are refused.
    file = forms.FileField(
        label=_("File"), required=False, allow_empty_file=True, help_text=CONTENT_HELP["file"]
    )
    url = forms.CharField(
        label=_("Link"), required=False, max_length=600, help_text=CONTENT_HELP["url"]
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=CONTENT_HELP["body"],
    )


class AssetForm(ContentMixin):
    kind = forms.ChoiceField(
        label=_("What are you sharing?"),
        choices=Asset.Kind.choices,
        widget=forms.RadioSelect,
        initial=Asset.Kind.FILE,
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it is, who it is for, how you used it. Markdown works."),
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=400,
        help_text=_("Separate with commas, e.g. lesson plan, year 9, feedback."),
    )
    # The community's behaviours (the nine and its extras), given by the view.
    behaviour = forms.ChoiceField(label=_("Which kind of learning does it serve?"), required=False)
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices, initial=Licence.CC_BY)
    visibility = forms.ChoiceField(
        label=_("Who can see it?"),
        choices=Asset.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Asset.Visibility.MEMBERS,
    )
    members_can_edit = forms.BooleanField(
        label=_("Living documents: any member may write the next version"), required=False
    )
    change_note = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["kind", "title", "file", "url", "body", "summary", "tags", "behaviour"]

    def __init__(self, *args, community, behaviours: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behaviour"].choices = [("", _("Chosen from the kind")), *behaviours]
        if not community.is_public:
            del self.fields["visibility"]

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class VersionForm(ContentMixin):
    change_note = forms.CharField(
        label=_("What changed?"),
        max_length=300,
        help_text=_("One line, e.g. “Added a differentiated worksheet for lower sets”."),
    )

    field_order = ["file", "url", "body", "change_note"]

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        _content_fields(self, kind)


class AdaptForm(forms.Form):
    community = forms.ModelChoiceField(
        label=_("Into which community?"),
        queryset=None,
        empty_label=None,
        help_text=_("The adaptation belongs there; the original keeps a link to it."),
    )
    title = forms.CharField(label=_("Title of your adaptation"), max_length=TITLE_MAX)
    change_note = forms.CharField(label=_("What will you change?"), max_length=300, required=False)
    story = forms.CharField(
        label=_("Why adapt it? (optional)"),
        required=False,
        max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities


class UseForm(forms.Form):
    story = forms.CharField(
        label=_("What did it change for you? (optional)"),
        required=False,
        max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two: your value story helps others decide to try it."),
    )


class CiteForm(forms.Form):
    asset = forms.ModelChoiceField(label=_("Asset to cite"), queryset=None, empty_label=None)

    def __init__(self, *args, assets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = assets


class LivingDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the living document"), max_length=TITLE_MAX)
