"""Geometry for the map: outer rings, simplification, points inside an area, and label boxes that
do not overlap. Grids of points are tested against a ring with numpy, all points at once."""

from __future__ import annotations

import math

import numpy as np


def outer_rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


# A label's size in degrees on the map as drawn (Dorset's 1.5 degrees across about 450 pixels):
# 13 px bold type is about 0.023 degrees a character across and 0.05 degrees high.
LABEL_CHAR_WIDTH, LABEL_HEIGHT = 0.023, 0.05


def label_boxes(
    points: dict[str, tuple[float, float]], texts: dict[str, str]
) -> dict[str, tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each label centred on its point."""
    boxes = {}
    for area_id, (x, y) in points.items():
        half_width = LABEL_CHAR_WIDTH * len(texts[area_id]) / 2
        boxes[area_id] = (x - half_width, y - LABEL_HEIGHT / 2, x + half_width, y + LABEL_HEIGHT / 2)
    return boxes


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    boundaries: dict, ids: list[str], texts: dict[str, str]
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[tuple[float, float], tuple[float, float]]]]:
    """Where each label goes: inside its area where it fits without touching another label,
    otherwise in the sea below the coast with a line to the area (Weymouth, Portland).

    Returns (inside: id -> point, callouts: id -> (label point, point in the area)).
    """
    features = {f["id"]: f for f in boundaries["features"] if f["id"] in ids}
    candidates = {i: _label_candidates(features[i]) for i in ids}
    anchors = {i: points[0] for i, points in candidates.items()}
    rings = {i: outer_rings(f["geometry"]) for i, f in features.items()}
    inside: dict[str, tuple[float, float]] = {}
    for area_id in sorted(ids, key=lambda i: -len(candidates[i])):  # big areas first: they have room
        for point in candidates[area_id][:300]:
            box = label_boxes({area_id: point}, texts)[area_id]
            middle = (box[1] + box[3]) / 2  # the text's ends on its middle line must land inside
            fits = all(any(_inside(x, middle, ring) for ring in rings[area_id]) for x in (box[0], box[2]))
            if fits and not any(_overlap(box, other) for other in label_boxes(inside, texts).values()):
                inside[area_id] = point
                break
    callouts: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
    bottom = min(y for rs in rings.values() for ring in rs for _, y in ring) - LABEL_HEIGHT
    for area_id in sorted((i for i in ids if i not in inside), key=lambda i: anchors[i][0]):
        x = anchors[area_id][0]
        taken = label_boxes({k: v[0] for k, v in callouts.items()}, texts)
        while True:
            box = label_boxes({area_id: (x, bottom)}, texts)[area_id]
            if not any(_overlap(box, other) for other in taken.values()):
                break
            x += LABEL_CHAR_WIDTH * 2
        callouts[area_id] = ((x, bottom), anchors[area_id])
    return inside, callouts


def simplify(ring: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker: the ring with the points that move it by less than `tolerance` left out."""
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = ring[first][:2], ring[last][:2]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for k in range(first + 1, last):
            x, y = ring[k][:2]
            # From the line through the ends; from the point itself where they meet (a closed ring).
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = k, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    """Ray casting: is (x, y) inside the ring?"""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside_many(xs: np.ndarray, ys: np.ndarray, ring: list[list[float]]) -> np.ndarray:
    """`_inside` for many points at once: the same crossing test, edge by edge, over every point."""
    inside = np.zeros(len(xs), dtype=bool)
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        crosses = (y1 > ys) != (y2 > ys)
        if y1 == y2 or not crosses.any():
            continue  # a level edge is never crossed (and would divide by zero)
        inside ^= crosses & (xs < x1 + (ys - y1) * (x2 - x1) / (y2 - y1))
    return inside


def _distances_to_edge(xs: np.ndarray, ys: np.ndarray, ring: list[list[float]]) -> list[float]:
    """Distance from each point to the ring's nearest vertex: enough to keep a label off the edge."""
    vertices = np.asarray(ring[:: max(len(ring) // 400, 1)], dtype=float)
    nearest = np.full(len(xs), np.inf)
    for px, py in vertices:  # vertex by vertex: a points-by-vertices table would be tens of MB
        nearest = np.minimum(nearest, np.hypot(xs - px, ys - py))
    return nearest.tolist()


def click_points(boundaries: dict, ids: list[str], step: float = 0.02) -> dict[str, list[tuple[float, float]]]:
    """Where a click chooses each area: a grid inside it and points along its outline, so thin
    parts (Chesil Beach, the harbour shore) answer a click too."""
    found = inner_points(boundaries, ids, step)
    for feature in boundaries["features"]:
        if feature["id"] not in ids:
            continue
        points = found[feature["id"]]
        for ring in outer_rings(feature["geometry"]):
            last = None
            for px, py in ring:
                if last is None or abs(px - last[0]) + abs(py - last[1]) > step:
                    points.append((px, py))
                    last = (px, py)
    return found


def inner_points(boundaries: dict, ids: list[str], step: float = 0.02) -> dict[str, list[tuple[float, float]]]:
    """A grid of points inside each area (about 1.5 km apart, 7 to 11 pixels on the map as drawn, each
    marker 18 pixels across): clicking anywhere on an area lands on one."""
    return {
        f["id"]: [point for ring in outer_rings(f["geometry"]) for point in _grid_inside(ring, step)]
        for f in boundaries["features"]
        if f["id"] in ids
    }


def _grid_inside(ring: list[list[float]], step: float) -> list[tuple[float, float]]:
    """The points of a grid `step` apart that fall inside the ring."""
    grid = _grid(ring, step)
    if not grid:
        return []
    xs, ys = np.array(grid).T
    return [point for point, kept in zip(grid, _inside_many(xs, ys, ring), strict=True) if kept]


def _grid(ring: list[list[float]], step: float) -> list[tuple[float, float]]:
    """Every point of a grid `step` apart over the ring's bounding box, column by column."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    right, top = max(xs), max(ys)
    points = []
    x = min(xs) + step / 2
    while x < right:
        y = min(ys) + step / 2
        while y < top:
            points.append((x, y))
            y += step
        x += step
    return points


def _label_candidates(feature: dict) -> list[tuple[float, float]]:
    """Points inside an area, those farthest from the edge of their part first."""
    scored = []
    for ring in outer_rings(feature["geometry"]):
        points = _grid_inside(ring, step=0.008)
        if points:
            xs, ys = np.array(points).T
            scored += zip(_distances_to_edge(xs, ys, ring), points, strict=True)
    if not scored:  # an area too small for the grid: the middle of its largest part
        ring = max(outer_rings(feature["geometry"]), key=len)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return [((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)]
    return [point for _, point in sorted(scored, reverse=True)]
