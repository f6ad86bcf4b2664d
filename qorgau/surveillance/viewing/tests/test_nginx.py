"""The video gateway end to end: real nginx, configured from deploy/nginx/, in front of a
real server (gunicorn) and an HLS origin of small files this test writes.

A valid token plays (playlist and segments 200 through nginx); no token, a forged or an
expired one get 401; a camera outside the grant or a time outside its window get 403;
and every request nginx asked about is a ViewingDecision in the server's database.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from qorgau.surveillance.viewing.gateway import COOKIE_NAME, SECRET_HEADER, gateway_config
from qorgau.testing.live import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    NGINX,
    QORGAU,
    browser_marks,
    free_port,
    nginx_marks,
    prepare_server,
    running_server,
)

pytestmark = nginx_marks()

SECRET = "gateway-secret-of-the-integration-test"
SEGMENTS = 3
PASSWORD = "correct horse battery staple"  # UserFactory's

# Run inside the server's environment: two cameras at a facility of the demo, one at
# another, a prosecutor of the first one's region, and grants (live, archive, expired).
SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from qorgau.accounts.roles import Role, ScopeKind
from qorgau.facilities.models import Facility
from qorgau.surveillance.models import Camera, ViewingGrant
from qorgau.surveillance.viewing import services
from qorgau.surveillance.viewing.gateway import stream_url
from qorgau.surveillance.viewing.tokens import token_issue
from qorgau.testing.factories import UserFactory, grant

here, there = Facility.objects.exclude(region=None).order_by("code")[:2]
if there.region_id == here.region_id:
    there = Facility.objects.exclude(region=here.region).order_by("code").first()
cam = {
    code: Camera.objects.create(
        facility=f, code=code, vms_id=code, stream_path=f"cams/{code.lower()}"
    )
    for f, code in ((here, "GW-1"), (here, "GW-2"), (there, "GW-X"))
}
user = UserFactory(username="gateway_prosecutor")
grant(user, Role.PROSECUTOR, ScopeKind.JURISDICTION, region=here.region)
def make(**kw):
    return services.grant_create(actor=user, request=services.GrantRequest(
        facility=here, cameras=[cam["GW-1"]], purpose="routine", reason="Integration test", **kw))
end = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
live, old, page = make(), make(), make()
archive = make(mode="archive", window_from=end - timedelta(hours=1), window_to=end)
ViewingGrant.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
def url(g, c, window=None):
    return stream_url(grant=g.uuid, mode=g.mode, facility_code=c.facility.code,
                      stream_path=c.stream_path, window=window)
print(json.dumps({
    "username": user.username,
    "page": {"grant": str(page.uuid), "url": url(page, cam["GW-1"])},
    "live": {"grant": str(live.uuid),
             "token": token_issue(grant=live.uuid, expires_at=live.expires_at),
             "url": url(live, cam["GW-1"]), "other": url(live, cam["GW-2"]),
             "elsewhere": url(live, cam["GW-X"])},
    "archive": {"token": token_issue(grant=archive.uuid, expires_at=archive.expires_at),
                "url": url(archive, cam["GW-1"], (archive.window_from, archive.window_to)),
                "later": url(archive, cam["GW-1"], (end, end + timedelta(minutes=5)))},
    "expired": {"token": token_issue(grant=old.uuid, expires_at=ViewingGrant.objects.get(
                    pk=old.pk).expires_at), "url": url(old, cam["GW-1"])},
}))
"""

DECISIONS = """
import json
from qorgau.surveillance.models import ViewingDecision
print(json.dumps([
    [d.status_code, d.reason, d.path, d.camera.code if d.camera else None]
    for d in ViewingDecision.objects.order_by("id")
]))
"""


def _shell(env: dict, script: str):
    done = subprocess.run(
        [*QORGAU, "shell", "--no-imports", "-c", script],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _ts_segment(n: int) -> bytes:
    """A tiny MPEG-TS segment: null packets (PID 0x1FFF) numbered in their payload."""
    packet = bytes([0x47, 0x1F, 0xFF, 0x10]) + bytes([n]) * 184
    return packet * 4


def _playlist() -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:0"]
    for n in range(SEGMENTS):
        lines += ["#EXTINF:2.0,", f"seg-{n}.ts"]
    return "\n".join([*lines, "#EXT-X-ENDLIST", ""])


def _write_stream(root: Path, url: str) -> None:
    """The origin's files for a gateway URL: the path after /video/<grant>/."""
    folder = root / Path(url.split("/", 3)[3]).parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.m3u8").write_text(_playlist())
    for n in range(SEGMENTS):
        (folder / f"seg-{n}.ts").write_bytes(_ts_segment(n))


def _nginx_conf(tmp: Path, *, port: int, origin_port: int, qorgau: str, hls: Path) -> Path:
    files = gateway_config(
        qorgau=qorgau,
        origin=f"127.0.0.1:{origin_port}",
        access_log=str(tmp / "video.access.log"),
        secret=SECRET,
    )
    for name, text in files.items():
        (tmp / name).write_text(text)
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ application/vnd.apple.mpegurl m3u8; video/mp2t ts; }}
    access_log off;
    include {tmp}/qorgau-video-http.conf;
    # The video origin: the files a video system's HLS server would serve.
    server {{
        listen 127.0.0.1:{origin_port};
        root {hls};
    }}
    # The site: Qorgau and, on the same origin, the gateway under /video/.
    server {{
        listen 127.0.0.1:{port};
        include {tmp}/qorgau-video-locations.conf;
        location / {{
            proxy_pass http://qorgau_authorize;
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
    )
    return conf


@contextmanager
def _running_nginx(conf: Path, port: int):
    proc = subprocess.Popen(
        [NGINX, "-p", str(conf.parent), "-e", str(conf.parent / "error.log"), "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/video/", timeout=1)  # noqa: S310
            except urllib.error.HTTPError:
                break  # nginx answers (404 outside the layout)
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"nginx exited: {proc.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def _fetch(url: str, headers: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback only
    try:
        with urllib.request.urlopen(request, timeout=10) as r:  # noqa: S310 - loopback only
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _get(base: str, path: str, token: str | None = None) -> tuple[int, bytes]:
    """A viewer's request: the token in the cookie the viewing page set."""
    return _fetch(base + path, {"Cookie": f"{COOKIE_NAME}={token}"} if token else {})


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gateway")
    env = {
        **prepare_server(tmp / "var", people=20),
        "QORGAU_GATEWAY_SECRET": SECRET,
        # The browser test signs in with a password only: two factors are tested elsewhere.
        "QORGAU_2FA_WAIVED": "1",
    }
    streams = _shell(env, SETUP)
    hls = tmp / "hls"
    for url in (
        streams["live"]["url"],
        streams["live"]["other"],
        streams["live"]["elsewhere"],
        streams["archive"]["url"],
        streams["archive"]["later"],
    ):
        _write_stream(hls, url)
    port, origin_port, app_port = free_port(), free_port(), free_port()
    conf = _nginx_conf(
        tmp, port=port, origin_port=origin_port, qorgau=f"127.0.0.1:{app_port}", hls=hls
    )
    with running_server(env, port=app_port) as app, _running_nginx(conf, port) as base:
        yield {"base": base, "app": app, "env": env, "streams": streams, "tmp": tmp}


def test_the_gateway_plays_what_the_grant_allows_and_logs_every_request(gateway):
    base, s = gateway["base"], gateway["streams"]
    live, archive, expired = s["live"], s["archive"], s["expired"]
    before = len(_shell(gateway["env"], DECISIONS))  # other tests of the module may go first
    asked = []

    def check(path, token, status):
        code, body = _get(base, path, token)
        assert code == status, (path, code)
        asked.append(path.split("?")[0])
        return body

    # A valid token plays: the playlist, then every segment it lists.
    playlist = check(live["url"], live["token"], 200).decode()
    assert playlist == _playlist()
    segment_base = live["url"].rsplit("/", 1)[0]
    for n in range(SEGMENTS):
        assert check(f"{segment_base}/seg-{n}.ts", live["token"], 200) == _ts_segment(n)
    assert check(archive["url"], archive["token"], 200) == playlist.encode()

    # No token, a forged one, an expired one: 401.
    check(live["url"], None, 401)
    payload, signature = live["token"].split(".")
    check(live["url"], f"{payload}.{signature[::-1]}", 401)
    check(expired["url"], expired["token"], 401)
    # A genuine token, but a camera outside the grant (same facility, or another) or a
    # time outside the archive window: 403.
    check(live["other"], live["token"], 403)
    check(live["elsewhere"], live["token"], 403)
    check(archive["later"], archive["token"], 403)
    # A query string reaches neither the origin nor the decision log.
    check(live["url"] + "?token=leak-me", live["token"], 200)

    decisions = _shell(gateway["env"], DECISIONS)[before:]
    assert [d[2] for d in decisions] == asked
    assert [(d[0], d[1]) for d in decisions] == [
        *[(200, "ok")] * (2 + SEGMENTS),
        (401, "no_token"),
        (401, "bad_signature"),
        (401, "expired"),
        (403, "camera_not_in_grant"),
        (403, "camera_not_in_grant"),
        (403, "outside_window"),
        (200, "ok"),
    ]
    assert {d[3] for d in decisions} == {"GW-1", "GW-2", "GW-X"}


def test_nginx_logs_no_token_and_no_query_string(gateway):
    token = gateway["streams"]["live"]["token"]
    _get(gateway["base"], gateway["streams"]["live"]["url"] + "?secret=in-query", token)
    log = (gateway["tmp"] / "video.access.log").read_text()
    assert gateway["streams"]["live"]["url"] in log
    assert token not in log and "in-query" not in log and "?" not in log


def test_the_authorize_endpoint_is_not_an_oracle_from_outside(gateway):
    live = gateway["streams"]["live"]
    # Through nginx it does not exist.
    code, _ = _get(gateway["base"], "/api/v1/surveillance/authorize", live["token"])
    assert code == 404
    # Straight to the server, without the gateway's secret or with a wrong one, every
    # token gets the same 401.
    url = gateway["app"] + "/api/v1/surveillance/authorize"
    for token, secret in ((live["token"], None), ("forged.token", None), (live["token"], "x")):
        headers = {"X-Original-URI": live["url"], "Cookie": f"{COOKIE_NAME}={token}"}
        if secret:
            headers[SECRET_HEADER] = SECRET[:-1]
        assert _fetch(url, headers)[0] == 401


def test_addresses_outside_the_layout_never_reach_the_origin(gateway):
    live = gateway["streams"]["live"]
    grant_prefix = live["url"].rsplit("/live/", 1)[0]
    # nginx would normalise the dots away; Qorgau sees the raw request line and refuses it.
    sneaky = f"{grant_prefix}/live/x/../{live['other'].split('/live/', 1)[1]}"
    assert _get(gateway["base"], sneaky, live["token"])[0] == 403
    decision = _shell(gateway["env"], DECISIONS)[-1]
    assert decision[:2] == [403, "bad_path"] and decision[2] == sneaky
    assert _get(gateway["base"], "/video/not-a-grant/live/x/index.m3u8", live["token"])[0] == 404


def _with_browser(test):
    for mark in browser_marks():
        test = mark(test)
    return test


@_with_browser
def test_the_viewing_page_plays_through_the_gateway_with_its_cookie(gateway):
    """The page sets the cookie, hls.js fetches through nginx with it, under the CSP.

    The segments hold no picture (null packets), but the player takes the playlist's
    length from them, which shows hls.js really fed the video element.
    """
    from playwright.sync_api import sync_playwright

    # A grant of its own: this test ends it, whatever order the tests run in.
    base, live = gateway["base"], gateway["streams"]["page"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="en-GB")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        fetched: list[tuple[str, int]] = []
        page.on(
            "response",
            lambda r: fetched.append((r.url, r.status)) if "/video/" in r.url else None,
        )
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", gateway["streams"]["username"])
        page.fill("#id_password", PASSWORD)
        page.click("button.primary")
        page.goto(f"{base}/surveillance/viewing/{live['grant']}/")
        # The playlist, then its first segment, each asked of the gateway with the cookie.
        segment = f"{base}{live['url'].rsplit('/', 1)[0]}/seg-0.ts"
        page.wait_for_event("response", lambda r: r.url == segment, timeout=15000)
        assert (base + live["url"], 200) in fetched and (segment, 200) in fetched
        page.wait_for_function(
            f"document.querySelector('video[data-hls]').duration >= {2 * SEGMENTS}",
            timeout=15000,
        )
        cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE_NAME)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert cookie["path"] == f"/video/{live['grant']}/"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viewing-watch.png"), full_page=True)
        assert not [e for e in errors if "Content Security Policy" in e], errors

        # Ending the viewing drops the cookie and the gateway refuses the grant's streams.
        page.click("text=End the viewing now")
        assert COOKIE_NAME not in {c["name"] for c in page.context.cookies()}
        assert page.context.request.get(base + live["url"]).status == 401

        # The viewing's log: what its token fetched. The request without a token after
        # the end names no viewing: it shows in the log of the camera's jurisdiction.
        page.goto(f"{base}/surveillance/viewing/log/?grant={live['grant']}")
        rows = page.locator("table.table tbody tr").all_inner_texts()
        # The player may poll the live playlist once more while the viewing ends: refused.
        assert any("200 · Allowed" in row for row in rows)
        assert all("200 · Allowed" in row or "403 · Viewing ended" in row for row in rows)
        assert any(row.endswith(live["url"]) for row in rows)
        page.goto(f"{base}/surveillance/viewing/log/")
        newest = page.locator("table.table tbody tr").first.inner_text()
        assert "401 · No viewing token" in newest and newest.endswith(live["url"])
        page.screenshot(path=str(ARTIFACTS / "viewing-log.png"), full_page=True)
        page.goto(f"{base}/surveillance/viewing/new/")
        page.locator("#id_facility").select_option(index=1)
        page.click("button.primary")
        page.screenshot(path=str(ARTIFACTS / "viewing-new.png"), full_page=True)
        assert not [e for e in errors if "Content Security Policy" in e], errors
        browser.close()
