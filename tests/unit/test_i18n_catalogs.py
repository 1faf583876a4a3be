"""Every interface string has a Kazakh and a Russian translation, and no catalog holds dead keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dashboard import i18n

REPO_ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
HOVER_TOKEN = re.compile(r"%\{[^{}]*\}")


def _code_messages() -> set[str]:
    """Every string passed to t() or N_() in dashboard/ (f-strings too), as `make i18n` extracts them."""
    found = extract_from_dir(
        str(REPO_ROOT / "dashboard"),
        method_map=[("**.py", "dashboard.i18n_extract:extract")],
        keywords={"t": None, "N_": None},
    )
    return {message for _file, _line, message, _comments, _context in found if message}


CODE_MESSAGES = _code_messages()


def _catalog(lang: str):
    with i18n.catalog_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_interface_string_is_translated(lang):
    """Each message in the code has a confirmed (non-fuzzy, non-empty) translation."""
    catalog = _catalog(lang)
    missing = sorted(m for m in CODE_MESSAGES if m not in catalog or not catalog[m].string or catalog[m].fuzzy)
    assert not missing, f"{len(missing)} lack a {lang} translation; run `make i18n`, then translate: {missing[:10]}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalog_holds_no_key_the_code_no_longer_uses(lang):
    """A catalog entry whose English text is gone from the code is dead weight for translators."""
    catalog = _catalog(lang)
    dead = sorted(m.id for m in catalog if m.id and m.id not in CODE_MESSAGES)
    assert not dead, f"{lang} catalog has keys the code no longer uses: {dead[:10]}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_translations_keep_every_placeholder(lang):
    """{value}-style fields and Plotly %{x} tokens survive translation, so formatting never breaks."""
    broken = [
        m.id
        for m in _catalog(lang)
        if m.id and m.string
        and (
            set(PLACEHOLDER.findall(m.id)) != set(PLACEHOLDER.findall(m.string))
            or sorted(HOVER_TOKEN.findall(m.id)) != sorted(HOVER_TOKEN.findall(m.string))
        )
    ]
    assert not broken, f"{lang}: placeholders differ in {broken[:10]}"


def test_t_translates_and_formats_in_the_current_language():
    """The same call gives English, Russian or Kazakh by the session's language."""
    results = {}
    for lang in ("en", "ru", "kk"):
        i18n.set_language(lang)
        results[lang] = (i18n.t("Overview"), i18n.t("USD {value} bn", value="11"))
    i18n.set_language("en")
    assert results["en"] == ("Overview", "USD 11 bn")
    assert results["ru"] == ("Обзор", "11 млрд долл. США")
    assert results["kk"] == ("Шолу", "11 млрд АҚШ доллары")


def test_unknown_language_falls_back_to_english():
    """An unsupported code never breaks the page: English is used."""
    i18n.set_language("xx")
    assert i18n.current_language() == "en"
    assert i18n.language_from_locale("ru-RU") == "ru"
    assert i18n.language_from_locale("kk_KZ") == "kk"
    assert i18n.language_from_locale("de-DE") is None
