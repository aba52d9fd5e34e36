"""Overlaps and gaps in a planner's polygons are reported at ingest, with their size and ids.

Regression (#12, point 5): overlaps in the source (the okfse kommun file's
Södertälje and Trosa overlap by 0.97 km², its län by 7.79 km²) were published
without a word.
"""

from __future__ import annotations

import pytest

from geodata.ingest.issues import IssueLog
from geodata.ingest.polygons import AreasOptions, read_areas


def _warnings(path, **options) -> list[str]:
    log = IssueLog()
    assert read_areas(path, AreasOptions(**options), log) is not None
    assert not log.errors
    return [issue.message("en") for issue in log.warnings if issue.rule.startswith("areas_")]


def test_overlapping_kommuner_are_named_with_the_size_of_their_overlap(shared_data):
    lines = _warnings(shared_data / "okfse-sweden-geojson" / "swedish_municipalities.geojson", id_column="id")
    assert lines[0].startswith("swedish_municipalities.geojson: overlaps between areas: 9, together 1.85 km²")
    # Södertälje and Trosa.
    assert "swedish_municipalities.geojson: areas 0181 and 0488 overlap by 0.97 km²." in lines
    assert any(line.startswith("swedish_municipalities.geojson: gaps between areas that no area covers: 56,")
               for line in lines)
    assert "swedish_municipalities.geojson: a gap of 0.03 km² (at most 24.0 m wide) between areas 0192, 0488." \
        in lines


def test_polygons_simplified_one_by_one_report_their_overlaps_and_gaps_in_a_few_lines(shared_data):
    lines = _warnings(shared_data / "stockholm-lan-deso-2018" / "deso_stockholm.json", id_column="id")
    assert lines[0].startswith("deso_stockholm.json: overlaps between areas: 2002, together 8.60 km²")
    assert "deso_stockholm.json: areas 0136B2010 and 0136A0020 overlap by 0.07 km²." in lines
    assert any(line.startswith("deso_stockholm.json: gaps between areas that no area covers: 2424,")
               for line in lines)
    # The largest five of each are listed, the rest counted: not 4,400 lines.
    assert len(lines) == 12


@pytest.mark.parametrize("path, options", [
    ("goteborgsregionen-deso-regso-2025/goteborgsregionen_sweref99tm.gpkg",
     {"id_column": "desokod", "layer": "deso_2025_gr_scb_original"}),
    ("karlstad-scb/raw/geo_deso.json", {"id_column": "desokod"}),
    ("scb-kommun-lan-shp/lan/Lan_Sweref99TM_region.shp", {"id_column": "LnKod"}),
])
def test_sub_millimetre_noding_faults_and_lakes_are_not_reported(shared_data, path, options):
    # SCB's full-resolution DeSO cross by fractions of a millimetre; Vänern lies in no län.
    assert _warnings(shared_data / path, **options) == []
