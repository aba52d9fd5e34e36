"""Data layer of Segregationsatlas: loading, validation, joins, classes, encoding.

Pure pandas/geopandas/shapely; never imports dash.
"""
