from django.contrib import admin

from gongzhi.library.models import Attachment, Item


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "field", "department", "is_public", "published_at"]
    list_filter = ["kind", "field", "is_public", "is_demo"]
    search_fields = ["^title"]
    date_hierarchy = "published_at"
    raw_id_fields = ["created_by", "topics", "results"]
    readonly_fields = ["search_words"]
    inlines = [AttachmentInline]
