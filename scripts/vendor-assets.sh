#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry.
# Government networks have no CDN access: every asset ships in the repo.
# Versions and licences are recorded in qorgau/core/static/vendor/VENDORED.md.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX_VERSION="${HTMX_VERSION:-2.0.4}"
# The prosecutors' viewing page plays the video gateway's HLS streams with hls.js.
HLSJS_VERSION="${HLSJS_VERSION:-1.7.4}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@${HTMX_VERSION}" >/dev/null && tar xzf htmx.org-*.tgz)
install -m 0644 "$tmp/package/dist/htmx.min.js" qorgau/core/static/vendor/htmx/htmx.min.js
install -m 0644 "$tmp/package/LICENSE" qorgau/core/static/vendor/htmx/LICENSE
(cd "$tmp" && rm -rf package && npm pack --silent "hls.js@${HLSJS_VERSION}" >/dev/null && tar xzf hls.js-*.tgz)
install -d qorgau/core/static/vendor/hls
install -m 0644 "$tmp/package/dist/hls.min.js" qorgau/core/static/vendor/hls/hls.min.js
install -m 0644 "$tmp/package/LICENSE" qorgau/core/static/vendor/hls/LICENSE
sha256sum qorgau/core/static/vendor/htmx/htmx.min.js qorgau/core/static/vendor/hls/hls.min.js
