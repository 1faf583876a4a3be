"""Write the presentation of a view as PPTX or PDF, without a server.

    python -m dashboard.export --countries KAZ,UZB --lang ru --format pptx --out deck.pptx

Exit status: 0 written; 2 bad arguments; 3 no Chromium to render the charts with.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from dashboard.export import deck, images
from dashboard.i18n import SUPPORTED_LANGUAGES, set_language
from data.loader import DATA_DIR, load_all
from geo.boundaries import BOUNDARIES_PATH, BoundariesError, load_boundaries

EXIT_USAGE = 2
EXIT_NO_CHROMIUM = 3


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.export",
        description="Write Ortaq's slides for a set of countries and a language as PPTX or PDF.",
    )
    parser.add_argument("--countries", required=True, help="ISO3 codes, comma-separated: KAZ,UZB")
    parser.add_argument("--lang", default="en", choices=SUPPORTED_LANGUAGES, help="kk, ru or en (default en)")
    parser.add_argument("--format", dest="fmt", choices=deck.FORMATS, help="pptx or pdf (default: from --out)")
    parser.add_argument("--out", required=True, type=Path, help="the file to write, e.g. deck.pptx")
    parser.add_argument("--base-url", default=deck.DEFAULT_BASE_URL,
                        help=f"the dashboard's address, for the title slide's link (default {deck.DEFAULT_BASE_URL})")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    fmt = args.fmt or args.out.suffix.lstrip(".").lower()
    if fmt not in deck.FORMATS:
        print(f"error: say --format pptx or --format pdf (cannot tell from {args.out.name!r})", file=sys.stderr)
        return EXIT_USAGE
    if images.find_chromium() is None:
        print(f"error: {images.CHROMIUM_HINT}; or set BROWSER_PATH to a Chromium or Chrome binary.",
              file=sys.stderr)
        return EXIT_NO_CHROMIUM

    result = load_all(Path(os.environ.get("ORTAQ_DATA_DIR") or DATA_DIR))
    for name, error in result.errors.items():
        print(f"warning: table {name!r} could not be loaded ({len(error.problems)} problems; "
              "run python -m data.validate); its slides are left out", file=sys.stderr)
    countries = result.tables.get("countries")
    valid = set(countries["iso3"].astype(str)) if countries is not None else set()
    selected = [code.strip().upper() for code in args.countries.split(",") if code.strip()]
    unknown = [code for code in selected if valid and code not in valid]
    if unknown or not selected:
        known = ", ".join(sorted(valid))
        print(f"error: unknown country codes: {', '.join(unknown) or '(none given)'}; known: {known}",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        boundaries = load_boundaries(Path(os.environ.get("ORTAQ_BOUNDARIES") or BOUNDARIES_PATH))
    except BoundariesError as error:
        print(f"warning: {error} The map slide is left out.", file=sys.stderr)
        boundaries = None

    set_language(args.lang)
    started = time.monotonic()
    try:
        data, count = deck.render_deck(result.tables, boundaries, selected, fmt, base_url=args.base_url)
    except images.ExportUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NO_CHROMIUM
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"Wrote {args.out} ({fmt}, {count} slides, {len(data) // 1024} KB) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
