from django.contrib import admin

from qorgau.core.admin import AuditedModelAdmin

from .models import Facility, PopulationCount, Region, Zone


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ru", "name_kk", "is_city")
    search_fields = ("code", "name_ru", "name_kk", "name_en")


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0


@admin.register(Facility)
class FacilityAdmin(AuditedModelAdmin):
    list_display = ("code", "name_ru", "type", "agency", "region", "capacity", "status")
    list_filter = ("type", "agency", "status", "region")
    search_fields = ("code", "name_ru", "name_kk", "name_en")
    inlines = [ZoneInline]


@admin.register(PopulationCount)
class PopulationCountAdmin(AuditedModelAdmin):
    list_display = (
        "facility",
        "date",
        "men",
        "women",
        "juveniles",
        "convicted",
        "remand",
        "capacity",
    )
    list_filter = ("facility__region",)
    date_hierarchy = "date"
    raw_id_fields = ("facility",)
