"""Form drafts (qorgau/core/drafts.py): per user and key, cleared on submission, purged."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from qorgau.core.drafts import drafts_purge
from qorgau.core.models import FormDraft

URL = "/drafts/"


def save(client, key, text, saved_at=1):
    return client.post(
        URL,
        data=json.dumps({"key": key, "data": {"fields": {"notes": text}, "saved_at": saved_at}}),
        content_type="application/json",
    )


def test_a_user_keeps_and_reads_back_their_own_draft(db, site, login, client):
    login(site.participant)
    key = f"interview:{site.a.uuid}"
    assert save(client, key, "Первые слова").status_code == 200
    assert save(client, key, "Первые слова и ещё", saved_at=2).status_code == 200
    body = client.get(URL, {"key": key}).json()
    assert body["data"]["fields"]["notes"] == "Первые слова и ещё"
    assert FormDraft.objects.get().user == site.participant


def test_another_user_never_reads_someone_elses_draft(db, site, login, client):
    login(site.participant)
    key = f"interview:{site.a.uuid}"
    save(client, key, "Секретные записи")
    for other in (site.coordinator, site.staff, site.outsider):
        login(other)
        body = client.get(URL, {"key": key}).json()
        assert body["data"] is None and "Секретные" not in json.dumps(body)
        # Discarding "their" draft of the same key leaves the participant's alone.
        client.post(
            URL, data=json.dumps({"key": key, "discard": True}), content_type="application/json"
        )
    assert (
        FormDraft.objects.get(user=site.participant).data["fields"]["notes"] == "Секретные записи"
    )


def test_discard_forgets_the_draft(db, site, login, client):
    login(site.participant)
    save(client, "observation:x", "Сырость")
    r = client.post(URL, {"key": "observation:x", "discard": "1"})
    assert r.status_code == 200 and not FormDraft.objects.exists()


def test_bad_key_or_body_is_refused_and_changes_nothing(db, site, login, client):
    login(site.participant)
    assert save(client, "../etc/passwd", "x").status_code == 400
    assert save(client, "", "x").status_code == 400
    r = client.post(URL, data="{not json", content_type="application/json")
    assert r.status_code == 400
    r = client.post(
        URL, data=json.dumps({"key": "k", "data": {"fields": "x"}}), content_type="application/json"
    )
    assert r.status_code == 400
    assert save(client, "big", "я" * 200_000).status_code == 400
    assert client.get(URL, {"key": "a b"}).status_code == 400
    assert not FormDraft.objects.exists()


def test_anonymous_is_sent_to_sign_in(db, client):
    r = client.post(URL, data=json.dumps({"key": "k", "data": {}}), content_type="application/json")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert not FormDraft.objects.exists()


def test_csrf_is_required(db, site, login, client):
    login(site.participant)
    client.handler.enforce_csrf_checks = True
    r = client.post(URL, data=json.dumps({"key": "k", "data": {}}), content_type="application/json")
    assert r.status_code == 403 and not FormDraft.objects.exists()


def test_successful_submission_clears_the_draft_and_leaves_its_token(db, site, login, client):
    login(site.participant)
    key = f"interview:{site.a.uuid}"
    save(client, key, "Жалоб нет")
    held = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "kind": "individual",
        "group_size": 1,
        "pseudonym": "Гость",
        "held_at": held,
        "notes": "Жалоб нет",
        "_draft_key": key,
        "_draft_token": "tok-0123456789",
    }
    # Refused (an IIN as pseudonym): the draft stays.
    r = client.post(f"/visits/{site.a.uuid}/interviews/", {**data, "pseudonym": "900517300123"})
    assert r.status_code == 400
    assert client.get(URL, {"key": key}).json()["data"]["fields"]["notes"] == "Жалоб нет"
    r = client.post(f"/visits/{site.a.uuid}/interviews/", data)
    assert r.status_code == 302
    body = client.get(URL, {"key": key}).json()
    assert body["data"] is None and body["cleared_token"] == "tok-0123456789"


def test_drafts_are_purged_after_the_retention_period(db, site, settings):
    settings.QORGAU_DRAFT_DAYS = 7
    old = FormDraft.objects.create(user=site.participant, key="old", data={"fields": {"a": "b"}})
    FormDraft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=8))
    FormDraft.objects.create(user=site.participant, key="new", data={"fields": {"a": "b"}})
    assert drafts_purge() == 1
    assert list(FormDraft.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.parametrize("n", [300])
def test_a_user_cannot_keep_unlimited_drafts(db, site, login, client, n):
    FormDraft.objects.bulk_create(
        FormDraft(user=site.participant, key=f"k{i}", data={}) for i in range(n)
    )
    login(site.participant)
    assert save(client, "one-more", "x").status_code == 400
    assert save(client, "k1", "x").status_code == 200  # replacing one is fine
