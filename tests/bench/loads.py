"""Cold page loads, Ortaq and baseline alternating: time to first chart and bytes to the browser.

Every load is a fresh browser context (empty cache, new Streamlit session), as a reader opening
a link. The order is A(page) B A(next page) B ... for `runs` rounds, after one warm-up round that
is not counted (the first run of each page imports its modules and fills the data cache).
"""

from __future__ import annotations

from collections import defaultdict

from tests.bench.browser import measure_load
from tests.bench.common import PAGES, median, page_name, rounded


def measure(browser, ortaq_url: str, baseline_url: str, pages: list[str], runs: int, log=print) -> dict:
    """Medians per page and for the baseline; ratio = page median / baseline median."""
    for path in pages:
        measure_load(browser, f"{ortaq_url}/{path}")
    measure_load(browser, f"{baseline_url}/")

    samples: dict[str, list[dict]] = defaultdict(list)
    baseline: list[dict] = []
    for round_no in range(runs):
        for path in pages:
            samples[path].append(measure_load(browser, f"{ortaq_url}/{path}"))
            baseline.append(measure_load(browser, f"{baseline_url}/"))
            a, b = samples[path][-1], baseline[-1]
            log(f"  round {round_no + 1}/{runs} {page_name(path):<13} {_ms(a)} | baseline {_ms(b)}")

    base = _summary(baseline)
    result = {"baseline": base, "pages": {}}
    for path in pages:
        summary = _summary(samples[path])
        if summary["first_ms"] is not None and base["first_ms"]:
            summary["ratio"] = round(summary["first_ms"] / base["first_ms"], 2)
        result["pages"][page_name(path)] = summary
    return result


def _ms(sample: dict) -> str:
    if "error" in sample:
        return f"ERROR {sample['error'][:80]}"
    first = sample.get("first_ms")
    return "no chart" if first is None else f"{first:6.0f} ms"


def _summary(samples: list[dict]) -> dict:
    good = [s for s in samples if "error" not in s]
    firsts = [s["first_ms"] for s in good if s.get("first_ms") is not None]
    kinds: defaultdict[str, list[int]] = defaultdict(list)
    for sample in good:
        for kind, size in sample["by_kind"].items():
            kinds[kind].append(size)
    return {
        "first_ms": rounded(median(firsts), 0),
        "first_ms_all": [round(f) for f in firsts],
        "first_kind": good[0]["first_kind"] if good else None,
        "chart_msg_ms": rounded(median([s["chart_msg_ms"] for s in good if s.get("chart_msg_ms") is not None]), 0),
        "finished_ms": rounded(median([s["finished_ms"] for s in good if s.get("finished_ms") is not None]), 0),
        "ws_bytes": median([s["ws_bytes"] for s in good]),
        "http_bytes": median([s["http_bytes"] for s in good]),
        "total_bytes": median([s["total_bytes"] for s in good]),
        "by_kind": {kind: median(sizes) for kind, sizes in sorted(kinds.items(), key=lambda kv: -median(kv[1]))},
        "http_paths": good[0]["http_paths"] if good else {},
        "charts": good[0]["charts"] if good else None,
        "map": bool(good and good[0]["maps"]),
        "exceptions": max((s["exceptions"] for s in good), default=None),
        "outside_requests": max((s["outside"] for s in good), default=None),
        "errors": [s["error"] for s in samples if "error" in s],
        "n": len(firsts),
        "load_wall_s": rounded(median([s["wall_s"] for s in samples]), 1),
    }


PAGE_PATHS = list(PAGES)
