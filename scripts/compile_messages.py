"""Compile the kk/ru .po catalogues to .mo with polib (no GNU gettext needed at install)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent / "qorgau" / "locale"


def main() -> int:
    count = 0
    for po_path in sorted(ROOT.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(mo_path))
        count += 1
    print(f"compiled {count} catalogue(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
