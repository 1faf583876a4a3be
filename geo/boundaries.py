"""Load the committed country boundaries (GeoJSON keyed by ISO 3166-1 alpha-3) for the maps."""

from __future__ import annotations

import json
import re
from pathlib import Path

BOUNDARIES_PATH = Path(__file__).resolve().parent / "boundaries.geojson"

# Three capital letters: ISO 3166-1 alpha-3, or Natural Earth's ADM0_A3 code for the few
# units ISO does not list (see build_boundaries.NO_ID_UNITS).
_ISO3 = re.compile(r"[A-Z]{3}")

_REBUILD_HINT = "rebuild it with `npm ci --prefix geo && .venv/bin/python -m geo.build_boundaries`"


class BoundariesError(Exception):
    """The boundaries file is missing or is not the GeoJSON the maps expect."""


def load_boundaries(path: Path | None = None) -> dict:
    """Return the boundaries GeoJSON FeatureCollection as a plain dict.

    Raises BoundariesError, naming the file, if it is missing, is not valid JSON, or is not
    a FeatureCollection whose features carry a unique ISO3 `id` matching `properties.iso3`.
    """
    path = BOUNDARIES_PATH if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BoundariesError(
            f"Country boundaries file not found: {path}. Restore it from git or {_REBUILD_HINT}."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BoundariesError(f"Cannot read country boundaries file {path}: {exc}") from exc
    try:
        geojson = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BoundariesError(f"Country boundaries file {path} is not valid JSON ({exc}); {_REBUILD_HINT}.") from exc
    problem = _structure_problem(geojson)
    if problem:
        raise BoundariesError(f"Country boundaries file {path} is not usable: {problem}; {_REBUILD_HINT}.")
    return geojson


def boundary_iso3s(geojson: dict) -> list[str]:
    """Return the ISO3 ids of the features, in file order."""
    return [feature["id"] for feature in geojson["features"]]


def _structure_problem(geojson: object) -> str | None:
    """Describe the first way `geojson` differs from what the maps need, or return None."""
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        return "it is not a GeoJSON FeatureCollection"
    features = geojson.get("features")
    if not isinstance(features, list) or not features:
        return "it has no features"
    seen: set[str] = set()
    for index, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            return f"item {index} is not a GeoJSON Feature"
        iso3 = feature.get("id")
        if not isinstance(iso3, str) or not _ISO3.fullmatch(iso3):
            return f"feature {index} has id {iso3!r}, not an ISO3 code"
        properties = feature.get("properties")
        if not isinstance(properties, dict) or properties.get("iso3") != iso3:
            return f"feature {iso3} lacks properties.iso3 == {iso3!r}"
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            return f"feature {iso3} has no Polygon or MultiPolygon geometry"
        if iso3 in seen:
            return f"id {iso3} appears more than once"
        seen.add(iso3)
    return None
