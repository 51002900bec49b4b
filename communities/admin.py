from django.contrib import admin

from communities.models import (
    Activity,
    Community,
    Invitation,
    JoinRequest,
    Membership,
    MembershipChange,
)
from core.admin_widgets import CheckedAutocompleteAdmin


class MembershipInline(CheckedAutocompleteAdmin, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "level", "level_overridden", "level_override_reason"]


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "visibility", "join_policy", "stage", "created_at"]
    list_filter = ["visibility", "join_policy", "stage"]
    search_fields = ["name", "slug", "tagline"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


class MembershipChangeInline(admin.TabularInline):
    model = MembershipChange
    extra = 0
    can_delete = False
    readonly_fields = [
        "field",
        "old_value",
        "new_value",
        "cause",
        "reason",
        "changed_by",
        "created_at",
    ]


@admin.register(Membership)
class MembershipAdmin(CheckedAutocompleteAdmin, admin.ModelAdmin):
    list_display = ["user", "community", "role", "level", "level_overridden", "joined_at"]
    list_filter = ["role", "level", "community"]
    search_fields = ["user__username", "user__email", "community__name"]
    list_select_related = ["user", "community"]
    autocomplete_fields = ["user", "community"]
    inlines = [MembershipChangeInline]


@admin.register(MembershipChange)
class MembershipChangeAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "field", "old_value", "new_value", "cause", "created_at"]
    list_filter = ["field", "cause"]
    list_select_related = ["user", "community"]


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["user", "community"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "community",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_select_related = ["community"]
    readonly_fields = ["token_hash"]
    search_fields = ["email"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "community", "actor", "verb", "behaviour", "title", "is_public"]
    list_filter = ["verb", "is_public"]
    list_select_related = ["community", "actor"]
    date_hierarchy = "created_at"
