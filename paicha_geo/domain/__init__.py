"""Domain layer: pure rules and metrics on plain data; no database, no UI."""
