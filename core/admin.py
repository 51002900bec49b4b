from django.contrib import admin, messages
from django.shortcuts import redirect
from taggit.admin import TagAdmin
from taggit.models import Tag


class CheckedTagAdmin(TagAdmin):
    """taggit's merge page reads the tags chosen on the list from the session; opened or
    sent without a choice it would fail with a 500, so it sends staff back to choose."""

    def merge_tags_view(self, request):
        chosen = request.session.get("selected_tag_ids", "").split(",")
        if not all(pk.isdigit() for pk in chosen) or Tag.objects.filter(
            pk__in=chosen
        ).count() != len(set(chosen)):
            request.session.pop("selected_tag_ids", None)
            self.message_user(request, "Choose the tags to merge first.", level=messages.WARNING)
            return redirect("admin:taggit_tag_changelist")
        return super().merge_tags_view(request)


admin.site.unregister(Tag)
admin.site.register(Tag, CheckedTagAdmin)
