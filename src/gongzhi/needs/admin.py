"""Django admin for needs. Workflow changes go through the pages, which run the actions;
the admin is for looking things up and correcting data."""

from django.contrib import admin

from gongzhi.core.search import search
from gongzhi.needs.models import (
    FieldCorrection,
    Follow,
    HotIssue,
    Need,
    NeedImage,
    NeedPolicy,
    Reply,
    Support,
    TimelineEntry,
)


class ReplyInline(admin.StackedInline):
    model = Reply
    extra = 0
    raw_id_fields = ["author"]


class NeedImageInline(admin.TabularInline):
    model = NeedImage
    extra = 0


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    can_delete = False
    readonly_fields = ["at", "action", "actor", "from_status", "to_status", "note", "data"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "status",
        "field",
        "place",
        "department",
        "submitted_at",
        "source",
    ]
    list_filter = ["status", "field", "source", "is_public", "is_anonymous", "is_demo"]
    search_fields = ["title"]  # answered by the segmented full-text index, see below
    date_hierarchy = "submitted_at"
    raw_id_fields = ["submitter", "merged_into"]
    autocomplete_fields = ["place", "department"]
    list_select_related = ["field", "place", "department"]
    # The workflow's state moves only through its actions (on the pages),
    # which check permission and write the timeline; here it is read-only.
    readonly_fields = [
        "status",
        "department",
        "merged_into",
        "support_count",
        "oppose_count",
        "submitted_at",
        "accept_due",
        "accepted_at",
        "reply_due",
        "replied_at",
        "closed_at",
        "rating",
        "rated_at",
        "reopen_count",
        "suggested_field",
        "suggestion_confidence",
        "in_triage",
        "source",
        "external_id",
        "search_words",
        "updated_at",
    ]
    inlines = [ReplyInline, NeedImageInline, TimelineInline]

    def get_search_results(self, request, queryset, search_term):
        # The admin's default search is LIKE '%…%', which scans every row
        # and does not know Chinese word boundaries; use the word index.
        if not search_term:
            return queryset, False
        return search(queryset, search_term), False


@admin.register(NeedPolicy)
class NeedPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "accept_within_days", "reply_within_days", "max_reopens"]

    def has_add_permission(self, request) -> bool:
        return not NeedPolicy.objects.exists()


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["need", "department", "created_at"]
    raw_id_fields = ["need", "author"]
    list_select_related = ["need", "department"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record of what happened: looked up in the admin, never written there."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ["need", "action", "actor", "from_status", "to_status", "at"]
    list_filter = ["action"]
    raw_id_fields = ["need", "actor"]


@admin.register(FieldCorrection)
class FieldCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["need", "suggested", "chosen", "actor", "created_at"]
    list_filter = ["chosen"]
    raw_id_fields = ["need", "actor"]


@admin.register(HotIssue)
class HotIssueAdmin(ReadOnlyAdmin):
    list_display = ["rank", "title", "size", "heat", "first_at", "last_at", "computed_at"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["need", "user", "created_at"]
    raw_id_fields = ["need", "user"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["need", "user", "created_at"]
    raw_id_fields = ["need", "user"]
