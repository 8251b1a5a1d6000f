from django.contrib import admin

from gongzhi.notices.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "message", "created_at", "read_at"]
    list_filter = ["kind"]
    search_fields = ["^recipient__username"]
    raw_id_fields = ["recipient"]
