"""Elements a cached page model holds as data and a page draws later: (kind, body), kind one of KINDS.

A model built once per selection cannot call Streamlit; it keeps what to draw as blocks, and the
page draws them on every rerun. Consecutive Markdown goes out as one element (a page shows dozens
of source cards, and every element costs its own message).
"""

from __future__ import annotations

import streamlit as st

Block = tuple[str, str]
KINDS = ("markdown", "caption", "warning", "error")


def merged(blocks: list[Block]) -> tuple[Block, ...]:
    """Consecutive Markdown blocks as one element, one paragraph each (as separate elements show them)."""
    out: list[Block] = []
    for kind, body in blocks:
        if kind == "markdown" and out and out[-1][0] == "markdown":
            out[-1] = ("markdown", f"{out[-1][1]}\n\n{body}")
        else:
            out.append((kind, body))
    return tuple(out)


def draw(blocks: tuple[Block, ...] | list[Block]) -> None:
    """Emit each block as its Streamlit element."""
    for kind, body in blocks:
        if kind not in KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        getattr(st, kind)(body)
