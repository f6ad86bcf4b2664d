"""Roles, their capabilities and the scopes they may be given.

This table is the permissions matrix of docs/roles.md: change both together.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OMBUDSMAN_STAFF = "ombudsman_staff", _("Ombudsman staff")
    IDENTITY_CUSTODIAN = "identity_custodian", _("Identity custodian")
    NPM_PARTICIPANT = "npm_participant", _("NPM participant")
    NPM_COORDINATOR = "npm_coordinator", _("NPM coordinator")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    FACILITY_ADMIN = "facility_admin", _("Facility administration")
    MEDICAL_OFFICER = "medical_officer", _("Medical officer")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    EDUCATION_OFFICER = "education_officer", _("Education officer")
    ANALYST = "analyst", _("Analyst")
    SYSADMIN = "sysadmin", _("System administrator")


class ScopeKind(models.TextChoices):
    NATIONAL = "national", _("National")
    REGION = "region", _("Region")
    FACILITY = "facility", _("Facility")
    ASSIGNMENT = "assignment", _("Assignment")
    JURISDICTION = "jurisdiction", _("Jurisdiction")


class Cap:
    """Capabilities: what a role may do within its scope."""

    FACILITY_VIEW = "facility.view"
    FACILITY_CHANGE = "facility.change"
    PERSON_VIEW = "person.view"
    PERSON_CHANGE = "person.change"
    AUDIT_VIEW = "audit.view"
    USER_MANAGE = "user.manage"
    APICLIENT_MANAGE = "apiclient.manage"
    TERMINAL_MANAGE = "terminal.manage"
    COMPLAINT_VIEW = "complaint.view"
    COMPLAINT_HANDLE = "complaint.handle"
    IDENTITY_APPROVE = "identity.approve"
    ALLEGATION_VIEW = "allegation.view"
    ALLEGATION_HANDLE = "allegation.handle"
    REFERRAL_VIEW = "referral.view"
    REFERRAL_HANDLE = "referral.handle"
    MEDICAL_VIEW = "medical.view"
    MEDICAL_RECORD = "medical.record"
    FORCE_VIEW = "force.view"
    FORCE_RECORD = "force.record"
    SURVEILLANCE_VIEW = "surveillance.view"
    SURVEILLANCE_MANAGE = "surveillance.manage"
    # Video-system connectors (API clients only): camera health, holds to preserve.
    SURVEILLANCE_FEED = "surveillance.feed"
    VIDEO_WATCH = "video.watch"
    FOOTAGE_HOLD = "footage.hold"
    # NPM visits: read (participants only their teams' visits), work on site, coordinate.
    VISIT_VIEW = "visit.view"
    VISIT_CONDUCT = "visit.conduct"
    VISIT_COORDINATE = "visit.coordinate"
    # The visited authority: its reports once sent, never the interviews.
    VISIT_REPORT_RECEIVE = "visit.report.receive"
    RECOMMENDATION_VIEW = "recommendation.view"
    RECOMMENDATION_ANSWER = "recommendation.answer"
    RECOMMENDATION_MANAGE = "recommendation.manage"
    # Implementation rates: counts, no texts of unsent reports.
    RECOMMENDATION_STATS = "recommendation.stats"

    ALL = (
        FACILITY_VIEW,
        FACILITY_CHANGE,
        PERSON_VIEW,
        PERSON_CHANGE,
        AUDIT_VIEW,
        USER_MANAGE,
        APICLIENT_MANAGE,
        TERMINAL_MANAGE,
        COMPLAINT_VIEW,
        COMPLAINT_HANDLE,
        IDENTITY_APPROVE,
        ALLEGATION_VIEW,
        ALLEGATION_HANDLE,
        REFERRAL_VIEW,
        REFERRAL_HANDLE,
        MEDICAL_VIEW,
        MEDICAL_RECORD,
        FORCE_VIEW,
        FORCE_RECORD,
        SURVEILLANCE_VIEW,
        SURVEILLANCE_MANAGE,
        SURVEILLANCE_FEED,
        VIDEO_WATCH,
        FOOTAGE_HOLD,
        VISIT_VIEW,
        VISIT_CONDUCT,
        VISIT_COORDINATE,
        VISIT_REPORT_RECEIVE,
        RECOMMENDATION_VIEW,
        RECOMMENDATION_ANSWER,
        RECOMMENDATION_MANAGE,
        RECOMMENDATION_STATS,
    )


R = Role
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    R.OMBUDSMAN_STAFF: frozenset(
        {
            Cap.FACILITY_VIEW,
            Cap.PERSON_VIEW,
            Cap.COMPLAINT_VIEW,
            Cap.COMPLAINT_HANDLE,
            Cap.ALLEGATION_VIEW,
            Cap.ALLEGATION_HANDLE,
            Cap.FORCE_VIEW,
            Cap.SURVEILLANCE_VIEW,
            Cap.FOOTAGE_HOLD,
            Cap.VISIT_VIEW,
            Cap.RECOMMENDATION_VIEW,
            Cap.RECOMMENDATION_STATS,
        }
    ),
    R.IDENTITY_CUSTODIAN: frozenset({Cap.FACILITY_VIEW, Cap.PERSON_VIEW, Cap.IDENTITY_APPROVE}),
    # No visit.view: participants reach only the visits of teams they belong to, whatever
    # their membership's scope (visits/selectors.py).
    R.NPM_PARTICIPANT: frozenset({Cap.FACILITY_VIEW, Cap.VISIT_CONDUCT, Cap.RECOMMENDATION_VIEW}),
    R.NPM_COORDINATOR: frozenset(
        {
            Cap.FACILITY_VIEW,
            Cap.VISIT_VIEW,
            Cap.VISIT_CONDUCT,
            Cap.VISIT_COORDINATE,
            Cap.RECOMMENDATION_VIEW,
            Cap.RECOMMENDATION_MANAGE,
            Cap.RECOMMENDATION_STATS,
        }
    ),
    # Referrals in the jurisdiction: the letter and its follow-up, not the case file.
    R.PROSECUTOR: frozenset(
        {
            Cap.FACILITY_VIEW,
            Cap.PERSON_VIEW,
            Cap.REFERRAL_VIEW,
            Cap.REFERRAL_HANDLE,
            Cap.FORCE_VIEW,
            Cap.SURVEILLANCE_VIEW,
            Cap.VIDEO_WATCH,
            Cap.FOOTAGE_HOLD,
        }
    ),
    R.FACILITY_ADMIN: frozenset(
        {
            Cap.FACILITY_VIEW,
            Cap.FACILITY_CHANGE,
            Cap.PERSON_VIEW,
            Cap.PERSON_CHANGE,
            Cap.FORCE_VIEW,
            Cap.FORCE_RECORD,
            Cap.SURVEILLANCE_VIEW,
            Cap.SURVEILLANCE_MANAGE,
            Cap.VISIT_REPORT_RECEIVE,
            Cap.RECOMMENDATION_VIEW,
            Cap.RECOMMENDATION_ANSWER,
        }
    ),
    # Medical secrecy: examinations are read and written by medical roles only.
    R.MEDICAL_OFFICER: frozenset(
        {
            Cap.FACILITY_VIEW,
            Cap.PERSON_VIEW,
            Cap.MEDICAL_VIEW,
            Cap.MEDICAL_RECORD,
            Cap.FORCE_VIEW,
        }
    ),
    R.SOCIAL_WORKER: frozenset({Cap.FACILITY_VIEW, Cap.PERSON_VIEW}),
    R.EDUCATION_OFFICER: frozenset({Cap.FACILITY_VIEW, Cap.PERSON_VIEW}),
    R.ANALYST: frozenset({Cap.FACILITY_VIEW, Cap.RECOMMENDATION_STATS}),
    # Users, terminals, settings, reference data; no identity or case content.
    R.SYSADMIN: frozenset(
        {
            Cap.FACILITY_VIEW,
            Cap.FACILITY_CHANGE,
            Cap.AUDIT_VIEW,
            Cap.USER_MANAGE,
            Cap.APICLIENT_MANAGE,
            Cap.TERMINAL_MANAGE,
            Cap.SURVEILLANCE_VIEW,
            Cap.SURVEILLANCE_MANAGE,
        }
    ),
}

# Scopes each role may be given.
_GEO = {ScopeKind.NATIONAL, ScopeKind.REGION, ScopeKind.FACILITY}
ROLE_SCOPES: dict[str, set[str]] = {
    R.OMBUDSMAN_STAFF: {ScopeKind.NATIONAL, ScopeKind.REGION},
    R.IDENTITY_CUSTODIAN: {ScopeKind.NATIONAL, ScopeKind.REGION},
    R.NPM_PARTICIPANT: {ScopeKind.ASSIGNMENT, ScopeKind.REGION, ScopeKind.NATIONAL},
    R.NPM_COORDINATOR: {ScopeKind.NATIONAL, ScopeKind.REGION, ScopeKind.ASSIGNMENT},
    R.PROSECUTOR: {ScopeKind.JURISDICTION, ScopeKind.REGION, ScopeKind.NATIONAL},
    R.FACILITY_ADMIN: _GEO,
    R.MEDICAL_OFFICER: _GEO,
    R.SOCIAL_WORKER: _GEO,
    R.EDUCATION_OFFICER: _GEO,
    R.ANALYST: {ScopeKind.NATIONAL, ScopeKind.REGION},
    R.SYSADMIN: {ScopeKind.NATIONAL},
}

# Roles that read case content or identities must use two-factor login.
TWO_FACTOR_ROLES = frozenset(
    {
        R.OMBUDSMAN_STAFF,
        R.IDENTITY_CUSTODIAN,
        R.NPM_PARTICIPANT,
        R.NPM_COORDINATOR,
        R.PROSECUTOR,
        R.FACILITY_ADMIN,
        R.MEDICAL_OFFICER,
        R.SOCIAL_WORKER,
        R.EDUCATION_OFFICER,
        R.SYSADMIN,
    }
)
