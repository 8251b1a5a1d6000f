"""Django admin for legal services: workstations, postings, duty and events.

Cases are deliberately not registered: a case is for its requester, its
envoy and the station lead only, and the admin would open it to every
superuser. Corrections to a case go through the case page's actions.
"""

from django.contrib import admin

from gongzhi.legal.event_models import OutreachEvent
from gongzhi.legal.models import DutySchedule, EnvoySpecialty, StationEnvoy, Workstation


class StationEnvoyInline(admin.TabularInline):
    model = StationEnvoy
    extra = 0
    raw_id_fields = ["envoy"]


class DutyScheduleInline(admin.TabularInline):
    model = DutySchedule
    extra = 0
    raw_id_fields = ["envoy"]


@admin.register(Workstation)
class WorkstationAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "hours", "phone", "lead"]
    search_fields = ["name", "community__name"]
    list_filter = ["is_demo"]
    raw_id_fields = ["lead"]
    inlines = [StationEnvoyInline, DutyScheduleInline]


@admin.register(EnvoySpecialty)
class EnvoySpecialtyAdmin(admin.ModelAdmin):
    list_display = ["envoy", "category"]
    list_filter = ["category"]
    raw_id_fields = ["envoy"]


@admin.register(OutreachEvent)
class OutreachEventAdmin(admin.ModelAdmin):
    list_display = ["topic", "community", "form", "starts_at", "status", "attendance"]
    list_filter = ["status", "form", "is_demo"]
    search_fields = ["topic"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["created_by"]
    filter_horizontal = ["organisers"]
