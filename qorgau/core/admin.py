from django.contrib import admin

from .audit import audit_record
from .models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes land in the audit chain like any other change.

    The admin runs each save inside a transaction, so the entry commits with it.
    """

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = f"admin.{'change' if change else 'add'}"
        audit_record(
            actor=request.user,
            action=action,
            obj=obj,
            details={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="admin.delete", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action="admin.delete", obj=obj)
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for obj in [*formset.new_objects, *(o for o, _f in formset.changed_objects)]:
            audit_record(
                actor=request.user,
                action="admin.inline",
                obj=obj,
                details={"parent": str(form.instance.pk)},
            )
        for obj in formset.deleted_objects:
            audit_record(actor=request.user, action="admin.inline.delete", obj=obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, also in the database."""

    list_display = ("id", "at", "actor_label", "action", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("actor_label", "object_id", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
