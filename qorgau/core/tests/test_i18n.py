from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

from qorgau.accounts.roles import Role

LOCALE = Path(settings.BASE_DIR) / "qorgau" / "locale"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_is_complete_with_no_fuzzy_entries(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not missing, f"{lang}: {len(missing)} untranslated or fuzzy, e.g. {missing[:5]}"
    assert "fuzzy" not in po.metadata_as_entry().flags


def _source_strings(tmp_path: Path) -> set[str]:
    """Every translatable msgid in the code and templates, extracted as makemessages does."""
    from django.utils.translation.template import templatize

    root = Path(settings.BASE_DIR) / "qorgau"
    sources = [
        p for p in root.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts
    ]
    for i, tpl in enumerate(root.rglob("templates/**/*.html")):
        out = tmp_path / f"tpl{i}.py"
        out.write_text(
            templatize(tpl.read_text(encoding="utf-8"), origin=str(tpl)), encoding="utf-8"
        )
        sources.append(out)
    pot = tmp_path / "django.pot"
    keywords = [
        "gettext_noop",
        "gettext_lazy",
        "ngettext_lazy:1,2",
        "pgettext:1c,2",
        "npgettext:1c,2,3",
        "pgettext_lazy:1c,2",
        "npgettext_lazy:1c,2,3",
    ]
    subprocess.run(
        [
            "xgettext",
            "--language=Python",
            "--from-code=UTF-8",
            "-o",
            str(pot),
            *[f"--keyword={k}" for k in keywords],
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
    )
    return {e.msgid for e in polib.pofile(str(pot)) if e.msgid}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_covers_every_string_in_the_source(lang, tmp_path):
    """A string added to the code but not to the catalogues fails here."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed: cannot extract strings")
    catalogue = {e.msgid for e in polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))}
    missing = _source_strings(tmp_path) - catalogue
    assert not missing, f"run `make messages` and translate: {sorted(missing)[:10]}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pages_render_in_kazakh_and_russian(world, login, client, lang):
    from django.utils import translation

    login(world.users[Role.FACILITY_ADMIN])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    with translation.override(lang):
        expected_nav = translation.gettext("Places of detention")
    assert expected_nav != "Places of detention"
    for url in (
        "/",
        "/facilities/",
        world.facility_a.get_absolute_url(),
        "/people/",
        "/people/admit/",
        world.person_a.get_absolute_url(),
    ):
        body = client.get(url).content.decode()
        assert f'lang="{lang}"' in body, url
        assert expected_nav in body, url


def test_language_switch_sets_the_cookie_and_returns(world, login, client):
    login(world.users[Role.ANALYST])
    r = client.post("/i18n/setlang/", {"language": "kk", "next": "/facilities/"})
    assert r.status_code == 302 and r["Location"] == "/facilities/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"
    assert 'lang="kk"' in client.get("/facilities/").content.decode()
