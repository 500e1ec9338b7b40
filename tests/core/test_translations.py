"""The translation catalogues: each Lithuanian one complete and compiled, the English one present.

Every catalog is checked: the main one (src/kaimolink/locale) and each app's own
(src/kaimolink/<app>/locale), found with a glob when the tests are collected.

The .po files are read with a small parser (polib is not a dependency); each committed .mo
is read with Python's gettext and must hold the .po's texts; Django's own gettext is then
asked for every message, which proves no other catalog overrides it with another text.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LT_PLURAL_FORMS = (
    "nplurals=4; plural=(n % 10 == 1 && (n % 100 > 19 || n % 100 < 11) ? 0 : "
    "(n % 10 >= 2 && n % 10 <=9) && (n % 100 > 19 || n % 100 < 11) ? 1 : n % 1 != 0 ? 2: 3);"
)
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx%]")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file, the header (msgid "") first; obsolete ones are flagged."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = Entry()
        target = None  # (attribute, plural index)
        for line in block.splitlines():
            if line.startswith("#~"):
                entry.obsolete = True
            elif line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                attribute, index = target
                if attribute == "msgstr":
                    entry.msgstr[index] += _unquote(line)
                else:
                    setattr(entry, attribute, getattr(entry, attribute) + _unquote(line))
            else:
                keyword, _space, value = line.partition(" ")
                match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
                if match:
                    target = ("msgstr", int(match.group(1) or 0))
                    entry.msgstr[target[1]] = _unquote(value)
                else:
                    assert keyword in {"msgid", "msgid_plural", "msgctxt"}, line
                    target = (keyword, None)
                    setattr(entry, keyword, _unquote(value))
        entries.append(entry)
    return entries


SOURCE = Path(__file__).resolve().parents[2] / "src" / "kaimolink"


def _catalog_name(lt_po: Path) -> str:
    """ "main" for src/kaimolink/locale, else the app's folder ("homework", …)."""
    app = lt_po.parents[3]
    return "main" if app == SOURCE else app.relative_to(SOURCE).as_posix()


# Every Lithuanian catalog of the project, found when the tests are collected: the main one
# and each app's own (apps whose catalog does not exist yet are simply not collected).
LT_CATALOGS = {
    _catalog_name(path): path for path in sorted(SOURCE.glob("**/locale/lt/LC_MESSAGES/django.po"))
}
CATALOG_NAMES = sorted(LT_CATALOGS, key=lambda name: (name != "main", name))


def catalog(language: str, name: str = "main") -> Path:
    if name == "main":
        return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    return LT_CATALOGS[name].parents[2] / language / "LC_MESSAGES" / "django.po"


def header(entries: list[Entry]) -> dict[str, str]:
    first = entries[0]
    assert first.msgid == "" and first.msgctxt is None
    lines = [line for line in first.msgstr[0].splitlines() if line]
    return dict(line.split(": ", 1) for line in lines)


def test_main_catalog_is_found_with_its_settings_path():
    assert LT_CATALOGS["main"] == catalog("lt")


@pytest.fixture(scope="module", params=CATALOG_NAMES)
def name(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def lt_messages(name) -> list[Entry]:
    entries = parse_po(catalog("lt", name))
    return [e for e in entries[1:] if not e.obsolete]


def test_lithuanian_header_has_the_four_form_plural_rule(name):
    entries = parse_po(catalog("lt", name))
    fields = header(entries)
    assert fields["Plural-Forms"] == LT_PLURAL_FORMS
    assert fields["Language"] == "lt"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert "fuzzy" not in entries[0].flags


def test_lithuanian_catalog_is_complete(name, lt_messages):
    assert len(lt_messages) > (100 if name == "main" else 0)
    untranslated = [e.msgid for e in lt_messages if not all(e.msgstr.values())]
    fuzzy = [e.msgid for e in lt_messages if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []
    wrong_forms = [
        e.msgid
        for e in lt_messages
        if e.msgid_plural is not None and sorted(e.msgstr) != [0, 1, 2, 3]
    ]
    assert wrong_forms == []


def test_lithuanian_translations_keep_the_placeholders(lt_messages):
    for entry in lt_messages:
        if "python-format" not in entry.flags:
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural is not None:
            expected = sorted(PLACEHOLDER.findall(entry.msgid_plural))
        for text in entry.msgstr.values():
            assert sorted(PLACEHOLDER.findall(text)) == expected, (entry.msgid, text)


def test_lithuanian_translations_use_lithuanian_quotation_marks(lt_messages):
    for entry in lt_messages:
        for text in entry.msgstr.values():
            assert "”" not in text, text
            assert text.count("„") == text.count("“"), text


PLURAL_SAMPLES = ((1, 0), (3, 1), (12, 3), (21, 0), (111, 3))


def test_compiled_catalog_matches_the_po(name, lt_messages):
    """The committed .mo holds exactly the .po's texts (a .mo older than the .po would miss
    new entries or carry old texts). Read directly, whatever other catalogs say."""
    mo = catalog("lt", name).with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in lt_messages:
        if entry.msgid_plural is None:
            if entry.msgctxt is None:
                got = compiled.gettext(entry.msgid)
            else:
                got = compiled.pgettext(entry.msgctxt, entry.msgid)
            assert got == entry.msgstr[0], entry.msgid
        else:
            for n, form in PLURAL_SAMPLES:
                if entry.msgctxt is None:
                    got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                else:
                    got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                assert got == entry.msgstr[form], (entry.msgid, n)


def test_every_lithuanian_message_translates_through_django(name, lt_messages):
    """What people see is Django's merged catalog: the main catalog wins over the apps', and
    an app listed earlier in INSTALLED_APPS over a later one. A message an app translates
    differently from the catalog that wins is never shown as that app wrote it."""
    with translation.override("lt"):
        for entry in lt_messages:
            if entry.msgid_plural is None:
                if entry.msgctxt is None:
                    got = translation.gettext(entry.msgid)
                else:
                    got = translation.pgettext(entry.msgctxt, entry.msgid)
                assert got == entry.msgstr[0], f"{name}: {entry.msgid!r} shows as {got!r}"
            else:
                for n, form in PLURAL_SAMPLES:
                    if entry.msgctxt is None:
                        got = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                    else:
                        got = translation.npgettext(
                            entry.msgctxt, entry.msgid, entry.msgid_plural, n
                        )
                    assert got == entry.msgstr[form], f"{name}: {entry.msgid!r} ({n}) is {got!r}"


def test_known_lithuanian_texts():
    assert catalog("lt").with_suffix(".mo").is_file()
    with translation.override("lt"):
        assert translation.gettext("Rural development actors") == "Kaimo plėtros veikėjai"
        assert (
            translation.gettext("Some filters are not valid; correct them and search again.")
            == "Kai kurie filtrai netinkami; pataisykite juos ir ieškokite dar kartą."
        )
        found = [
            translation.ngettext("%(counter)s actor found", "%(counter)s actors found", n)
            % {"counter": n}
            for n in (1, 2, 10, 22, 101)
        ]
        assert found == [
            "Rastas 1 veikėjas",
            "Rasti 2 veikėjai",
            "Rasta 10 veikėjų",
            "Rasti 22 veikėjai",
            "Rastas 101 veikėjas",
        ]
        counts = [
            translation.ngettext("%(counter)s actor", "%(counter)s actors", n) % {"counter": n}
            for n in (1, 5, 0)
        ]
        assert counts == ["1 veikėjas", "5 veikėjai", "0 veikėjų"]
    with translation.override("en"):
        assert translation.gettext("Rural development actors") == "Rural development actors"


def test_english_catalog_exists_with_the_same_messages(name, lt_messages):
    en = parse_po(catalog("en", name))
    if name == "main":
        # (makemessages leaves the header empty in a new app catalog; gettext ignores it.)
        assert header(en)["Language"] == "en"
    assert catalog("en", name).with_suffix(".mo").is_file()
    keys = {(e.msgctxt, e.msgid) for e in en[1:] if not e.obsolete}
    assert keys == {(e.msgctxt, e.msgid) for e in lt_messages}


@pytest.mark.parametrize("language", ["lt", "en"])
@pytest.mark.parametrize("catalog_name", CATALOG_NAMES)
def test_catalogs_pass_msgfmt_check(catalog_name, language):
    if shutil.which("msgfmt") is None:  # scripts/test installs it; never skip silently
        pytest.fail("gettext's msgfmt is missing: apt-get install gettext", pytrace=False)
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(catalog(language, catalog_name))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_string_in_the_code_is_in_a_catalog(tmp_path):
    """makemessages over a copy of the code finds nothing the committed catalogs lack.

    The checks above read the catalogs; this one reads the code, so a string added
    without running makemessages (shown in English on a Lithuanian page) fails here.
    The copy keeps the real catalogs untouched: makemessages writes into the copy's.
    """
    if shutil.which("xgettext") is None:  # scripts/test installs gettext; never skip
        pytest.fail("gettext's xgettext is missing: apt-get install gettext", pytrace=False)
    package = Path(settings.LOCALE_PATHS[0]).parent
    copy = tmp_path / "kaimolink"
    shutil.copytree(
        package, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__", "static", "fonts")
    )
    (tmp_path / "copy_settings.py").write_text(
        f"from kaimolink.settings import *  # noqa\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        "DJANGO_SETTINGS_MODULE": "copy_settings",
        "KAIMOLINK_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "lt", "--no-obsolete"],
        cwd=copy, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    missing = []
    for po in sorted(copy.glob("**/locale/lt/LC_MESSAGES/django.po")):
        for entry in parse_po(po)[1:]:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or not all(entry.msgstr.values()) or not entry.msgstr:
                missing.append(f"{po.relative_to(copy)}: {entry.msgid!r}")
    assert missing == [], "run makemessages and translate:\n" + "\n".join(missing)
