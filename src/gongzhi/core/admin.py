from django.contrib import admin

from gongzhi.core.models import Holiday

admin.site.site_header = "共治 gongzhi"
admin.site.site_title = "共治 gongzhi"


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
