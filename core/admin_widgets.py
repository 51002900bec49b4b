"""The admin's autocomplete fields, safe to re-render with whatever was posted.

Django's autocomplete widget looks the posted value up in the database to show it again
beside the form's errors, unchecked: a value that is not a key at all (":" for a user)
raised from the query and the operator got a 500 instead of "Select a valid choice".
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class CheckedAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key = remote.model._meta.get_field(remote.field_name)
        return super().optgroups(name, [v for v in value if _is_key(key, v)], attr)


def _is_key(key, value) -> bool:
    if value in (None, ""):
        return True
    try:
        prepared = key.get_prep_value(key.to_python(value))
    except (ValidationError, TypeError, ValueError):
        return False
    # A key past 64 bits is no row anywhere, and SQLite cannot even be asked about it.
    return not isinstance(prepared, int) or -(2**63) <= prepared < 2**63


class CheckedAutocompleteAdmin:
    """For a ModelAdmin or inline with ``autocomplete_fields``."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
