"""Django admin for results: for looking things up and correcting data; lifecycle steps go
through the pages, which run the actions."""

from django.contrib import admin

from gongzhi.results.models import Contribution, Result, ResultEvent


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    raw_id_fields = ["user"]


class ResultEventInline(admin.TabularInline):
    model = ResultEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "action", "actor", "from_status", "to_status", "note", "data"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "kind",
        "status",
        "field",
        "department",
        "is_public",
        "submitted_at",
    ]
    list_filter = ["status", "kind", "field", "is_public", "is_demo"]
    search_fields = ["^title"]
    date_hierarchy = "submitted_at"
    raw_id_fields = ["submitted_by"]
    autocomplete_fields = ["department"]
    list_select_related = ["field", "department"]
    readonly_fields = ["search_words", "updated_at", "source_type", "source_id"]
    inlines = [ContributionInline, ResultEventInline]
