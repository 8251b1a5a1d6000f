from django.contrib import admin

from gongzhi.membership.models import Application


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "sector", "status", "submitted_at"]
    list_filter = ["body", "status", "sector"]
    raw_id_fields = ["user", "reviewed_by", "member", "community"]
    filter_horizontal = ["fields"]
