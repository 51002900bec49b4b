from django.contrib import admin

from discussions.models import Behaviour, CommunityBehaviour, Post, PostRevision, Thread


@admin.register(Behaviour)
class BehaviourAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_standard", "position"]
    list_editable = ["position"]


@admin.register(CommunityBehaviour)
class CommunityBehaviourAdmin(admin.ModelAdmin):
    list_display = ["community", "behaviour"]
    list_select_related = ["community", "behaviour"]


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    fields = ["number", "author", "hidden", "created_at"]
    readonly_fields = ["number", "author", "created_at"]
    show_change_link = True


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "author", "reply_count", "pinned", "locked", "hidden"]
    list_filter = ["pinned", "locked", "hidden", "members_only", "behaviours"]
    search_fields = ["title"]
    list_select_related = ["community", "author"]
    raw_id_fields = ["accepted_answer", "author", "last_poster"]
    inlines = [PostInline]


class RevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    can_delete = False
    readonly_fields = ["body", "edited_by", "created_at"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["thread", "number", "author", "hidden", "created_at"]
    list_select_related = ["thread", "author"]
    raw_id_fields = ["thread", "author"]
    inlines = [RevisionInline]
