"""Large-screen benchmark (not a test): how long the wall takes at city scale.

    PYTHONPATH=. .venv/bin/python bench/screen_bench.py --db /tmp/demo.duckdb
    PYTHONPATH=. .venv/bin/python bench/screen_bench.py --db /tmp/copy.duckdb \
        --url http://127.0.0.1:8501   (the app holds its own file: give a copy for --db)

Server side, per step, median of --repeat runs: the read model (screen_view, which also
computes the figures 7 days earlier), the data's last-change time (SQL), the HTML of the
panels and the SVG chart, the map. With --url (a running app on the same database), the
browser side too: sign in as `leader`, open /screen at 1920×1080, time until the map's
shapes are drawn, cold (first visit after start) and warm. The goal is ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from paicha_geo.render import screen, screen_map
from paicha_geo.render.region_map import build_region_map
from paicha_geo.services import data, map_service, screen_service
from paicha_geo.store import Store


def _timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times), result


def server(db: str, asof: dt.date, repeat: int) -> None:
    store = Store(db, read_only=True)
    t_snap, _, snap = _timed(lambda: data.load_snapshot(store), 1)
    t_layers, _, layers = _timed(lambda: map_service.map_layers(store), 1)
    scope = data.EVERYTHING
    rows = [("snapshot load (once per data version)", t_snap, t_snap),
            ("map layers (once per data version)", t_layers, t_layers)]
    med, worst, sv = _timed(lambda: screen_service.screen_view(snap, scope, asof), repeat)
    rows.append(("screen_view (now + 7 days earlier)", med, worst))
    med, worst, _ = _timed(lambda: screen_service.data_updated_at(store, scope, asof), repeat)
    rows.append(("data_updated_at (SQL)", med, worst))
    view = sv.view

    def panels():
        return (screen.kpi_tiles(view.totals, sv.days_left, sv.changes)
                + screen.ranking(view.children["name"], view.child_metrics, "x", sv.ranks,
                                 sv.rank_by)
                + screen.most_overdue(sv.most_overdue)
                + screen.progress_panel(sv.series, asof, snap.campaign.deadline))
    med, worst, html = _timed(panels, repeat)
    rows.append((f"panels + SVG chart HTML ({len(html) / 1024:.0f} KiB)", med, worst))

    def the_map():
        rmap = build_region_map(layers, view.child_level, view.children["code"],
                                view.child_metrics, "open_per_100_households",
                                root_level=view.region["level"], dark=True, controls=False,
                                weak_markers=view.weak_villages, outline="#e6edf3")
        screen_map.fill_the_box(rmap.base, rmap.layer, rmap.shapes.total_bounds)
        rmap.layer.add_to(rmap.base)
        return rmap.base.get_root().render()
    med, worst, page = _timed(the_map, repeat)
    rows.append((f"map build + render ({len(page) / 1024:.0f} KiB)", med, worst))
    store.close()
    print(f"server side, city scale, as of {asof} (median / worst of {repeat}):")
    for name, m, w in rows:
        print(f"  {name:<45} {m * 1000:8.0f} ms {w * 1000:8.0f} ms")
    tick = sum(m for name, m, _ in rows[2:])
    print(f"  {'one tick without caches (sum of the above)':<45} {tick * 1000:8.0f} ms")


def browser(url: str, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium",
                               args=["--no-sandbox", "--disable-gpu"])
        times = []
        for _ in range(repeat):
            context = b.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
            context.request.post(url + "/login", form={
                "account": "leader", "password": "Paicha#2020", "next": "/"}, max_redirects=0)
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(url + "/screen")
            page.locator(".scr-kpi").first.wait_for(timeout=60_000)
            t_kpi = time.perf_counter() - t0
            page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(
                "path.leaflet-interactive").first.wait_for(timeout=60_000)
            times.append((t_kpi, time.perf_counter() - t0))
            context.close()
        b.close()
    print(f"browser, 1920×1080, {url}/screen (first = cold unless the app was visited):")
    for i, (kpi, full) in enumerate(times, start=1):
        print(f"  visit {i}: KPIs shown {kpi:5.2f} s, map drawn {full:5.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--asof", type=dt.date.fromisoformat, default=dt.date(2020, 5, 31))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--url", help="a running app on the same database")
    args = parser.parse_args()
    if args.url:
        browser(args.url, 3)
    server(args.db, args.asof, args.repeat)


if __name__ == "__main__":
    main()
