"""Viewing tokens: what Qorgau signed reads back; anything else is malformed or forged."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from nacl.signing import SigningKey

from qorgau.surveillance.viewing import tokens
from qorgau.surveillance.viewing.tokens import TokenError, token_issue, token_verify

EXPIRES = datetime(2026, 11, 2, 10, 15, tzinfo=UTC)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _reason(token: str) -> str:
    with pytest.raises(TokenError) as exc:
        token_verify(token)
    return exc.value.reason


def test_a_token_carries_its_grant_and_expiry():
    grant = uuid.uuid4()
    claims = token_verify(token_issue(grant=grant, expires_at=EXPIRES + timedelta(microseconds=7)))
    assert claims.grant == grant and claims.expires_at == EXPIRES


def test_a_token_is_url_safe_and_short():
    token = token_issue(grant=uuid.uuid4(), expires_at=EXPIRES)
    assert len(token) < 200 and set(token) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
    )


def test_a_changed_payload_is_forged():
    token = token_issue(grant=uuid.uuid4(), expires_at=EXPIRES)
    _payload, signature = token.split(".")
    later = {"v": 1, "g": str(uuid.uuid4()), "exp": int(EXPIRES.timestamp()) + 3600}
    assert _reason(f"{_b64(json.dumps(later).encode())}.{signature}") == "bad_signature"


def test_a_token_signed_by_another_key_is_forged():
    payload = json.dumps({"v": 1, "g": str(uuid.uuid4()), "exp": 2_000_000_000}).encode()
    signature = SigningKey.generate().sign(tokens.DOMAIN + payload).signature
    assert _reason(f"{_b64(payload)}.{_b64(signature)}") == "bad_signature"


def test_a_signature_without_the_domain_prefix_is_forged():
    payload = json.dumps({"v": 1, "g": str(uuid.uuid4()), "exp": 2_000_000_000}).encode()
    signature = tokens.signing_key().sign(payload).signature
    assert _reason(f"{_b64(payload)}.{_b64(signature)}") == "bad_signature"


@pytest.mark.parametrize(
    "token",
    ["garbage", "a.b.c", "!!!.???", "abc.def", "." * 1, "x" * 600 + ".y", "eyJ2IjoxfQ." + "A" * 10],
)
def test_malformed_tokens_are_refused_as_such(token):
    assert _reason(token) == "malformed"


def test_no_token_is_named_so():
    assert _reason("") == "no_token"


def test_a_genuine_token_of_another_format_is_malformed():
    payload = json.dumps({"v": 2, "g": str(uuid.uuid4()), "exp": 2_000_000_000}).encode()
    signature = tokens.signing_key().sign(tokens.DOMAIN + payload).signature
    assert _reason(f"{_b64(payload)}.{_b64(signature)}") == "malformed"


def test_a_genuine_token_with_an_impossible_expiry_is_malformed():
    payload = json.dumps({"v": 1, "g": str(uuid.uuid4()), "exp": 10**20}).encode()
    signature = tokens.signing_key().sign(tokens.DOMAIN + payload).signature
    assert _reason(f"{_b64(payload)}.{_b64(signature)}") == "malformed"


def test_the_key_comes_from_the_environment_when_set(monkeypatch):
    seed = "11" * 32
    monkeypatch.setenv("QORGAU_VIEWING_SIGNING_KEY", seed)
    tokens.signing_key.cache_clear()
    try:
        assert bytes(tokens.signing_key()) == bytes.fromhex(seed)
    finally:
        monkeypatch.delenv("QORGAU_VIEWING_SIGNING_KEY")
        tokens.signing_key.cache_clear()


def test_the_key_file_is_made_once_and_private(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    tokens.signing_key.cache_clear()
    try:
        first = bytes(tokens.signing_key())
        tokens.signing_key.cache_clear()
        assert bytes(tokens.signing_key()) == first
        assert (tmp_path / "viewing_signing_key").stat().st_mode & 0o777 == 0o600
    finally:
        tokens.signing_key.cache_clear()
