"""Users, their role memberships with scopes, and API clients."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.core.models import TimeStampedModel

from .roles import ROLE_CAPABILITIES, ROLE_SCOPES, TWO_FACTOR_ROLES, Role, ScopeKind


class User(AbstractUser):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def audit_label(self) -> str:
        return self.username

    def active_memberships(self) -> list[Membership]:
        cached = getattr(self, "_memberships_cache", None)
        if cached is None:
            now = timezone.now()
            cached = list(
                self.memberships.filter(
                    models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=now)
                )
                .select_related("region")
                .prefetch_related("facilities")
            )
            self._memberships_cache = cached
        return cached

    @property
    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships()}

    @property
    def needs_two_factor(self) -> bool:
        return self.is_superuser or bool(self.roles & TWO_FACTOR_ROLES)


class Scoped(models.Model):
    """Where a grant applies: nationally, in a region, or in listed facilities."""

    scope = models.CharField(_("scope"), max_length=16, choices=ScopeKind.choices)
    region = models.ForeignKey(
        "facilities.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    facilities = models.ManyToManyField(
        "facilities.Facility", verbose_name=_("facilities"), blank=True, related_name="+"
    )

    class Meta:
        abstract = True


def scope_validate(*, scope: str, region: object, facility_count: int, allowed: set[str]) -> None:
    """The one rule for any grant's scope (memberships, API clients), in the admin too."""
    if scope not in allowed:
        raise ValidationError({"scope": _("This role cannot be given this scope.")})
    if scope == ScopeKind.REGION and region is None:
        raise ValidationError({"region": _("A regional scope needs a region.")})
    if scope in (ScopeKind.FACILITY, ScopeKind.ASSIGNMENT) and facility_count == 0:
        raise ValidationError({"facilities": _("This scope needs at least one facility.")})
    if scope == ScopeKind.JURISDICTION and region is None and facility_count == 0:
        raise ValidationError({"region": _("A jurisdiction needs a region or facilities.")})


class Membership(Scoped, TimeStampedModel):
    """A role held within a scope: national, region, facilities, assignment or jurisdiction."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.get_scope_display()})"

    @property
    def capabilities(self) -> frozenset[str]:
        return ROLE_CAPABILITIES.get(self.role, frozenset())

    def clean(self) -> None:
        # The admin's inline saves facilities (many-to-many) after clean(), so their
        # count cannot be known here; membership_grant checks it with the same rule.
        if self.role and self.scope:
            scope_validate(
                scope=self.scope,
                region=self.region,
                facility_count=1,
                allowed=ROLE_SCOPES.get(self.role, set()),
            )


def hash_api_key(secret: str) -> str:
    # Keys are 256-bit random strings: a plain SHA-256 is enough to make the
    # stored value useless to a thief, and lets lookups stay constant-time-ish.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiClient(Scoped, TimeStampedModel):
    """An integration (a video system connector, a registry) calling the API with a key."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("key prefix"), max_length=12, unique=True)
    key_hash = models.CharField(_("key hash"), max_length=64)
    capabilities = models.JSONField(_("capabilities"), default=list)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return self.name

    # An API client acts as a principal of its own in the access layer.
    is_authenticated = True
    is_superuser = False

    @property
    def audit_label(self) -> str:
        return f"api:{self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def user_or_none(actor: object) -> User | None:
    """The acting person, or None when the actor is an API client or the system.

    Records keep people (`recorded_by`, `actor`); API clients are named in the audit log.
    """
    return actor if isinstance(actor, User) else None
