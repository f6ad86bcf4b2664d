"""The gateway's URL layout, its secret and the nginx files rendered from deploy/nginx/."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from qorgau.surveillance.viewing import gateway
from qorgau.surveillance.viewing.gateway import PathError, stream_url, video_request_parse

G = uuid.UUID("2b1d3c4e-0000-4000-8000-000000000001")
T0, T1 = datetime(2026, 11, 2, 9, tzinfo=UTC), datetime(2026, 11, 2, 10, tzinfo=UTC)


def test_a_live_address_names_grant_facility_and_stream():
    video = video_request_parse(f"/video/{G}/live/UG-001/cams/sh-1/main/seg-00042.ts?x=1")
    assert (video.grant, video.mode, video.facility_code) == (G, "live", "UG-001")
    assert video.stream_path == "cams/sh-1/main" and video.window is None


def test_an_archive_address_carries_its_window():
    video = video_request_parse(
        f"/video/{G}/archive/UG-001/sh-1/{int(T0.timestamp())}-{int(T1.timestamp())}/index.m3u8"
    )
    assert video.mode == "archive" and video.stream_path == "sh-1"
    assert video.window == (T0, T1)


def test_the_player_addresses_follow_the_layout():
    url = stream_url(
        grant=G, mode="archive", facility_code="FA", stream_path="/fa/sh-1/", window=(T0, T1)
    )
    assert (
        url
        == f"/video/{G}/archive/FA/fa/sh-1/{int(T0.timestamp())}-{int(T1.timestamp())}/index.m3u8"
    )
    assert video_request_parse(url).window == (T0, T1)


@pytest.mark.parametrize(
    "uri",
    [
        f"/stream/{G}/live/FA/sh-1/index.m3u8",  # not under /video/
        f"/video/{G}/live/FA/index.m3u8",  # no stream path
        f"/video/{G}/live/FA/sh-1/../../FB/sh-b/index.m3u8",  # dot segments
        f"/video/{G}/live/FA/sh-1/%2e%2e/index.m3u8",  # percent-encoding
        f"/video/{G}/live/FA//sh-1/index.m3u8",  # empty segment
        f"/video/{G}/live/FA/sh-1/.hidden.ts",  # a segment starting with a dot
        f"/video/{G}/live/FA/sh-1/secret.txt",  # not an HLS file
        f"/video/{G}/replay/FA/sh-1/index.m3u8",  # unknown mode
        "/video/not-a-uuid/live/FA/sh-1/index.m3u8",
        f"/video/{G}/archive/FA/sh-1/index.m3u8",  # archive without a window
        f"/video/{G}/archive/FA/sh-1/200-100/index.m3u8",  # a window that ends first
        f"/video/{G}/archive/FA/100-200/index.m3u8",  # a window but no stream
        f"/video/{G}/archive/FA/sh-1/1-99999999999/index.m3u8",  # past what a date can hold
        "",
    ],
)
def test_addresses_outside_the_layout_are_refused(uri):
    with pytest.raises(PathError):
        video_request_parse(uri)


def test_the_log_keeps_no_query_string():
    assert gateway.path_only("/video/a/b.ts?token=x#y") == "/video/a/b.ts"
    assert gateway.loggable_path("/video/a/b.ts?token=x#y") == "/video/a/b.ts"


def test_the_log_keeps_odd_characters_escaped():
    assert gateway.loggable_path("/video/a\x00/ш%2e.ts") == "/video/a%00/%D1%88%2e.ts"
    assert len(gateway.loggable_path("/video/" + "ш" * 300)) == 255


def test_the_secret_is_compared_whole(monkeypatch):
    monkeypatch.setenv("QORGAU_GATEWAY_SECRET", "s3cret-of-the-gateway")
    gateway.gateway_secret.cache_clear()
    try:
        assert gateway.is_gateway("s3cret-of-the-gateway")
        assert not gateway.is_gateway("s3cret-of-the")
        assert not gateway.is_gateway("")
        assert not gateway.is_gateway(None)
    finally:
        monkeypatch.delenv("QORGAU_GATEWAY_SECRET")
        gateway.gateway_secret.cache_clear()


def test_the_nginx_files_are_rendered_whole():
    files = gateway.gateway_config(
        qorgau="127.0.0.1:8000",
        origin="10.1.2.3:8080",
        access_log="/var/log/nginx/qorgau-video.log",
        secret="a-secret-of-twenty-chars",
    )
    assert set(files) == set(gateway.TEMPLATE_FILES)
    text = "\n".join(files.values())
    assert "{{" not in text and "}}" not in text
    assert 'X-Qorgau-Gateway "a-secret-of-twenty-chars"' in text
    assert "auth_request" in text and "X-Original-URI $request_uri" in text
    # The log format names the path without its query string, and no cookie.
    log_format = next(line for line in text.splitlines() if "log_format" in line)
    assert "$request_uri" not in text.split("log_format", 1)[1].split(";", 1)[0]
    assert "cookie" not in log_format.lower()


@pytest.mark.parametrize("secret", ["short", 'has"quote-and-more-chars', "has$dollar-and-more"])
def test_a_secret_that_would_break_nginx_is_refused(secret):
    with pytest.raises(ValueError):
        gateway.gateway_config(qorgau="a", origin="b", access_log="c", secret=secret)


def test_a_missing_placeholder_value_is_an_error():
    with pytest.raises(KeyError):
        gateway.render_template("proxy_pass http://{{ nowhere }};", {})
