from django.contrib import admin

from gongzhi.places.models import Department, Field, Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent", "code", "is_demo"]
    list_filter = ["level", "is_demo"]
    search_fields = ["^name", "^code"]
    autocomplete_fields = ["parent"]


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["^name", "^name_en"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "place", "is_active"]
    list_filter = ["is_active", "fields"]
    search_fields = ["^name"]
    filter_horizontal = ["fields"]
