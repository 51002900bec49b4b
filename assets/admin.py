from django.contrib import admin

from assets.models import Asset, AssetVersion, Citation, Reuse


class AssetVersionInline(admin.TabularInline):
    model = AssetVersion
    extra = 0
    can_delete = False
    # Versions are written through the upload checks; the admin only shows them.
    readonly_fields = [
        "number",
        "filename",
        "url",
        "change_note",
        "author",
        "size",
        "content_type",
        "sha256",
        "created_at",
    ]
    exclude = ["file", "body"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "kind", "visibility", "reuse_count", "created_at"]
    list_filter = ["kind", "visibility", "behaviour", "licence"]
    search_fields = ["title", "summary", "community__name"]
    raw_id_fields = ["author", "adapted_from", "latest_version", "community"]
    readonly_fields = ["download_count", "adaptation_count", "use_count", "reuse_count"]
    inlines = [AssetVersionInline]


@admin.register(Reuse)
class ReuseAdmin(admin.ModelAdmin):
    list_display = ["asset", "user", "kind", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["asset", "user", "adaptation"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["thread", "asset", "is_origin", "created_at"]
    raw_id_fields = ["thread", "asset", "cited_by"]
