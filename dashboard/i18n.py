"""The one translation function for every interface string: `t("English text")`.

Message ids are the English strings themselves (the gettext convention), so English needs no
catalog and a missing translation falls back to readable English. Catalogs for other
languages live in dashboard/locales/<lang>/LC_MESSAGES/ortaq.po|.mo.
"""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "ortaq"
SUPPORTED_LANGUAGES = ("en",)
DEFAULT_LANGUAGE = "en"

# Per thread, not per process: Streamlit runs each session's script in its own thread, so two
# viewers in two languages never see each other's strings.
_current_language: ContextVar[str] = ContextVar("ortaq_language", default=DEFAULT_LANGUAGE)


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALES_DIR, languages=[lang], fallback=True)


def set_language(lang: str) -> None:
    """Choose the language `t` translates into (unknown codes fall back to English)."""
    _current_language.set(lang if lang in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    """The language `t` translates into."""
    return _current_language.get()


def t(message: str, **values: object) -> str:
    """Translate `message` and fill its `{placeholders}` from `values`."""
    text = _translations(_current_language.get()).gettext(message)
    return text.format(**values) if values else text
