"""A test double of the kiosk side of the protocol (the real agent uses the same module)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from nacl.public import PublicKey
from nacl.signing import SigningKey

from qorgau.complaints.protocol import Envelope, seal, sign_envelope, signed_request


def payload(**overrides) -> dict:
    data = {
        "about": "self",
        "categories": ["torture"],
        "description": "Меня избили в дежурной части 3 ноября. MARKER-PHRASE-7731",
        "event_date": "2026-11-03",
        "injuries": "синяки на спине",
        "consent_prosecutor": True,
        "consent_facility": False,
        "anonymous": False,
        "identity": {"full_name": "Сейтов Нурлан", "birth_date": "1990-05-17", "iin": ""},
        "language": "ru",
        "receipt": {"code": "ABCDE-FGH23", "secret": "472913"},
    }
    data.update(overrides)
    return data


@dataclass
class Kiosk:
    key: SigningKey = field(default_factory=SigningKey.generate)
    terminal: str = ""

    @property
    def verify_hex(self) -> str:
        return bytes(self.key.verify_key).hex()

    def deliver_body(
        self,
        data: dict,
        ombudsman_public_hex: str,
        key_id: str,
        *,
        message_id: str | None = None,
        sent_at: datetime | None = None,
    ) -> dict:
        envelope = Envelope(
            terminal=self.terminal,
            message_id=message_id or str(uuid.uuid4()),
            sent_at=(sent_at or datetime.now(UTC)).isoformat(timespec="seconds"),
            key_id=key_id,
            sealed=seal(data, PublicKey(bytes.fromhex(ombudsman_public_hex))),
        )
        return sign_envelope(envelope, self.key)

    def signed(self, **data) -> dict:
        return signed_request({"terminal": self.terminal, **data}, self.key)
