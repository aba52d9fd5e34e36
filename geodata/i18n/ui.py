"""Catalog strings for the dashboard."""

STRINGS: dict[str, dict[str, str]] = {
}
