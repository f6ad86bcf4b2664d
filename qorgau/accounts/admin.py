from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from qorgau.core.admin import AuditedModelAdmin

from .models import ApiClient, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    filter_horizontal = ("facilities",)
    autocomplete_fields = ("region",)


@admin.register(User)
class UserAdmin(AuditedModelAdmin, BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "organisation", "is_active", "last_login")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Qorgau"), {"fields": ("full_name", "organisation")}),
    )


@admin.register(ApiClient)
class ApiClientAdmin(AuditedModelAdmin):
    list_display = ("name", "prefix", "scope", "revoked_at", "last_used_at")
    readonly_fields = ("prefix", "key_hash", "revoked_at", "last_used_at", "created_by")
    filter_horizontal = ("facilities",)

    def has_add_permission(self, request):
        # Keys are issued on the API clients page, which shows the secret once.
        return False
