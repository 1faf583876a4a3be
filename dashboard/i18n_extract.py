"""Babel extractor for Ortaq: the standard Python one, plus t() calls inside f-strings.

On Python 3.11 an f-string is a single token, so babel's extractor never sees a
`f"**{t('Source')}**"` call inside it. This adds those (literal arguments only), so `make i18n`
and the catalog test see every interface string the code shows.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from babel.messages.extract import extract_python

# A t() or N_() call whose whole first argument is one string literal, wherever it stands
# (a literal followed by another is an implicit concatenation: the standard extractor has it).
_CALL = re.compile(r"""\b(?:t|N_)\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")(?=\s*[,)])""")


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, function, message, comments) like babel's own extractors."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    text = source.decode(options.get("encoding", "utf-8"))
    for match in _CALL.finditer(text):
        message = match.group(1) if match.group(1) is not None else match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        yield line, "t", message.encode().decode("unicode_escape") if "\\" in message else message, []

