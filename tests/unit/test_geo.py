"""Tests for geo/: the committed boundaries file, its loader and its reproducible build."""

from __future__ import annotations

import ast
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

from geo.boundaries import BOUNDARIES_PATH, BoundariesError, boundary_iso3s, load_boundaries

REPO_ROOT = Path(__file__).resolve().parents[2]
GEO_DIR = REPO_ROOT / "geo"
SOURCE = GEO_DIR / "node_modules" / "world-atlas" / "countries-50m.json"

MAX_BYTES = 150 * 1024
C5 = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
NEIGHBOURS = ["AZE", "TUR", "GEO", "ARM", "RUS", "CHN", "MNG", "AFG", "IRN", "PAK"]
REQUIRED = C5 + NEIGHBOURS + ["IND", "IRQ", "SYR", "UKR"]
# The dashboard's view; cut edges of the clip must lie outside it.
VIEW_BOX = (40.0, 33.0, 90.0, 56.0)

# Land borders worth drawing without a hairline gap or overlap, with a lower bound on their
# length in degrees (well under the real length; the AZE-TUR border at Nakhchivan is ~15 km).
LAND_BORDERS = {
    ("KAZ", "UZB"): 10.0,
    ("KAZ", "KGZ"): 5.0,
    ("KAZ", "TKM"): 2.0,
    ("KAZ", "RUS"): 40.0,
    ("KAZ", "CHN"): 10.0,
    ("UZB", "TJK"): 5.0,
    ("UZB", "TKM"): 10.0,
    ("UZB", "KGZ"): 5.0,
    ("UZB", "AFG"): 0.5,
    ("KGZ", "TJK"): 5.0,
    ("KGZ", "CHN"): 5.0,
    ("TJK", "AFG"): 5.0,
    ("TJK", "CHN"): 2.0,
    ("TKM", "AFG"): 3.0,
    ("TKM", "IRN"): 5.0,
    ("AFG", "IRN"): 5.0,
    ("AFG", "PAK"): 10.0,
    ("PAK", "IRN"): 5.0,
    ("PAK", "CHN"): 2.0,
    ("PAK", "IND"): 10.0,
    ("CHN", "MNG"): 10.0,
    ("RUS", "MNG"): 10.0,
    ("AZE", "GEO"): 2.0,
    ("AZE", "ARM"): 4.0,
    ("AZE", "RUS"): 1.5,
    ("AZE", "IRN"): 3.0,
    ("AZE", "TUR"): 0.05,
    ("GEO", "RUS"): 4.0,
    ("GEO", "TUR"): 1.5,
    ("ARM", "TUR"): 1.5,
    ("TUR", "IRN"): 2.0,
    ("TUR", "IRQ"): 1.5,
    ("TUR", "SYR"): 4.0,
    ("IRN", "IRQ"): 5.0,
}
EPS = 0.001  # degrees, ~100 m
MAX_OVERLAP_AREA = 1e-6  # square degrees, ~0.01 km2


@pytest.fixture(scope="module")
def geojson() -> dict:
    """The committed boundaries, loaded the way the app loads them."""
    return load_boundaries()


@pytest.fixture(scope="module")
def shapes(geojson: dict) -> dict[str, Polygon | MultiPolygon]:
    """ISO3 -> shapely geometry of every feature."""
    return {feature["id"]: shape(feature["geometry"]) for feature in geojson["features"]}


def test_file_exists_within_size_budget():
    """The committed GeoJSON exists and stays small enough to ship with every page load."""
    assert BOUNDARIES_PATH.is_file()
    assert BOUNDARIES_PATH.stat().st_size <= MAX_BYTES


def test_required_countries_have_valid_polygons(shapes):
    """The C5, their neighbours and the countries around the view are valid, non-empty areas."""
    missing = [iso3 for iso3 in REQUIRED if iso3 not in shapes]
    assert not missing, f"missing from boundaries: {missing}"
    for iso3 in REQUIRED:
        geom = shapes[iso3]
        assert isinstance(geom, Polygon | MultiPolygon), iso3
        assert not geom.is_empty and geom.area > 0, iso3
        assert geom.is_valid, f"{iso3}: {shapely.validation.explain_validity(geom)}"


def test_every_feature_is_valid(shapes):
    """No feature anywhere in the file has an invalid or empty geometry."""
    bad = [iso3 for iso3, geom in shapes.items() if geom.is_empty or not geom.is_valid]
    assert not bad


def test_ids_unique_and_match_properties(geojson):
    """Ids are unique ISO3 codes, repeated in properties with an English name."""
    ids = boundary_iso3s(geojson)
    assert len(ids) == len(set(ids))
    for feature in geojson["features"]:
        properties = feature["properties"]
        assert set(properties) == {"iso3", "name_en", "iso_numeric"}
        assert properties["iso3"] == feature["id"]
        assert properties["name_en"]
        numeric = properties["iso_numeric"]
        assert numeric is None or (len(numeric) == 3 and numeric.isdigit())


def test_features_sorted_by_iso3(geojson):
    """Features are in ISO3 order, so rebuilds give stable, reviewable diffs."""
    ids = boundary_iso3s(geojson)
    assert ids == sorted(ids)


def test_exterior_rings_clockwise(shapes):
    """Exteriors run clockwise (d3-geo's rule): Plotly `geo` traces fill the rest of the
    globe instead of the country when an exterior is anticlockwise (RFC 7946 order)."""
    for iso3, geom in shapes.items():
        for polygon in getattr(geom, "geoms", [geom]):
            assert not polygon.exterior.is_ccw, f"{iso3}: anticlockwise exterior"
            for hole in polygon.interiors:
                assert hole.is_ccw, f"{iso3}: clockwise hole"


@pytest.mark.parametrize(("pair", "min_length"), list(LAND_BORDERS.items()))
def test_land_border_has_no_sliver(shapes, pair, min_length):
    """Two neighbours neither overlap nor leave a gap: wherever one's outline comes within
    EPS of the other, the two outlines coincide exactly, along a substantial border."""
    a, b = (shapes[iso3] for iso3 in pair)
    assert a.intersection(b).area < MAX_OVERLAP_AREA
    shared = a.boundary.intersection(b.boundary).length
    assert shared >= min_length, f"{pair}: shared border only {shared:.3f} degrees"
    # The buffer reaches EPS past each end of the shared line, hence the small allowance.
    for this, other in ((a, b), (b, a)):
        near = this.boundary.intersection(other.buffer(EPS)).length
        assert near - shared < 20 * EPS, f"{pair}: {near - shared:.3f} degrees of gap"


def test_no_overlaps_anywhere(shapes):
    """No two features overlap by more than a speck, across the whole file."""
    ids = list(shapes)
    geoms = [shapes[iso3] for iso3 in ids]
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    overlaps = {
        (ids[i], ids[j]): area
        for i, j in zip(left, right, strict=True)
        if i < j and (area := geoms[i].intersection(geoms[j]).area) >= MAX_OVERLAP_AREA
    }
    assert not overlaps


def test_no_gaps_between_features(shapes):
    """The union of all features has no small holes: only the Caspian Sea is enclosed."""
    union = shapely.unary_union(list(shapes.values()))
    holes = [Polygon(ring) for polygon in getattr(union, "geoms", [union]) for ring in polygon.interiors]
    small = [hole.representative_point().coords[0] for hole in holes if hole.area < 1.0]
    assert not small, f"gaps between neighbours at {small}"
    assert len(holes) == 1 and holes[0].contains(shapely.Point(51.0, 42.0))  # the Caspian


def test_extent_covers_view_box(shapes):
    """The features reach beyond the dashboard's view on every side (no cut edge shows)."""
    min_lon, min_lat, max_lon, max_lat = shapely.unary_union(list(shapes.values())).bounds
    view_min_lon, view_min_lat, view_max_lon, view_max_lat = VIEW_BOX
    assert min_lon < view_min_lon and min_lat < view_min_lat
    assert max_lon > view_max_lon and max_lat > view_max_lat


def test_view_box_land_is_all_covered(shapes):
    """Every neighbour pair of the view is drawn: the only uncovered area inside the view
    box is sea (the Caspian, the Black Sea's eastern tip, the Persian Gulf edge)."""
    view = shapely.box(*VIEW_BOX)
    covered = shapely.unary_union([g.intersection(view) for g in shapes.values()])
    uncovered = view.difference(covered)
    for part in getattr(uncovered, "geoms", [uncovered]):
        point = part.representative_point()
        assert part.area > 1.0 or point.y < 34 or point.x < 42, f"hole in the view near {point.coords[0]}"


def test_cut_parallels_have_no_long_segments(shapes):
    """Along the clip box's top and bottom edges no segment spans more than 5 degrees of
    longitude: Plotly draws segments as great circles, and a long cut along lat 60 would
    bulge far north (~67 N for the 85-degree top edge)."""
    for iso3, geom in shapes.items():
        for polygon in getattr(geom, "geoms", [geom]):
            for ring in [polygon.exterior, *polygon.interiors]:
                for (x0, y0), (x1, y1) in itertools.pairwise(ring.coords):
                    if y0 == y1 and y0 in (24.0, 60.0):
                        assert abs(x1 - x0) <= 5.0 + 1e-9, f"{iso3}: {x0}..{x1} along lat {y0}"


def test_coordinates_rounded(geojson):
    """Coordinates carry at most three decimals (about 100 m), which keeps the file small."""
    for feature in geojson["features"]:
        for x, y in shapely.get_coordinates(shape(feature["geometry"])):
            assert round(x, 3) == x and round(y, 3) == y, feature["id"]


def test_load_boundaries_returns_feature_collection(geojson):
    """The loader returns the plain GeoJSON dict with the required ids."""
    assert geojson["type"] == "FeatureCollection"
    assert set(REQUIRED) <= set(boundary_iso3s(geojson))


def test_load_boundaries_missing_file(tmp_path):
    """A missing file raises BoundariesError naming the path."""
    path = tmp_path / "nowhere.geojson"
    with pytest.raises(BoundariesError, match="not found") as excinfo:
        load_boundaries(path)
    assert str(path) in str(excinfo.value)


def test_load_boundaries_broken_json(tmp_path):
    """A truncated file raises BoundariesError naming the path."""
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(BoundariesError, match="not valid JSON") as excinfo:
        load_boundaries(path)
    assert str(path) in str(excinfo.value)


@pytest.mark.parametrize(
    "content",
    [
        [],
        {"type": "Topology", "objects": {}, "arcs": []},
        {"type": "FeatureCollection", "features": []},
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": "398",
                    "properties": {"iso3": "398"},
                    "geometry": {"type": "Polygon", "coordinates": []},
                }
            ],
        },
    ],
    ids=["list", "topology", "no-features", "numeric-id"],
)
def test_load_boundaries_wrong_structure(tmp_path, content):
    """Valid JSON that is not a FeatureCollection keyed by ISO3 raises BoundariesError."""
    path = tmp_path / "wrong.geojson"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(BoundariesError) as excinfo:
        load_boundaries(path)
    assert str(path) in str(excinfo.value)


def test_geo_does_not_import_streamlit():
    """geo/ is plain Python: a notebook, a CLI or a test can use it without a server."""
    for module in GEO_DIR.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names = itertools.chain.from_iterable(
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
        )
        assert not any(name.split(".")[0] == "streamlit" for name in names), module.name


def test_build_without_source_explains_npm_ci(tmp_path):
    """Without the npm package the build stops with the command that fetches it."""
    from geo.build_boundaries import BuildError, load_topology

    with pytest.raises(BuildError, match=r"npm ci --prefix geo"):
        load_topology(tmp_path / "countries-50m.json")


@pytest.mark.skipif(not SOURCE.is_file(), reason="world-atlas not installed; run `npm ci --prefix geo`")
def test_build_is_reproducible(tmp_path):
    """Rebuilding from the pinned world-atlas gives the committed file byte for byte."""
    output = tmp_path / "boundaries.geojson"
    subprocess.run(
        [sys.executable, "-m", "geo.build_boundaries", "--output", str(output)],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    assert output.read_bytes() == BOUNDARIES_PATH.read_bytes()
