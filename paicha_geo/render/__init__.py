"""Render layer: folium maps and plotly figures built from plain data; escaping of user text."""
