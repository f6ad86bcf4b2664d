"""The gateway's authorize endpoint: 200, 401 or 403 for each request, each one logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qorgau.accounts.models import Membership
from qorgau.accounts.roles import Role
from qorgau.surveillance.models import ViewingDecision, ViewingGrant
from qorgau.surveillance.viewing.gateway import (
    COOKIE_NAME,
    SECRET_HEADER,
    gateway_secret,
    stream_url,
)
from qorgau.surveillance.viewing.tokens import token_issue

URL = "/api/v1/surveillance/authorize"


@pytest.fixture
def ask(client):
    """Ask as nginx does: the gateway's secret, the viewer's cookie, the original URI."""

    def _ask(uri, token=None, secret=True):
        client.cookies.pop(COOKIE_NAME, None)  # keeps a signed-in session's cookie
        if token is not None:
            client.cookies[COOKIE_NAME] = token
        headers = {"HTTP_X_ORIGINAL_URI": uri}
        if secret:
            headers["HTTP_" + SECRET_HEADER.upper().replace("-", "_")] = gateway_secret()
        return client.get(URL, **headers)

    return _ask


def _token(g):
    return token_issue(grant=g.uuid, expires_at=g.expires_at)


def _url(g, camera, file="index.m3u8", window=None):
    if window is None and g.window_from:
        window = (g.window_from, g.window_to)
    return stream_url(
        grant=g.uuid,
        mode=g.mode,
        facility_code=camera.facility.code,
        stream_path=camera.stream_path,
        window=window,
        file=file,
    )


def _last():
    return ViewingDecision.objects.order_by("-id").first()


def test_a_valid_token_plays_its_camera_and_is_logged(ask, make_grant, cams):
    g = make_grant()
    r = ask(_url(g, cams["cell1"], "seg-00001.ts") + "?_HLS_msn=4", _token(g))
    assert r.status_code == 200 and r.content == b"" and r["Cache-Control"] == "no-store"
    d = _last()
    assert (d.grant, d.camera, d.status_code, d.reason) == (g, cams["cell1"], 200, "ok")
    assert d.path == _url(g, cams["cell1"], "seg-00001.ts")  # no query string
    assert abs(d.at - timezone.now()) < timedelta(seconds=5)


def test_no_token_is_401(ask, make_grant, cams):
    g = make_grant()
    assert ask(_url(g, cams["cell1"])).status_code == 401
    d = _last()
    assert (d.grant, d.camera, d.reason) == (None, cams["cell1"], "no_token")


def test_a_forged_token_is_401(ask, make_grant, cams):
    g = make_grant()
    payload, signature = _token(g).split(".")
    forged = f"{payload}.{signature[:-4]}AAAA"
    assert ask(_url(g, cams["cell1"]), forged).status_code == 401
    assert (_last().reason, _last().grant) == ("bad_signature", None)


def test_a_malformed_token_is_401(ask, make_grant, cams):
    g = make_grant()
    assert ask(_url(g, cams["cell1"]), "not-a-token").status_code == 401
    assert _last().reason == "malformed"


def test_an_expired_token_is_401_and_logged_against_its_grant(ask, make_grant, cams):
    g = make_grant()
    token = _token(g)
    ViewingGrant.objects.filter(pk=g.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert ask(_url(g, cams["cell1"]), token).status_code == 401
    d = _last()
    assert (d.grant, d.reason, d.status_code) == (g, "expired", 401)


def test_a_token_past_its_own_expiry_is_401(ask, make_grant, cams):
    g = make_grant()
    token = token_issue(grant=g.uuid, expires_at=timezone.now() - timedelta(seconds=1))
    assert ask(_url(g, cams["cell1"]), token).status_code == 401
    assert _last().reason == "expired"


def test_a_token_of_a_deleted_grant_is_401(ask, make_grant, cams):
    g = make_grant()
    token, url = _token(g), _url(g, cams["cell1"])
    g.delete()
    assert ask(url, token).status_code == 401
    assert _last().reason == "unknown_grant"


def test_a_revoked_grant_is_403(ask, make_grant, cams):
    g = make_grant()
    ViewingGrant.objects.filter(pk=g.pk).update(revoked_at=timezone.now())
    assert ask(_url(g, cams["cell1"]), _token(g)).status_code == 403
    assert (_last().reason, _last().grant) == ("revoked", g)


def test_a_camera_outside_the_grant_is_403(ask, make_grant, cams):
    g = make_grant()
    for camera in (cams["cell2"], cams["b"]):
        assert ask(_url(g, camera), _token(g)).status_code == 403
        d = _last()
        assert (d.camera, d.reason) == (camera, "camera_not_in_grant")


def test_an_unknown_stream_is_403(ask, make_grant, cams):
    g = make_grant()
    uri = f"/video/{g.uuid}/live/FA/nowhere/index.m3u8"
    assert ask(uri, _token(g)).status_code == 403
    assert (_last().camera, _last().reason) == (None, "camera_not_in_grant")


def test_an_address_outside_the_layout_is_403(ask, make_grant, cams):
    g = make_grant()
    uri = f"/video/{g.uuid}/live/FA/fa/sh-1/../../FB/fb/sh-b/index.m3u8"
    assert ask(uri, _token(g)).status_code == 403
    assert (_last().reason, _last().grant) == ("bad_path", g)


def test_another_grants_address_is_403(ask, make_grant, cams):
    mine, other = make_grant(), make_grant(cameras=[cams["cell2"]])
    assert ask(_url(other, cams["cell2"]), _token(mine)).status_code == 403
    assert _last().reason == "other_grant"


def test_live_and_archive_are_not_interchangeable(ask, make_grant, cams, hour_ago):
    live = make_grant()
    archive = make_grant(mode="archive", window_from=hour_ago[0], window_to=hour_ago[1])
    as_archive = (
        _url(live, cams["cell1"])
        .replace("/live/", "/archive/")
        .replace(
            "/index.m3u8",
            f"/{int(hour_ago[0].timestamp())}-{int(hour_ago[1].timestamp())}/index.m3u8",
        )
    )
    assert ask(as_archive, _token(live)).status_code == 403
    assert _last().reason == "wrong_mode"
    as_live = f"/video/{archive.uuid}/live/FA/{cams['cell1'].stream_path}/index.m3u8"
    assert ask(as_live, _token(archive)).status_code == 403
    assert _last().reason == "wrong_mode"


def test_archive_plays_inside_its_window_only(ask, make_grant, cams, hour_ago):
    start, end = hour_ago
    g = make_grant(mode="archive", window_from=start, window_to=end)
    token, cam = _token(g), cams["cell1"]
    inside = (start + timedelta(minutes=10), end - timedelta(minutes=10))
    assert ask(_url(g, cam), token).status_code == 200
    assert ask(_url(g, cam, "seg-1.ts", window=inside), token).status_code == 200
    for outside in [
        (start - timedelta(seconds=1), end),
        (start, end + timedelta(seconds=1)),
        (end + timedelta(minutes=1), end + timedelta(minutes=2)),
    ]:
        assert ask(_url(g, cam, window=outside), token).status_code == 403
        assert _last().reason == "outside_window"


def test_a_prosecutor_moved_out_of_the_jurisdiction_stops_at_once(
    ask, make_grant, cams, prosecutor
):
    g = make_grant()
    Membership.objects.filter(user=prosecutor, role=Role.PROSECUTOR).delete()
    assert ask(_url(g, cams["cell1"]), _token(g)).status_code == 403
    assert _last().reason == "out_of_jurisdiction"


def test_without_the_gateway_secret_nothing_is_told_or_logged(
    ask, make_grant, cams, login, prosecutor, world
):
    g = make_grant()
    url, token = _url(g, cams["cell1"]), _token(g)
    r = ask(url, token, secret=False)
    assert r.status_code == 401 and r["Content-Type"] == "application/problem+json"
    for user in (prosecutor, world.users[Role.SYSADMIN]):
        login(user)
        for t in (token, "forged.token"):
            r = ask(url, t, secret=False)
            assert r.status_code == 403 and r["Content-Type"] == "application/problem+json"
    assert not ViewingDecision.objects.exists()


def test_a_wrong_gateway_secret_is_no_secret(ask, client, make_grant, cams):
    g = make_grant()
    client.cookies[COOKIE_NAME] = _token(g)
    r = client.get(
        URL,
        HTTP_X_ORIGINAL_URI=_url(g, cams["cell1"]),
        HTTP_X_QORGAU_GATEWAY=gateway_secret()[:-1],
    )
    assert r.status_code == 401
    assert not ViewingDecision.objects.exists()


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    uri=st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from(
                [
                    "video",
                    "live",
                    "archive",
                    "FA",
                    "fa",
                    "sh-1",
                    "..",
                    "",
                    "%2e",
                    "1-2",
                    "index.m3u8",
                    "seg.ts",
                    "0" * 11 + "-" + "9" * 11,
                ]
            ),
            max_size=9,
        ).map(lambda parts: "/" + "/".join(parts)),
    ),
    token=st.one_of(
        st.text(max_size=200), st.from_regex(r"[A-Za-z0-9_-]{0,90}\.[A-Za-z0-9_-]{0,90}")
    ),
)
def test_any_request_gets_an_answer_and_a_log_entry(make_grant, uri, token):
    from qorgau.surveillance.viewing.services import viewing_authorize

    decision = viewing_authorize(token=token, uri=uri)
    assert decision.status_code in (401, 403) and decision.pk
    assert "?" not in decision.path and len(decision.path) <= 255
    assert decision.path.isascii() and decision.path.isprintable()
