"""Split a real outline into towns and villages that look like surveyed boundaries.

How: scatter points on a jittered grid (~150-700 per village), give each point to a town and
then to a village by nearest seed after a smooth random warp of space (so borders wander),
clean up fragments on the grid, and dissolve the points' Voronoi cells. Every part is a union
of the same clipped Voronoi cells, so neighbours share their edges exactly, villages tile
their town and towns tile the district.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy import ndimage
from scipy.spatial import cKDTree


@dataclass
class Partition:
    """Labels on the district's point grid and the dissolved polygons (projected metres)."""

    town_of_village: np.ndarray  # village index -> town index
    towns: list  # shapely polygons, one per town index
    villages: list  # shapely polygons, one per village index


def _warp(xy: np.ndarray, rng: np.random.Generator, wavelength: float, amplitude: float):
    """A smooth random displacement field: a few sinusoids in random directions."""
    out = xy.copy()
    for axis in (0, 1):
        # Octaves: a broad swing plus finer wiggles, like field and ditch lines.
        for octave, share in ((1.0, 0.5), (0.5, 0.3), (0.25, 0.2)):
            for _ in range(2):
                theta = rng.uniform(0, np.pi)
                k = 2 * np.pi / (wavelength * octave * rng.uniform(0.7, 1.3))
                phase = rng.uniform(0, 2 * np.pi)
                proj = xy[:, 0] * np.cos(theta) + xy[:, 1] * np.sin(theta)
                out[:, axis] += amplitude * share / 2 * np.sin(k * proj + phase)
    return out


def _kmeans(points: np.ndarray, k: int, rng: np.random.Generator, rounds: int = 8):
    """Plain Lloyd iterations from a random start: seeds spread evenly over the points."""
    k = min(k, len(points))
    seeds = points[rng.choice(len(points), size=k, replace=False)]
    for _ in range(rounds):
        _, label = cKDTree(seeds).query(points)
        counts = np.bincount(label, minlength=k)
        sums = np.zeros_like(seeds)
        np.add.at(sums, label, points)
        moved = counts > 0
        seeds[moved] = sums[moved] / counts[moved, None]
    return seeds


def _assign(points, seeds, rng, size):
    """Nearest seed in a warped space, so borders meander instead of running straight."""
    warped = _warp(points, rng, wavelength=size * 1.5, amplitude=size * 0.35)
    warped_seeds = _warp(seeds, rng, wavelength=size * 1.2, amplitude=0.0)
    _, label = cKDTree(warped_seeds).query(warped)
    return label


def _merge_fragments(grid: np.ndarray, allowed: np.ndarray | None = None) -> None:
    """Give every detached fragment of a label to the label it borders most (in place).

    `grid` holds labels >= 0 inside and -1 outside; `allowed` (same shape) restricts which
    labels a fragment may join (used to keep villages inside their own town).
    """
    for _ in range(3):
        changed = False
        # find_objects on grid + 1: entry i is the box of grid value i (outside, -1, is 0).
        for value, box in enumerate(ndimage.find_objects(grid + 1)):
            if box is None:
                continue
            mask = grid[box] == value
            parts, n = ndimage.label(mask)
            if n <= 1:
                continue
            sizes = np.bincount(parts.ravel())[1:]
            keep = np.argmax(sizes) + 1
            for part in range(1, n + 1):
                if part == keep:
                    continue
                frag = np.zeros(grid.shape, dtype=bool)
                frag[box] = parts == part
                ring = ndimage.binary_dilation(frag) & ~frag & (grid >= 0)
                candidates = grid[ring]
                if allowed is not None:
                    candidates = candidates[allowed[ring]]
                candidates = candidates[candidates != value]
                if candidates.size:
                    grid[frag] = np.bincount(candidates).argmax()
                    changed = True
        if not changed:
            return


def partition_outline(
    outline,
    town_count: int,
    village_counts: list[int],
    rng: np.random.Generator,
    cells_per_village: int = 400,
) -> Partition:
    """Split `outline` (a projected polygon, metres) into towns, and each town into villages."""
    total_villages = sum(village_counts)
    area = outline.area
    spacing = float(np.sqrt(area / (total_villages * cells_per_village)))
    minx, miny, maxx, maxy = outline.bounds
    xs = np.arange(minx + spacing / 2, maxx, spacing)
    ys = np.arange(miny + spacing / 2, maxy, spacing)
    gx, gy = np.meshgrid(xs, ys)
    jitter = rng.uniform(-0.35, 0.35, size=(2, *gx.shape)) * spacing
    px, py = gx + jitter[0], gy + jitter[1]
    shapely.prepare(outline)
    inside = shapely.contains_xy(outline, px, py)
    pts = np.column_stack([px[inside], py[inside]])

    # Towns: k-means seeds over the district, warped nearest-seed assignment, fragments merged.
    town_size = np.sqrt(area / town_count)
    town_seeds = _kmeans(pts, town_count, rng)
    town_grid = np.full(gx.shape, -1, dtype=np.int64)
    town_grid[inside] = _assign(pts, town_seeds, rng, town_size)
    _merge_fragments(town_grid)
    # Drop towns the cleanup emptied, keeping indices dense.
    present = np.unique(town_grid[town_grid >= 0])
    remap = np.full(town_count, -1)
    remap[present] = np.arange(len(present))
    town_grid[town_grid >= 0] = remap[town_grid[town_grid >= 0]]

    # Villages: per town, seeds and warped assignment on that town's points only.
    village_grid = np.full(gx.shape, -1, dtype=np.int64)
    town_of_village = []
    for t_new, t_old in enumerate(present):
        mask = town_grid == t_new
        tp = np.column_stack([px[mask], py[mask]])
        k = max(1, min(village_counts[t_old], len(tp) // 20))
        size = np.sqrt(mask.sum() * spacing**2 / k)
        seeds = _kmeans(tp, k, rng)
        local = _assign(tp, seeds, rng, size)
        village_grid[mask] = local + len(town_of_village)
        town_of_village.extend([t_new] * k)
    town_of_village = np.array(town_of_village)
    # Fragments may only join a village of the same town.
    _merge_villages_within_towns(village_grid, town_grid, town_of_village)
    present_v = np.unique(village_grid[village_grid >= 0])
    remap_v = np.full(len(town_of_village), -1)
    remap_v[present_v] = np.arange(len(present_v))
    village_grid[village_grid >= 0] = remap_v[village_grid[village_grid >= 0]]
    town_of_village = town_of_village[present_v]

    # Geometry: Voronoi cells of all inside points, clipped to the outline, dissolved by label.
    cells = _clipped_cells(pts, outline)
    v_labels = village_grid[inside]
    villages = _dissolve(cells, v_labels, len(present_v))
    towns = [shapely.coverage_union_all([villages[i] for i in np.flatnonzero(town_of_village == t)])
             for t in range(len(present))]
    return Partition(town_of_village=town_of_village, towns=towns, villages=villages)


def _merge_villages_within_towns(village_grid, town_grid, town_of_village) -> None:
    for t in np.unique(town_grid[town_grid >= 0]):
        box = ndimage.find_objects((town_grid == t).astype(np.int64))[0]
        sub = village_grid[box].copy()
        in_town = town_grid[box] == t
        sub[~in_town] = -1
        _merge_fragments(sub)
        village_grid[box][in_town] = sub[in_town]


def _clipped_cells(pts: np.ndarray, outline) -> np.ndarray:
    """Voronoi cells of the points, in point order, intersected with the outline."""
    multipoint = shapely.multipoints(pts)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(multipoint, extend_to=outline, ordered=True)
    )
    interior = shapely.contains_properly(outline, cells)
    clipped = cells.copy()
    edge = ~interior
    clipped[edge] = shapely.intersection(cells[edge], outline)
    return clipped


def _dissolve(cells: np.ndarray, labels: np.ndarray, n: int) -> list:
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(n + 1))
    out = []
    for i in range(n):
        group = cells[order[bounds[i] : bounds[i + 1]]]
        geom = shapely.coverage_union_all(group)
        geom = _polygonal(geom)
        out.append(geom)
    return out


def _polygonal(geom):
    """Keep only polygonal parts (clipping can leave slivers of lines or points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)
