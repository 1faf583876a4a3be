"""Build geo/boundaries.geojson from Natural Earth 50m admin-0 countries (npm `world-atlas`).

Run from the repository root:

    npm ci --prefix geo && .venv/bin/python -m geo.build_boundaries

Steps: load the TopoJSON -> decode the units that reach CLIP_BOX, clip them, key them by ISO3
(failing on any unmapped or missing id) -> drop specks of islands ->
rebuild the topology and simplify each shared border once (so neighbours keep meeting
exactly: no slivers, gaps or overlaps) -> round, add points along the cut parallels, wind
exteriors clockwise for Plotly -> write one feature per line, sorted by ISO3.
The same source gives the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
import topojson
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape

GEO_DIR = Path(__file__).resolve().parent
SOURCE_PATH = GEO_DIR / "node_modules" / "world-atlas" / "countries-50m.json"
OUTPUT_PATH = GEO_DIR / "boundaries.geojson"

# lon_min, lat_min, lon_max, lat_max. Well beyond the dashboard's view (about lon 40-90,
# lat 33-56) so that no cut edge shows there; Russia and China shrink to what is visible.
CLIP_BOX = (20.0, 24.0, 105.0, 60.0)
# Douglas-Peucker tolerance in degrees (~2 km), applied once per shared border. About half a
# screen pixel when the view box fills a 1,200 px wide chart.
SIMPLIFY_TOLERANCE = 0.02
# 3 decimals = ~100 m, far below what a 0.02-degree simplification keeps anyway.
DECIMALS = 3
# Longest straight step, in degrees, along the clip box's top and bottom edges (see
# densify_clip_parallels).
CLIP_EDGE_STEP = 5.0
# The dashboard's usual view (lon_min, lat_min, lon_max, lat_max): only island thresholds
# depend on it.
VIEW_BOX = (40.0, 33.0, 90.0, 56.0)
# Islands (parts touching no other unit) smaller than this many square degrees are dropped:
# specks of a pixel or two that cost bytes. 0.01 is about 90 km2 at 40 N, which keeps the
# Caspian islands in view; outside the view (the Aegean) the bar is higher.
MIN_ISLAND_AREA_IN_VIEW = 0.01
MIN_ISLAND_AREA_OUTSIDE_VIEW = 0.05

# Every admin-0 unit of the source that reaches CLIP_BOX, by ISO 3166-1 numeric id. The build
# fails on an id missing here (new country in view after a data update) and on an entry
# the source no longer has, rather than leave a hole or a stale code.
ISO_NUMERIC_TO_ISO3 = {
    "004": "AFG",
    "008": "ALB",
    "031": "AZE",
    "048": "BHR",
    "050": "BGD",
    "051": "ARM",
    "064": "BTN",
    "100": "BGR",
    "104": "MMR",
    "112": "BLR",
    "156": "CHN",
    "196": "CYP",
    "233": "EST",
    "246": "FIN",
    "268": "GEO",
    "275": "PSE",
    "300": "GRC",
    "348": "HUN",
    "356": "IND",
    "364": "IRN",
    "368": "IRQ",
    "376": "ISR",
    "398": "KAZ",
    "400": "JOR",
    "414": "KWT",
    "417": "KGZ",
    "422": "LBN",
    "428": "LVA",
    "434": "LBY",
    "440": "LTU",
    "496": "MNG",
    "498": "MDA",
    "499": "MNE",
    "512": "OMN",
    "524": "NPL",
    "586": "PAK",
    "616": "POL",
    "634": "QAT",
    "642": "ROU",
    "643": "RUS",
    "682": "SAU",
    "688": "SRB",
    "703": "SVK",
    "760": "SYR",
    "762": "TJK",
    "784": "ARE",
    "792": "TUR",
    "795": "TKM",
    "804": "UKR",
    "807": "MKD",
    "818": "EGY",
    "860": "UZB",
}

# Natural Earth units without an ISO 3166 code (world-atlas gives them no id), by their
# world-atlas name, coded with Natural Earth's own ADM0_A3. Kept so the map has no holes:
# Siachen sits inside the dashboard's view between India, Pakistan and China.
NO_ID_UNITS = {
    "Kosovo": "KOS",
    "N. Cyprus": "CYN",
    "Siachen Glacier": "KAS",
}

# English names where world-atlas abbreviates or uses a superseded short name (UN usage).
NAME_EN_OVERRIDES = {
    "CYN": "Northern Cyprus",
    "MKD": "North Macedonia",
    "TUR": "Türkiye",
}


class BuildError(Exception):
    """The source data is missing or differs from what this build expects."""


def load_topology(path: Path) -> dict:
    """Read the world-atlas TopoJSON, telling the user how to fetch it if it is missing."""
    if not path.exists():
        raise BuildError(
            f"{path} not found. Install the pinned world-atlas package first: "
            "`npm ci --prefix geo` (run from the repository root)."
        )
    topology = json.loads(path.read_text(encoding="utf-8"))
    if topology.get("type") != "Topology" or "countries" not in topology.get("objects", {}):
        raise BuildError(f"{path} is not world-atlas's countries TopoJSON.")
    return topology


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc as absolute lon/lat points (undo quantization and delta encoding)."""
    (kx, ky), (dx, dy) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        steps = np.asarray(arc, dtype=float)
        xy = np.cumsum(steps, axis=0) * (kx, ky) + (dx, dy)
        arcs.append([(float(x), float(y)) for x, y in xy])
    return arcs


def _ring(arc_indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list:
    """Join a ring's arcs; a negative index ~i means arc i reversed (TopoJSON spec)."""
    points: list[tuple[float, float]] = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share an end point
    return points


def decode_geometry(geometry: dict, arcs: list) -> Polygon | MultiPolygon:
    """Turn one TopoJSON (Multi)Polygon into a shapely geometry."""
    if geometry["type"] == "Polygon":
        rings = [_ring(ring, arcs) for ring in geometry["arcs"]]
        return shape({"type": "Polygon", "coordinates": rings})
    if geometry["type"] == "MultiPolygon":
        polygons = [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
        return shape({"type": "MultiPolygon", "coordinates": polygons})
    raise BuildError(f"Unexpected geometry type {geometry['type']!r} in the countries object.")


def _code_for(geometry: dict) -> str | None:
    """ISO3 (or Natural Earth code) for a source geometry, None if unmapped."""
    numeric = geometry.get("id")
    if numeric is None:
        return NO_ID_UNITS.get(geometry.get("properties", {}).get("name", ""))
    return ISO_NUMERIC_TO_ISO3.get(numeric)


def select_countries(topology: dict) -> gpd.GeoDataFrame:
    """Clip every unit reaching CLIP_BOX and key it by ISO3; fail on unmapped or stale ids."""
    arcs = decode_arcs(topology)
    clip = box(*CLIP_BOX)
    rows, unmapped = [], []
    for geometry in topology["objects"]["countries"]["geometries"]:
        shp = decode_geometry(geometry, arcs)
        if not shp.intersects(clip):
            continue
        # Russia's 50m outline self-intersects near the Arctic; repair before clipping.
        clipped = shapely.make_valid(shp).intersection(clip)
        clipped = _polygonal(clipped)
        if clipped.is_empty:
            continue
        code = _code_for(geometry)
        name = geometry.get("properties", {}).get("name", "")
        if code is None:
            unmapped.append(f"{geometry.get('id', 'no id')} ({name})")
            continue
        numeric = geometry.get("id")
        rows.append(
            {
                "iso3": code,
                "name_en": NAME_EN_OVERRIDES.get(code, name),
                "iso_numeric": numeric,
                "geometry": clipped,
            }
        )
    if unmapped:
        raise BuildError(
            "Units reaching the clip box have no ISO3 mapping: "
            + ", ".join(unmapped)
            + ". Add them to ISO_NUMERIC_TO_ISO3 (or NO_ID_UNITS) in geo/build_boundaries.py."
        )
    found = {row["iso3"] for row in rows}
    expected = set(ISO_NUMERIC_TO_ISO3.values()) | set(NO_ID_UNITS.values())
    if found != expected:
        raise BuildError(
            "Mapped units not found inside the clip box: "
            + ", ".join(sorted(expected - found))
            + ". Has the world-atlas version changed? Update the mapping deliberately."
        )
    if len(found) != len(rows):
        raise BuildError("Two source units map to the same ISO3 code.")
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return frame.sort_values("iso3", ignore_index=True)


def _polygonal(geom) -> Polygon | MultiPolygon:
    """Keep only the polygon parts of a clip result (drop stray edge points and lines)."""
    parts = [p for p in getattr(geom, "geoms", [geom]) if isinstance(p, Polygon | MultiPolygon)]
    polygons = [q for p in parts for q in getattr(p, "geoms", [p]) if not q.is_empty]
    if not polygons:
        return MultiPolygon()
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def drop_small_islands(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Remove island specks (see MIN_ISLAND_AREA_*); parts touching another unit stay.

    Enclaves such as Sokh or Vorukh touch the country around them, so they are never dropped
    (dropping one would leave a hole).
    """
    view = box(*VIEW_BOX)
    parts = frame.geometry.explode(index_parts=False)
    owners = parts.index.to_numpy()
    tree = shapely.STRtree(parts.to_numpy())
    kept: dict[int, list[Polygon]] = {i: [] for i in frame.index}
    for owner, part in zip(owners, parts.to_numpy(), strict=True):
        if part.intersects(view):
            min_area = MIN_ISLAND_AREA_IN_VIEW
        else:
            min_area = MIN_ISLAND_AREA_OUTSIDE_VIEW
        if part.area < min_area:
            touching = tree.query(part, predicate="intersects")
            if all(owners[i] == owner for i in touching):
                continue
        kept[owner].append(part)
    geometries = []
    for owner, polygons in kept.items():
        if not polygons:  # a unit made only of specks: keep its largest
            whole = frame.geometry[owner]
            polygons = [max(getattr(whole, "geoms", [whole]), key=lambda p: p.area)]
        geometries.append(polygons[0] if len(polygons) == 1 else MultiPolygon(polygons))
    return frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index, crs=frame.crs))


def simplify_shared(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify as a topology: each border between two units is one arc, simplified once."""
    topo = topojson.Topology(
        frame,
        topology=True,
        prequantize=True,
        toposimplify=SIMPLIFY_TOLERANCE,
        simplify_with="shapely",
        simplify_algorithm="dp",
        prevent_oversimplify=True,
    )
    simplified = topo.to_gdf(winding_order="CCW_CW")
    if list(simplified["iso3"]) != list(frame["iso3"]):
        raise BuildError("Topology simplification changed the set or order of units.")
    return simplified


def round_geometry(geom: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """Round to DECIMALS, drop repeated points, densify cut parallels, wind exteriors clockwise.

    Shared borders carry identical points, so they stay identical after rounding. Clockwise
    exteriors (holes anticlockwise) are d3-geo's spherical convention, which Plotly's `geo`
    traces use: with RFC 7946's anticlockwise exteriors each country fills the whole globe
    but itself. Planar tools (shapely, geopandas, MapLibre) ignore winding.
    """
    rounded = shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
    rounded = shapely.remove_repeated_points(rounded)
    if not rounded.is_valid:
        rounded = _polygonal(shapely.make_valid(rounded))
    polygons = [p for p in getattr(rounded, "geoms", [rounded]) if p.area > 0]
    result = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
    return shapely.orient_polygons(densify_clip_parallels(result), exterior_cw=True)


def densify_clip_parallels(geom: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """Add a point every CLIP_EDGE_STEP degrees along the clip box's top and bottom edges.

    Plotly's `geo` traces draw each segment as a great circle, so an 85-degree straight cut
    along lat 60 would bulge to ~67 N. Those edges belong to one unit each (no neighbour
    shares them), so the extra points cannot open a gap.
    """
    parallels = {CLIP_BOX[1], CLIP_BOX[3]}

    def densify(ring) -> list[tuple[float, float]]:
        coords = list(ring.coords)
        out = [coords[0]]
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            if y0 == y1 and y0 in parallels and abs(x1 - x0) > CLIP_EDGE_STEP:
                steps = math.ceil(abs(x1 - x0) / CLIP_EDGE_STEP)
                out.extend((round(x0 + (x1 - x0) * k / steps, DECIMALS), y0) for k in range(1, steps))
            out.append((x1, y1))
        return out

    polygons = [
        Polygon(densify(p.exterior), [densify(hole) for hole in p.interiors]) for p in getattr(geom, "geoms", [geom])
    ]
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def to_geojson_text(frame: gpd.GeoDataFrame) -> str:
    """Serialise deterministically: one feature per line (readable diffs), compact JSON."""
    lines = []
    for row in frame.itertuples(index=False):
        feature = {
            "type": "Feature",
            "id": row.iso3,
            "properties": {
                "iso3": row.iso3,
                "name_en": row.name_en,
                # pandas turns the missing codes of NO_ID_UNITS into NaN; JSON wants null.
                "iso_numeric": row.iso_numeric if isinstance(row.iso_numeric, str) else None,
            },
            "geometry": mapping(row.geometry),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, allow_nan=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build(source: Path = SOURCE_PATH) -> str:
    """Return the boundaries GeoJSON text built from the world-atlas TopoJSON at `source`."""
    frame = select_countries(load_topology(source))
    frame = drop_small_islands(frame)
    frame = simplify_shared(frame)
    frame = frame.set_geometry(frame.geometry.map(round_geometry))
    invalid = [iso3 for iso3, g in zip(frame.iso3, frame.geometry, strict=True) if not g.is_valid]
    if invalid:
        raise BuildError(f"Invalid geometry after simplification: {', '.join(invalid)}.")
    return to_geojson_text(frame)


def main(argv: list[str] | None = None) -> int:
    """Command line: build and write the file, or explain what is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_PATH, help="countries-50m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT_PATH, help="GeoJSON to write")
    args = parser.parse_args(argv)
    try:
        text = build(args.source)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.output.write_bytes(text.encode("utf-8"))
    count = text.count('"type":"Feature"')
    print(f"wrote {args.output} ({len(text.encode('utf-8')):,} bytes, {count} units)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
