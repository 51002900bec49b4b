from django.contrib import admin

from core.admin_widgets import CheckedAutocompleteAdmin
from proposals.models import Proposal, Supporter


class SupporterInline(CheckedAutocompleteAdmin, admin.TabularInline):
    model = Supporter
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "note", "created_at", "notified_at"]
    readonly_fields = ["created_at", "notified_at"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "proposer", "status", "visibility", "created_at"]
    list_filter = ["status", "visibility"]
    search_fields = ["title", "domain"]
    raw_id_fields = ["proposer", "launched_community"]
    inlines = [SupporterInline]
