"""The one translation function for every interface string: `t(message)`.

Message ids are the English strings themselves (the gettext convention), so English needs no
catalog. Kazakh and Russian live in gettext catalogs, dashboard/locales/<lang>/LC_MESSAGES/
ortaq.po, the format translators' tools (Poedit, Weblate, Lokalize) edit; they are read
directly, so no compiled .mo file is kept in the repository. `make i18n` re-extracts the
messages from the code and updates the catalogs.
"""

from __future__ import annotations

import gettext
import io
import os
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "ortaq"
SUPPORTED_LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "en"
# Each language named in itself, so a reader finds theirs whatever the current language.
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}

# Per thread, not per process: Streamlit runs each session's script in its own thread, so two
# viewers in two languages never see each other's strings.
_current_language: ContextVar[str] = ContextVar("ortaq_language", default=DEFAULT_LANGUAGE)

# With ORTAQ_I18N_STRICT=1 every message that has no translation is recorded here, so a test
# can render every page in every language and list what a translator still has to do.
MISSING: set[tuple[str, str]] = set()


def catalog_path(lang: str) -> Path:
    """The .po file of one language."""
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    path = catalog_path(lang)
    if lang == DEFAULT_LANGUAGE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    # Fuzzy entries are guesses a translator has not confirmed: English is shown instead.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(lang: str) -> None:
    """Choose the language `t` translates into (unknown codes fall back to English)."""
    _current_language.set(lang if lang in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language `t` translates into."""
    return _current_language.get()


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for extraction where it is defined; translate it with `t` where shown."""
    return message


def t(message: str, **values: object) -> str:
    """Translate `message` and fill its `{placeholders}` from `values`."""
    lang = _current_language.get()
    text = message
    if lang != DEFAULT_LANGUAGE:
        translations = _translations(lang)
        text = translations.gettext(message)
        # Membership, not equality: "%" or "Alem.AI" may rightly stay as they are.
        if os.environ.get("ORTAQ_I18N_STRICT") and message not in getattr(translations, "_catalog", {}):
            MISSING.add((lang, message))
    return text.format(**values) if values else text


def localized(column: str) -> str:
    """The data column holding `column` in the reader's language: `name` -> `name_kk`."""
    return f"{column}_{_current_language.get()}"


def language_from_locale(locale: str | None) -> str | None:
    """The supported language of a browser locale such as `ru-RU` or `kk`, if any."""
    if not locale:
        return None
    code = locale.replace("_", "-").split("-")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else None


def translation_column() -> str:
    """The figures column with the quote's translation for the reader.

    The data holds English and Russian translations. Kazakh readers get the Russian one: the
    speeches' own words are Kazakh and need none, and Russian is the language the other
    sources' quotes are most often read in at Central Asian meetings.
    """
    return "quote_ru" if _current_language.get() in ("ru", "kk") else "quote_en"
