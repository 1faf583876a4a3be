"""Properties of the escaping that keeps data text: for any string, Markdown and Plotly see only text."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.escaping import _ALWAYS, WORD_JOINER, md_link, md_text, plotly_text

SETTINGS = settings(max_examples=300, deadline=None, database=None)
# Text rich in what Markdown, HTML and GFM react to.
TEXT = st.text(
    alphabet=st.one_of(st.sampled_from(list(_ALWAYS) + list("#+-=.)(!{}:/@w1 \n\r\t\"'%")), st.characters()),
    max_size=60,
).filter(lambda text: WORD_JOINER not in text)


# A line that Markdown would read as a block: heading, list item, setext underline or thematic break.
BLOCK_START = re.compile(r"[ \t]*(?:#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|[-=][-= \t]*$|\d{1,9}[.)](?:[ \t]|$)|>)")


@SETTINGS
@given(TEXT)
def test_md_text_leaves_no_markdown_syntax_and_loses_nothing(text):
    """Inline specials come out escaped, no line starts a block, and unescaping gives the text back."""
    out = md_text(text)
    bare = re.sub(r"\\(.)", "", out, flags=re.DOTALL)  # drop each escaped pair
    assert not set(bare) & set(_ALWAYS), out
    for line in out.split("\n"):
        assert not BLOCK_START.match(line), (out, line)
    same_lines = text.replace("\r\n", "\n").replace("\r", "\n")  # Markdown's line ends, made one
    assert re.sub(r"\\(.)", r"\1", out, flags=re.DOTALL).replace(WORD_JOINER, "") == same_lines


@SETTINGS
@given(TEXT)
def test_md_text_leaves_no_bare_address_for_gfm_to_link(text):
    """No `://`, `www.` or `@` survives intact: GFM's autolinks need them."""
    out = md_text(text)
    assert "://" not in out
    assert not re.search(r"(?i)\bwww\\?\.", out)
    assert not re.search(r"@(?!\u2060)", out)


@SETTINGS
@given(TEXT)
def test_plotly_text_has_no_tags_and_decodes_to_the_text(text):
    """No < or > reaches Plotly; its entity decoding (&amp; &lt; &gt;) gives the text back."""
    out = plotly_text(text)
    assert "<" not in out and ">" not in out
    assert html.unescape(out) == text


@SETTINGS
@given(label=TEXT, url=st.one_of(TEXT, TEXT.map(lambda rest: "https://example.org/" + rest)))
def test_md_link_is_a_single_link_to_an_http_address_or_nothing(label, url):
    """A link's address cannot end early or smuggle Markdown; anything but http(s) gives no link."""
    out = md_link(label, url)
    if not url.strip().lower().startswith(("http://", "https://")):
        assert out == ""
        return
    match = re.fullmatch(r"\[(.*)\]\(([^()\s<>\\\[\]`]*)\)", out, flags=re.DOTALL)
    assert match, out
    assert match.group(1) == md_text(label)


def test_examples():
    """The cases the dashboard meets: a quote with Markdown, a source name with tags, a sneaky URL."""
    assert md_text("**11** [bn](x)") == "\\*\\*11\\*\\* \\[bn\\]\\(x\\)"
    assert md_text("B − A = 31 (9.4%)") == "B − A = 31 \\(9\\.4%\\)"  # "=" mid-line is no syntax
    assert md_text("a\n===") == "a\n\\==="  # but a line of it would make "a" a heading
    assert md_text("- a\n1. b\n# c") == "\\- a\n1\\. b\n\\# c"
    assert plotly_text("A <b>&</b>") == "A &lt;b&gt;&amp;&lt;/b&gt;"
    assert md_link("Open", "https://a.example/x)![i](http://evil/x.png") == (
        "[Open](https://a.example/x%29!%5Bi%5D%28http://evil/x.png)"
    )
    assert md_link("Open", "javascript:alert(1)") == ""
