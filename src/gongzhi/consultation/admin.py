"""Django admin for consultation: for looking things up and correcting data; lifecycle steps go
through the pages, which run the actions."""

from django.contrib import admin

from gongzhi.consultation.models import (
    Advice,
    ConflictDeclaration,
    ConsultationPolicy,
    Hearing,
    Invitation,
    Milestone,
    Opinion,
    Study,
    Topic,
    TopicList,
)


@admin.register(ConsultationPolicy)
class ConsultationPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opinion_within_days", "plan_within_days", "final_within_days"]


@admin.register(TopicList)
class TopicListAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "is_demo"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "topic_list", "field", "department", "priority", "status", "is_public"]
    list_filter = ["topic_list", "status", "priority", "field", "is_public", "is_demo"]
    search_fields = ["^title"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["search_words"]


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ["member"]


class OpinionInline(admin.StackedInline):
    model = Opinion
    extra = 0
    raw_id_fields = ["member"]


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    list_display = ["topic", "mode", "status", "opinions_due", "created_at"]
    list_filter = ["mode", "status"]
    raw_id_fields = ["topic", "created_by", "result"]
    inlines = [InvitationInline, OpinionInline]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    raw_id_fields = ["submitted_by"]


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["topic", "status", "plan_due", "final_due"]
    list_filter = ["status"]
    raw_id_fields = ["topic", "created_by", "result", "experts"]
    inlines = [MilestoneInline]


@admin.register(Advice)
class AdviceAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "department", "status", "submitted_at", "review_due"]
    list_filter = ["status", "field"]
    raw_id_fields = ["author", "topic"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    list_display = ["topic", "member", "note", "declared_at"]
    raw_id_fields = ["topic", "member"]
