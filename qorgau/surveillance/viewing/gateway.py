"""The video gateway's side: its URL layout, its shared secret and its nginx configuration.

URL layout (docs/surveillance.md, "Prosecutor viewing and the video gateway"):

    /video/<grant uuid>/live/<facility code>/<stream path>/<file>
    /video/<grant uuid>/archive/<facility code>/<stream path>/<from>-<to>/<file>

`<from>` and `<to>` are Unix seconds (UTC); `<file>` is an HLS playlist or segment.
The grant's id in the path lets each grant's cookie be scoped to its own path, so
two grants watched in two tabs do not overwrite each other's token. nginx strips
`/video/<grant uuid>/` and asks the video origin for the rest, without the query
string, so the origin serves exactly the stretch that was authorized.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from ..choices import ViewingMode

PREFIX = "/video/"
# The header nginx adds to its authorize subrequests; a caller without it is not the gateway.
SECRET_HEADER = "X-Qorgau-Gateway"  # noqa: S105 - a header name, not a secret
COOKIE_NAME = "qorgau_view"
# Plain characters only: with no percent-encoding, dot segments or empty segments, the raw
# URI we check is the very path nginx normalises and passes on; nothing can differ.
_SEGMENT = re.compile(r"^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$")
# Unix seconds up to ten digits: until the year 2286, well inside what datetime holds.
_WINDOW = re.compile(r"^(\d{1,10})-(\d{1,10})$")
HLS_SUFFIXES = (".m3u8", ".ts", ".m4s", ".mp4", ".aac", ".vtt")
TEMPLATES = settings.BASE_DIR / "deploy" / "nginx"
TEMPLATE_FILES = ("qorgau-video-http.conf", "qorgau-video-locations.conf")


class PathError(Exception):
    """A URI outside the layout: the gateway is told no, whatever the token."""


@dataclass(frozen=True)
class VideoRequest:
    grant: uuid.UUID
    mode: str
    facility_code: str
    stream_path: str
    window: tuple[datetime, datetime] | None


def path_only(uri: str) -> str:
    """The URI without its query string or fragment, as the decision log keeps it."""
    return uri.split("?", 1)[0].split("#", 1)[0]


def loggable_path(uri: str) -> str:
    """The path for the decision log: no query string, ASCII only (odd bytes %-escaped)."""
    return quote(path_only(uri), safe="/%:@!$&'()*+,;=-._~")[:255]


def video_request_parse(uri: str) -> VideoRequest:
    """What a gateway URI asks for, or PathError when it does not follow the layout."""
    path = path_only(uri)
    if not path.startswith(PREFIX):
        raise PathError
    parts = path[len(PREFIX) :].split("/")
    if len(parts) < 5 or not all(_SEGMENT.match(p) for p in parts):
        raise PathError
    grant, mode, facility_code, *rest = parts
    if not rest[-1].endswith(HLS_SUFFIXES):
        raise PathError
    try:
        grant_id = uuid.UUID(grant)
    except ValueError:
        raise PathError from None
    window = None
    stream = rest[:-1]
    if mode == ViewingMode.ARCHIVE and len(stream) > 1:
        window, stream = _window(stream[-1]), stream[:-1]
    elif mode != ViewingMode.LIVE:
        raise PathError
    if not stream:
        raise PathError
    return VideoRequest(grant_id, mode, facility_code, "/".join(stream), window)


def _window(segment: str) -> tuple[datetime, datetime]:
    match = _WINDOW.match(segment)
    if not match:
        raise PathError
    start, end = (datetime.fromtimestamp(int(n), tz=UTC) for n in match.groups())
    if end <= start:
        raise PathError
    return start, end


def stream_url(
    *,
    grant: uuid.UUID,
    mode: str,
    facility_code: str,
    stream_path: str,
    window: tuple[datetime, datetime] | None,
    file: str = "index.m3u8",
) -> str:
    """The gateway URL of a camera's playlist under a grant (the layout above)."""
    parts = [PREFIX.rstrip("/"), str(grant), mode, facility_code, stream_path.strip("/")]
    if mode == ViewingMode.ARCHIVE and window:
        parts.append(f"{int(window[0].timestamp())}-{int(window[1].timestamp())}")
    return "/".join([*parts, file])


def cookie_path(grant: uuid.UUID) -> str:
    return f"{PREFIX}{grant}/"


def stream_path_valid(stream_path: str) -> bool:
    """Whether a camera's stream path can be reached through the layout at all."""
    return bool(stream_path.strip("/")) and all(
        _SEGMENT.match(p) for p in stream_path.strip("/").split("/")
    )


@lru_cache(maxsize=1)
def gateway_secret() -> str:
    """The secret nginx sends in its subrequests: the environment's, else var/gateway_secret."""
    if value := os.environ.get("QORGAU_GATEWAY_SECRET"):
        return value
    path = settings.VAR_DIR / "gateway_secret"
    if not path.exists():
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def is_gateway(presented: str | None) -> bool:
    """Whether the caller presented the gateway's secret (compared in constant time)."""
    return bool(presented) and hmac.compare_digest(presented.encode(), gateway_secret().encode())


_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,}$")
_PLACEHOLDER = re.compile(r"\{\{ *([a-z_]+) *\}\}")


def render_template(text: str, values: dict[str, str]) -> str:
    """Fill `{{ name }}` placeholders; a missing value is an error, not an empty string."""

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for {{{{ {name} }}}}")
        return values[name]

    return _PLACEHOLDER.sub(fill, text)


def gateway_config(
    *,
    qorgau: str,
    origin: str,
    access_log: str,
    secret: str | None = None,
    templates: Path = TEMPLATES,
) -> dict[str, str]:
    """The nginx files of the gateway (name -> text), from the templates in deploy/nginx/."""
    secret = secret or gateway_secret()
    if not _SECRET.match(secret):
        # It is written between quotes in nginx's configuration, where `$` or `"` would break it.
        raise ValueError("the gateway secret must be 16 or more of A-Z a-z 0-9 _ -")
    values = {
        "qorgau": qorgau,
        "origin": origin,
        "access_log": access_log,
        "gateway_secret": secret,
    }
    return {
        name: render_template((templates / f"{name}.template").read_text(), values)
        for name in TEMPLATE_FILES
    }
