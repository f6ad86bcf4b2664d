"""Writes to accounts: memberships, API keys, two-factor devices."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.core.audit import audit_record

from .models import ApiClient, Membership, User, hash_api_key, scope_validate, user_or_none
from .roles import ROLE_SCOPES, Cap, ScopeKind


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    scope: str,
    region: Any = None,
    facilities: list | None = None,
) -> Membership:
    """Give `user` a role within a scope, refusing scopes the role cannot hold."""
    scope_validate(
        scope=scope,
        region=region,
        facility_count=len(facilities or []),
        allowed=ROLE_SCOPES.get(role, set()),
    )
    membership = Membership.objects.create(user=user, role=role, scope=scope, region=region)
    if facilities:
        membership.facilities.set(facilities)
    audit_record(
        actor=actor,
        action="membership.grant",
        obj=user,
        details={
            "role": role,
            "scope": scope,
            "region": region.code if region else None,
            "facilities": [f.code for f in facilities or []],
        },
    )
    user.__dict__.pop("_memberships_cache", None)
    user.__dict__.pop("_scope_cache", None)
    return membership


@transaction.atomic
def apiclient_issue(
    *,
    actor: Any,
    name: str,
    capabilities: list[str],
    scope: str,
    region: Any = None,
    facilities: list | None = None,
) -> tuple[ApiClient, str]:
    """Create an API client and return it with its key, shown this once and stored hashed."""
    unknown = set(capabilities) - set(Cap.ALL)
    if unknown or not capabilities:
        raise ValidationError({"capabilities": _("Choose at least one known capability.")})
    if scope not in (ScopeKind.NATIONAL, ScopeKind.REGION, ScopeKind.FACILITY):
        raise ValidationError(
            {"scope": _("An API client is scoped nationally, to a region or to facilities.")}
        )
    if scope == ScopeKind.REGION and region is None:
        raise ValidationError({"region": _("A regional scope needs a region.")})
    if scope == ScopeKind.FACILITY and not facilities:
        raise ValidationError({"facilities": _("This scope needs at least one facility.")})
    prefix = secrets.token_hex(4)
    secret = f"qg_{prefix}_{secrets.token_urlsafe(32)}"
    client = ApiClient.objects.create(
        name=name,
        prefix=prefix,
        key_hash=hash_api_key(secret),
        capabilities=sorted(capabilities),
        scope=scope,
        region=region,
        created_by=user_or_none(actor),
    )
    if facilities:
        client.facilities.set(facilities)
    audit_record(
        actor=actor,
        action="apiclient.issue",
        obj=client,
        details={"capabilities": sorted(capabilities), "scope": scope},
    )
    return client, secret


@transaction.atomic
def apiclient_revoke(*, actor: Any, client: ApiClient) -> ApiClient:
    """Revoke a key at once; it can never be used again."""
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action="apiclient.revoke", obj=client)
    return client


def apiclient_authenticate(key: str) -> ApiClient | None:
    """The active client holding `key`, or None."""
    parts = key.split("_")
    if len(parts) < 3 or parts[0] != "qg":
        return None
    client = ApiClient.objects.filter(prefix=parts[1], revoked_at__isnull=True).first()
    if client is None or not secrets.compare_digest(client.key_hash, hash_api_key(key)):
        return None
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device to enrol; earlier unconfirmed ones are discarded."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Qorgau", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm enrolment when the first code matches; audited."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=user, action="otp.enrol", obj=user)
    return True
