"""Component trees of the dashboard.  Builds components only; no callbacks."""
