from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from gongzhi.people.models import Member, Staff, User


class StaffInline(admin.StackedInline):
    model = Staff
    can_delete = True
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "community", "is_verified", "is_staff", "is_demo"]
    list_filter = ["is_staff", "is_verified", "is_demo"]
    search_fields = ["^username", "^display_name"]
    autocomplete_fields = ["community"]
    inlines = [StaffInline]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (
            _("居民信息"),
            {
                "fields": [
                    "display_name",
                    "phone",
                    "community",
                    "is_verified",
                    "external_id",
                    "is_demo",
                ]
            },
        ),
    ]


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "community", "department", "title"]
    list_filter = ["kind"]
    search_fields = ["^user__username", "^user__display_name"]
    autocomplete_fields = ["user", "community", "department"]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "status", "community", "term_start", "term_end", "sector"]
    list_filter = ["body", "status", "sector", "fields"]
    search_fields = ["^user__username", "^user__display_name", "^affiliation"]
    autocomplete_fields = ["user", "community"]
    filter_horizontal = ["fields"]
