"""Fictional datasets: the demo municipality and large synthetic benchmark data.

:func:`build_demo` makes *Exempelstad*, a fictional municipality in central
Sweden with about 60 DeSO in 20 RegSO, nine indicators for 2011-2024 and the
gaps real SCB data have (suppressed and missing cells).  :func:`build_synthetic`
makes thousands of DeSO-like areas for benchmarks.  Every figure is invented;
both datasets say so in their metadata.

Both are deterministic: the same arguments give identical frames.

Geometry is built so that it behaves like SCB's: small areas tile the land
without gaps or overlaps (a lake is a hole), share exact borders, and nest
exactly in their parents.  Values are simulated from a spatially smooth latent
socioeconomic score, so maps show patterns and indicators correlate.  Shares
are simulated as integer counts and aggregated as ratios of sums, as the real
DeSO -> RegSO -> kommun tables are.

The modules, by job: :mod:`.geometry` (tilings), :mod:`.indicators` (what
the indicators are), :mod:`.simulation` (drawing their values),
:mod:`.assembly` (codes, levels, metadata), :mod:`.exempelstad` (the demo)
and :mod:`.synthetic` (benchmark data).

Pure numpy/pandas/geopandas/shapely; nothing imports dash.
"""

from .exempelstad import DEMO_NAME, build_demo
from .indicators import YEARS
from .simulation import MIN_GROUP, MIN_TRAIT
from .synthetic import MAX_REGSO_PER_KOMMUN, build_synthetic, kommun_strips

__all__ = ["DEMO_NAME", "MAX_REGSO_PER_KOMMUN", "MIN_GROUP", "MIN_TRAIT", "YEARS", "build_demo",
           "build_synthetic", "kommun_strips"]
