"""Writing imported boundaries: one transaction updates every matched region's outline."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from paicha_geo.store.db import Store


def apply_boundaries(store: Store, frame: gpd.GeoDataFrame) -> int:
    """Replace the boundary and label point of each region in `frame` (code, geometry)."""
    if frame is None or frame.empty:
        return 0
    labels_at = shapely.point_on_surface(frame.geometry.to_numpy())
    data = pd.DataFrame({
        "code": frame["code"].astype(str).to_numpy(),
        "wkb": [shapely.to_wkb(g) for g in frame.geometry],
        "label_lon": shapely.get_x(labels_at).round(6),
        "label_lat": shapely.get_y(labels_at).round(6),
    })
    with store.transaction() as cur:
        store.bump_data_version(cur)
        cur.register("_bounds", data)
        try:
            row = cur.execute(
                "UPDATE region SET boundary = ST_GeomFromWKB(b.wkb), label_lon = b.label_lon, "
                "label_lat = b.label_lat FROM _bounds b WHERE region.code = b.code"
            ).fetchone()
        finally:
            cur.unregister("_bounds")
    return int(row[0]) if row else 0
