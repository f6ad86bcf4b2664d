#!/usr/bin/env bash
# Refresh the vendored front-end assets from the npm registry.
# Government networks have no CDN access: every asset ships in the repo.
# Versions and licences are recorded in qorgau/core/static/vendor/VENDORED.md.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX_VERSION="${HTMX_VERSION:-2.0.4}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@${HTMX_VERSION}" >/dev/null && tar xzf htmx.org-*.tgz)
install -m 0644 "$tmp/package/dist/htmx.min.js" qorgau/core/static/vendor/htmx/htmx.min.js
install -m 0644 "$tmp/package/LICENSE" qorgau/core/static/vendor/htmx/LICENSE
sha256sum qorgau/core/static/vendor/htmx/htmx.min.js
