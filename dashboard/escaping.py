"""Data and URL text shown as the text it is, never as Markdown, HTML or a Plotly label tag.

Streamlit renders Markdown in st.markdown, st.caption, alerts, headings and most labels, and
Plotly renders a subset of HTML (<b>, <br>, <a>, <span style>) in hover text, legends and tick
labels. A curator's CSV or a link's parameter is neither: a quote holding `**`, `<img ...>` or
`[x](http://...)` must show those characters, not a bold word, an image fetched from a stranger's
server or a link. Pure functions, no Streamlit: chart builders use them too.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

# Every ASCII punctuation character may be backslash-escaped in CommonMark. These are escaped
# wherever they stand: all that can start or end inline syntax (emphasis, code, links, images,
# Streamlit's :colour[...] directives, HTML, entities, maths, strikethrough, tables) and all that
# start a block at the beginning of a line (headings, list items, block quotes, breaks).
_ALWAYS = "\\`*_{}[]()#+-.!|<>~$&"
_ALWAYS_TABLE = str.maketrans({char: "\\" + char for char in _ALWAYS})
# "=" only matters as a setext underline (a line of = under a paragraph makes it a heading); it is
# escaped there only, so "B − A = 31" keeps its plain form.
_LINE_MARKER = re.compile(r"(?m)^([ \t]*)(?=[=][= \t]*$)")
# GFM also turns bare addresses in the text into links (http://..., www...., name@host), after the
# escapes are read, so escaping cannot stop it. A word joiner (U+2060: invisible, zero width) inside
# each pattern does.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)")


def md_text(value: object) -> str:
    """`value` as Markdown source that renders exactly as its characters: no syntax, no HTML, no links."""
    # Markdown ends a line at \r too; one kind of line end keeps the line-start rules below whole.
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _AUTOLINK.sub(WORD_JOINER, text).translate(_ALWAYS_TABLE)
    return _LINE_MARKER.sub(r"\1\\", text)


def plotly_text(value: object) -> str:
    """`value` for a Plotly label that may hold tags (<b>, <br>): &, < and > become entities.

    Plotly decodes &amp; &lt; &gt; (and numeric entities) but not &quot;, so quotes stay as they are.
    """
    return html.escape(str(value), quote=False)


def md_link(label: str, url: object) -> str:
    """A Markdown link to an http(s) address from the data, or "" for anything else.

    The label is escaped, and characters that could end the link early and start new Markdown
    (parentheses, brackets, angle brackets, spaces, backslashes) are percent-encoded in the address.
    """
    address = str(url).strip()
    if not address.lower().startswith(("http://", "https://")):
        return ""
    return f"[{md_text(label)}]({quote(address, safe=_URL_SAFE, errors='replace')})"


# Reserved and unreserved URL characters that need no encoding inside a Markdown link destination.
_URL_SAFE = ":/?#@!$&'*+,;=%-._~"
