"""Catalog strings for ingestion, validation and the command line."""

STRINGS: dict[str, dict[str, str]] = {
}
