"""A simulated video-management system that feeds the health API over HTTP (`qorgau simulate-vms`).

It behaves as a connector does: every camera reports about once a minute (more
often when the rate allows), some go down (offline, no signal, recording failed)
and come back a few minutes later, a few are damaged, tampered with or
obstructed; some events are held back and sent in a later batch with their own
time (late events, as after a network failure), and now and then a batch is
sent again (a retry after a lost answer). Everything goes through the real API
with a connector's key, so what the server stores is what it would store from a
real video system.
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.request
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

DOWN = ("offline", "no_signal", "recording_failed")
DELIBERATE = ("damaged", "tampered", "obstructed")
# Per report of a camera: it goes down; a report is held back to be sent late.
P_DOWN, P_HOLD = 0.004, 0.01
# Per report of a camera that is down: it comes back (outages last minutes).
P_BACK = 0.05
# Per batch: it is sent a second time.
P_AGAIN = 0.03
# Held-back events go out this many batches later.
HOLD_BATCHES = 5


@dataclass
class Sim:
    """The simulated cameras and what is waiting to be sent."""

    cameras: list[tuple[str, str]]  # (facility code, vms id)
    rng: random.Random
    status: dict[int, str] = field(default_factory=dict)
    held: deque = field(default_factory=deque)
    last_batch: list[dict] | None = None
    cursor: int = 0
    batches: int = 0

    def report(self, i: int, at: datetime) -> tuple[dict, str]:
        """Camera i's next report and what kind it is (heartbeat, change, damage)."""
        now = self.status.get(i, "online")
        if now == "online" and self.rng.random() < P_DOWN:
            new = self.rng.choice(DELIBERATE if self.rng.random() < 0.2 else DOWN)
        elif now != "online" and self.rng.random() < P_BACK:
            new = "online"
        else:
            new = now
        self.status[i] = new
        kind = "heartbeat" if new == now else ("damage" if new in DELIBERATE else "change")
        facility, vms = self.cameras[i]
        return {"facility": facility, "camera": vms, "status": new, "at": at.isoformat()}, kind

    def batch(self, size: int, at: datetime) -> tuple[list[dict], Counter]:
        """The next batch: reports of the next cameras in turn, and events held back earlier."""
        self.batches += 1
        kinds: Counter = Counter()
        if self.last_batch is not None and self.rng.random() < P_AGAIN:
            kinds["sent again"] = len(self.last_batch)
            return self.last_batch, kinds
        events: list[dict] = []
        while self.held and self.held[0][0] <= self.batches:
            events.append(self.held.popleft()[1])
            kinds["late"] += 1
        seen = {e["camera"] for e in events}
        for _ in range(min(size, len(self.cameras))):
            i = self.cursor % len(self.cameras)
            self.cursor += 1
            if self.cameras[i][1] in seen:
                continue  # its late event goes in this batch: one report per camera
            event, kind = self.report(i, at)
            seen.add(event["camera"])
            if self.rng.random() < P_HOLD:
                self.held.append((self.batches + HOLD_BATCHES, event))
                kinds["held back"] += 1
                continue
            events.append(event)
            kinds[kind] += 1
        self.last_batch = events
        return events, kinds


def post(url: str, key: str, events: list[dict], timeout: float = 30) -> tuple[int, dict]:
    """POST a batch; the status and the JSON answer (a problem on errors)."""
    if not url.startswith(("http://", "https://")):
        raise ValueError("The server's URL starts with http:// or https://.")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=json.dumps({"events": events}).encode(),
        headers={"Content-Type": "application/json", "X-API-Key": key},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        body = exc.read()
        try:
            return exc.code, json.loads(body or b"{}")
        except ValueError:
            return exc.code, {"title": body[:200].decode(errors="replace")}


def run(
    *,
    url: str,
    key: str,
    cameras: list[tuple[str, str]],
    rate: float,
    duration: float,
    batch: int,
    seed: int,
    say: Callable[[str], None],
    send: Callable[[str, str, list[dict]], tuple[int, dict]] | None = None,
) -> Counter:
    """Feed events at about `rate` a second for `duration` seconds; returns the totals."""
    send = send or post
    sim = Sim(cameras=cameras, rng=random.Random(seed))
    totals: Counter = Counter()
    interval = batch / rate
    end = time.monotonic() + duration
    while time.monotonic() < end:
        started = time.monotonic()
        events, kinds = sim.batch(batch, datetime.now(UTC))
        if not events:
            break
        status, answer = send(url, key, events)
        totals.update(kinds)
        totals[f"HTTP {status}"] += 1
        if status == 200:
            totals.update({f"answer {k}": v for k, v in answer.items()})
        say(_line(events, kinds, status, answer))
        if status == 429:
            time.sleep(60)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
    return totals


def _line(events: list[dict], kinds: Counter, status: int, answer: dict) -> str:
    sent = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    if status == 200:
        got = " ".join(f"{k}={v}" for k, v in answer.items())
    else:
        got = f"{answer.get('title', '')} {answer.get('detail', '')}".strip()
    return f"{datetime.now().astimezone():%H:%M:%S} sent {len(events)} ({sent}) → {status} {got}"
