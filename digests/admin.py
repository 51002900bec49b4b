from django.contrib import admin

from digests.models import DigestPreference, SentDigest


@admin.register(DigestPreference)
class DigestPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "frequency", "updated_at"]
    list_filter = ["frequency"]
    raw_id_fields = ["user", "community"]


@admin.register(SentDigest)
class SentDigestAdmin(admin.ModelAdmin):
    list_display = ["user", "community", "kind", "period_start", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["user", "community"]
