from django.contrib import admin

from .models import Person, Placement


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    raw_id_fields = ("facility", "zone", "from_facility", "recorded_by")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Identity data: only superusers reach it here; staff use the audited pages."""

    list_display = ("surname", "given_name", "birth_date", "status", "current_facility")
    raw_id_fields = ("current_facility", "current_zone")
    search_fields = ("iin",)
    inlines = [PlacementInline]

    def has_module_permission(self, request):
        return request.user.is_superuser
