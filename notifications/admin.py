from django.contrib import admin

from notifications.models import BehaviourFollow, EmailPreference, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "title", "email", "emailed_at", "read_at", "created_at"]
    list_filter = ["kind", "email"]
    raw_id_fields = ["recipient", "actor", "community"]


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "delivery"]
    raw_id_fields = ["user"]


@admin.register(BehaviourFollow)
class BehaviourFollowAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "behaviour_code", "created_at"]
    raw_id_fields = ["user", "community"]
