"""The kiosk's screens: start, the complaint one step a screen, the receipt, the status.

Answers travel in a hidden field from screen to screen and live nowhere else
until the last screen seals them; every response forbids caching.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError as PydanticError

from qorgau.complaints.choices import About, Category
from qorgau.complaints.protocol import new_receipt
from qorgau.complaints.receipt_forms import StatusForm
from qorgau.complaints.schemas import ComplaintPayload

from . import forms, runtime
from .client import Unreachable, seal_complaint


class NoStoreMiddleware:
    """Nothing the kiosk shows may stay in the browser's cache or history."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, max-age=0"
        response["Pragma"] = "no-cache"
        return response


@dataclass(frozen=True)
class Step:
    name: str
    form: type
    title: str


STEPS = [
    Step("about", forms.AboutForm, _("About whom")),
    Step("what", forms.WhatForm, _("What happened")),
    Step("account", forms.AccountForm, _("Your account")),
    Step("where", forms.WhereForm, _("Where and when")),
    Step("injuries", forms.InjuriesForm, _("Injuries")),
    Step("witnesses", forms.WitnessesForm, _("Witnesses")),
    Step("told", forms.ToldForm, _("Who knows already")),
    Step("consents", forms.ConsentForm, _("Your consent")),
    Step("identity", forms.IdentityForm, _("Your name")),
]
REVIEW = len(STEPS)


def _lang(request) -> str:
    lang = request.POST.get("lang") or request.GET.get("lang") or settings.LANGUAGE_CODE
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _carry_load(raw: str) -> dict:
    try:
        data = json.loads(base64.b64decode(raw or "e30=").decode())
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _carry_dump(data: dict) -> str:
    return base64.b64encode(json.dumps(data, default=str).encode()).decode()


def _service_state() -> dict:
    store = runtime.store()
    return {
        "active": store.get("status") == "active" and store.get("ombudsman_key") is not None,
        "pairing_code": store.get("pairing_code", ""),
        "facility": store.get("facility", ""),
        "fingerprint": (store.get("ombudsman_key") or {}).get("fingerprint", ""),
        "key_mismatch": store.get("key_mismatch"),
        # The key this one replaced after a rotation, so both show on the start screen.
        "key_replaced": (store.get("previous_keys") or [None])[-1],
        "waiting": store.depth(),
    }


def _form(index: int, data=None, initial=None):
    step = STEPS[index]
    kwargs = {"zones": runtime.store().get("zones", [])} if step.name == "where" else {}
    return step.form(data=data, initial=initial, **kwargs)


def _screen(request, lang, index, carry, form=None, status=200):
    ctx = {"lang": lang, "carry": _carry_dump(carry), "idle": settings.IDLE_SECONDS}
    if index >= REVIEW:
        ctx.update(step_no=REVIEW + 1, steps=REVIEW + 1, review=_review(carry), index=REVIEW)
        return render(request, "terminal/review.html", ctx, status=status)
    ctx.update(
        step=STEPS[index],
        index=index,
        step_no=index + 1,
        steps=REVIEW + 1,
        form=form or _form(index, initial=carry),
    )
    return render(request, "terminal/step.html", ctx, status=status)


def _review(carry: dict) -> list[tuple[str, str]]:
    cats = dict(Category.choices)
    zones = {z["uuid"]: z["name"] for z in runtime.store().get("zones", [])}
    yes_no = {"yes": _("Yes"), "no": _("No")}
    return [
        (_("About whom"), dict(About.choices).get(carry.get("about"), "")),
        (_("What happened"), ", ".join(str(cats.get(c, c)) for c in carry.get("categories", []))),
        (_("Your account"), carry.get("description", "")),
        (_("Where"), zones.get(carry.get("zone"), _("Not given"))),
        (
            _("When"),
            " ".join(filter(None, [carry.get("event_date") or "", carry.get("event_time", "")])),
        ),
        (_("Injuries"), carry.get("injuries", "")),
        (_("Witnesses"), carry.get("witnesses", "")),
        (_("Who knows already"), carry.get("told_already", "")),
        (_("Name may go to the prosecutor"), yes_no.get(carry.get("consent_prosecutor", "no"))),
        (_("Name may go to the facility"), yes_no.get(carry.get("consent_facility", "no"))),
        (_("Your name"), _("Anonymous") if carry.get("anonymous") else carry.get("full_name", "")),
    ]


@require_http_methods(["GET"])
def start(request):
    lang = _lang(request)
    with translation.override(lang):
        return render(
            request,
            "terminal/start.html",
            {"lang": lang, "state": _service_state(), "idle": settings.IDLE_SECONDS},
        )


@require_POST
def file_complaint(request):
    lang = _lang(request)
    with translation.override(lang):
        if not _service_state()["active"]:
            return render(
                request,
                "terminal/start.html",
                {"lang": lang, "state": _service_state(), "idle": settings.IDLE_SECONDS},
                status=503,
            )
        carry = _carry_load(request.POST.get("carry", ""))
        action = request.POST.get("action", "start")
        try:
            index = max(0, min(int(request.POST.get("index", 0)), REVIEW))
        except ValueError:
            index = 0
        if action == "start":
            return _screen(request, lang, 0, {})
        if action == "back":
            return _screen(request, lang, max(index - 1, 0), carry)
        if action == "submit" and index == REVIEW:
            return _submit(request, lang, carry)
        form = _form(index, data=request.POST)
        if not form.is_valid():
            return _screen(request, lang, index, carry, form=form, status=400)
        carry.update(
            {
                k: (v.isoformat() if hasattr(v, "isoformat") else v)
                for k, v in form.cleaned_data.items()
            }
        )
        return _screen(request, lang, index + 1, carry)


def _submit(request, lang, carry):
    code, secret = new_receipt()
    anonymous = bool(carry.get("anonymous"))
    data = {
        "about": carry.get("about", About.SELF),
        "categories": carry.get("categories", []),
        "description": carry.get("description", ""),
        "zone": carry.get("zone") or None,
        "event_date": carry.get("event_date") or None,
        "event_time": carry.get("event_time", ""),
        "injuries": carry.get("injuries", ""),
        "witnesses": carry.get("witnesses", ""),
        "told_already": carry.get("told_already", ""),
        "consent_prosecutor": carry.get("consent_prosecutor") == "yes",
        "consent_facility": carry.get("consent_facility") == "yes",
        "anonymous": anonymous,
        "identity": None
        if anonymous
        else {
            "full_name": carry.get("full_name", ""),
            "birth_date": carry.get("birth_date") or None,
            "iin": carry.get("iin", ""),
        },
        "victim_name": carry.get("victim_name", ""),
        "language": lang,
        "receipt": {"code": code, "secret": secret},
    }
    try:
        ComplaintPayload.model_validate(data)
    except PydanticError:
        return _screen(request, lang, 0, carry, status=400)
    pinned = runtime.store().get("ombudsman_key")
    # Sealed here, before anything touches the disk.
    runtime.store().enqueue(key_id=pinned["key_id"], sealed=seal_complaint(data, pinned["key"]))
    runtime.wake.set()
    return render(
        request,
        "terminal/receipt.html",
        {"lang": lang, "code": code, "secret": secret, "idle": settings.IDLE_SECONDS},
    )


@require_http_methods(["GET", "POST"])
def status(request):
    lang = _lang(request)
    with translation.override(lang):
        form = StatusForm(request.POST or None)
        ctx = {"lang": lang, "form": form, "idle": settings.IDLE_SECONDS}
        if request.method == "POST" and form.is_valid():
            ctx["result"] = _ask_status(form.normalised_code(), form.cleaned_data["secret"])
        return render(request, "terminal/status.html", ctx)


def _ask_status(code: str, secret: str) -> dict:
    store = runtime.store()
    try:
        status_code, data = runtime.client().signed(
            "status", store.get("terminal", ""), code=code, secret=secret
        )
    except Unreachable:
        return {"kind": "offline"}
    if status_code == 200:
        return {"kind": "found", **data}
    if status_code == 429:
        return {"kind": "limited"}
    return {"kind": "not_found"}
