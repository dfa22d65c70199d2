"""Reading files: spreadsheets (xlsx, csv, encodings), boundary files (GeoJSON, zipped
Shapefile, GeoPackage, CRS detection) and the package's JSON data files.

Bytes or paths in, plain data and typed problems (domain.errors) out; no database, no UI
text. Imports only `paicha_geo.domain`.
"""
