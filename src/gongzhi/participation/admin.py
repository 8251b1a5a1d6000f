"""Django admin for the participation module, in Chinese; grid links are maintained here."""

from django.contrib import admin

from gongzhi.participation.models import (
    BudgetRound,
    Comment,
    Deliberation,
    Dispute,
    FieldSpace,
    GridPost,
    HelpPost,
    MicroProject,
    Statement,
    Survey,
    TalkDay,
)


@admin.register(FieldSpace)
class FieldSpaceAdmin(admin.ModelAdmin):
    list_display = ["field", "created_at"]


@admin.register(Deliberation)
class DeliberationAdmin(admin.ModelAdmin):
    list_display = ["question", "status", "space", "opened_at", "support_count", "oppose_count"]
    list_filter = ["status", "outcome", "space"]
    raw_id_fields = ["need", "routed_need", "routed_project", "routed_result", "opened_by"]


@admin.register(Comment, Statement)
class ModeratedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "deliberation", "is_hidden", "hidden_reason"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["deliberation", "author", "hidden_by"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "audience", "is_anonymous", "response_count"]
    list_filter = ["status", "audience", "is_anonymous"]


@admin.register(TalkDay)
class TalkDayAdmin(admin.ModelAdmin):
    list_display = ["topic", "community", "starts_at", "capacity", "registered_count", "status"]
    list_filter = ["status"]


@admin.register(MicroProject)
class MicroProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "status", "estimated_cost", "reviewed_cost", "votes"]
    list_filter = ["status"]
    raw_id_fields = ["proposer", "result", "budget_round"]


@admin.register(BudgetRound)
class BudgetRoundAdmin(admin.ModelAdmin):
    list_display = ["title", "community", "cap", "status", "ballot_count"]
    list_filter = ["status"]


@admin.register(HelpPost)
class HelpPostAdmin(admin.ModelAdmin):
    list_display = ["title", "direction", "kind", "community", "status"]
    list_filter = ["direction", "kind", "status"]


@admin.register(GridPost)
class GridPostAdmin(admin.ModelAdmin):
    list_display = ["member", "grid", "since"]
    raw_id_fields = ["member", "grid"]


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["title", "grid", "status", "created_at"]
    list_filter = ["status"]
