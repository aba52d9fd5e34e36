"""PxWeb v2 client logic with constructed answers: chunking, rate limit, retries,
wildcard expansion, json-stat2 parsing and the tables no real answer was recorded for."""

from __future__ import annotations

import itertools
import json
import math
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import numpy as np
import pytest

from geodata.ingest.issues import IssueLog
from geodata.ingest.pxweb import (FetchFailed, HttpFetcher, PxQuery, PxWebClient, RateLimiter,
                                  chunk_query, expand_selection, jsonstat2_frame)
from geodata.ingest.scb import TABLES, ScbPlan, build_scb_dataset, table_values


def jsonstat(dims: list[tuple[str, list[tuple[str, str]]]], values, status=None) -> dict:
    """A json-stat2 answer in the shape SCB sends."""
    doc = {"version": "2.0", "class": "dataset", "label": "konstruerad", "source": "SCB",
           "updated": "2026-01-01T00:00:00Z", "id": [d for d, _ in dims],
           "size": [len(c) for _, c in dims],
           "dimension": {d: {"label": d, "category": {
               "index": {code: i for i, (code, _) in enumerate(c)},
               "label": {code: label for code, label in c}}} for d, c in dims},
           "value": values}
    if status:
        doc["status"] = status
    return doc


def selection_of(url: str) -> dict[str, list[str]]:
    query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    return {k[len("valueCodes["):-1]: unquote(v).split(",") for k, v in query.items()
            if k.startswith("valueCodes[")}


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_url_encoding_matches_scb_recordings():
    query = PxQuery.build("TAB2538", {"Region": "1780", "Hustyp": ["FLERBO", "SMÅHUS"],
                                      "Kon": "1+2", "Tid": "from(1990)"})
    assert query.url() == (
        "https://api.scb.se/OV0104/v2beta/api/v2/tables/TAB2538/data?valueCodes[Region]=1780"
        "&valueCodes[Hustyp]=FLERBO,SM%C3%85HUS&valueCodes[Kon]=1%2B2&valueCodes[Tid]=from(1990)"
        "&outputFormat=json-stat2")
    assert query.cells() is None
    assert PxQuery.build("T", {"Region": ["1", "2"], "Tid": ["2020", "2021", "2022"]}).cells() == 6


def test_expressions_select_codes_in_table_order():
    years = [str(y) for y in range(2010, 2026)]
    assert expand_selection(["top(2)"], years) == ["2024", "2025"]
    assert expand_selection(["bottom(1)"], years) == ["2010"]
    assert expand_selection(["from(2023)"], years) == ["2023", "2024", "2025"]
    assert expand_selection(["to(2011)"], years) == ["2010", "2011"]
    assert expand_selection(["range(2012,2013)"], years) == ["2012", "2013"]
    regions = ["1780", "1780R001", "1780R001_RegSO2025", "1781R001", "17"]
    assert expand_selection(["1780*"], regions) == ["1780", "1780R001", "1780R001_RegSO2025"]
    assert expand_selection(["*_RegSO2025", "17"], regions) == ["1780R001_RegSO2025", "17"]


def test_chunks_respect_the_cell_limit_and_cover_everything():
    regions = [f"{i:04d}" for i in range(5000)]
    years = [str(y) for y in range(1985, 2025)]
    query = PxQuery.build("TAB1", {"Region": regions, "ContentsCode": "X", "Tid": years})
    assert query.cells() == 200_000
    chunks = chunk_query(query, 150_000)
    assert len(chunks) == 2
    assert all(chunk.cells() <= 150_000 for chunk in chunks)
    covered = {(r, t) for c in chunks for r in dict(c.selection)["Region"] for t in dict(c.selection)["Tid"]}
    assert covered == set(itertools.product(regions, years))
    # A dimension too small to split on its own makes the next one split too.
    tiny = chunk_query(PxQuery.build("T", {"A": ["1", "2"], "B": [str(i) for i in range(10)]}), 3)
    assert all(c.cells() <= 3 for c in tiny) and sum(c.cells() for c in tiny) == 20


def test_rate_limiter_keeps_30_calls_in_any_10_seconds():
    clock = FakeClock()
    limiter = RateLimiter(30, 10.0, clock=clock, sleep=clock.sleep)
    stamps = []
    for _ in range(95):
        limiter.wait()
        stamps.append(clock.now)
        clock.now += 0.01
    for i in range(len(stamps) - 30):
        assert stamps[i + 30] - stamps[i] >= 10.0
    assert 29.0 < clock.now < 32.0


def test_429_is_retried_after_the_time_scb_asks_for(tmp_path):
    calls = []

    def handler(request):
        calls.append(str(request.url))
        if len(calls) == 1:
            return httpx.Response(429, headers={"Retry-After": "7"})
        return httpx.Response(200, json=jsonstat([("Region", [("1780", "Karlstad")]),
                                                  ("Tid", [("2024", "2024")])], [5]))

    clock = FakeClock()
    fetcher = HttpFetcher(httpx.Client(transport=httpx.MockTransport(handler)), cache_dir=tmp_path,
                          limiter=RateLimiter(clock=clock, sleep=clock.sleep), sleep=clock.sleep)
    answer = PxWebClient(fetcher).fetch(PxQuery.build("T", {"Region": "1780", "Tid": "2024"}))
    assert clock.slept == [7.0]
    assert len(calls) == 2
    assert answer.frame["value"].tolist() == [5.0]
    info = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert info["url"] == calls[0] and info["fetched"]


def test_too_large_wildcard_query_is_expanded_with_metadata_and_chunked():
    regions = [("1780", "Karlstad")] + [(f"1780R{i:03d}", f"område {i}") for i in range(1, 32)]
    years = [(str(y), str(y)) for y in range(2011, 2025)]
    sent = []

    def handler(request):
        url = str(request.url)
        sent.append(url)
        if url.endswith("/metadata?outputFormat=json-stat2"):
            return httpx.Response(200, json=jsonstat([("Region", regions), ("Tid", years)], []))
        sel = selection_of(url)
        if any("*" in c or "(" in c for codes in sel.values() for c in codes):
            return httpx.Response(403, json={"title": "Too many cells selected"})
        if math.prod(len(v) for v in sel.values()) > 100:
            return httpx.Response(403, json={"title": "Too many cells selected"})
        dims = [("Region", [r for r in regions if r[0] in sel["Region"]]),
                ("Tid", [y for y in years if y[0] in sel["Tid"]])]
        values = [float(int(r[0][-3:]) if "R" in r[0] else 0) * 100 + int(t[0]) - 2000
                  for r in dims[0][1] for t in dims[1][1]]
        return httpx.Response(200, json=jsonstat(dims, values))

    fetcher = HttpFetcher(httpx.Client(transport=httpx.MockTransport(handler)),
                          limiter=RateLimiter(max_calls=1000))
    answer = PxWebClient(fetcher, max_cells=100).fetch(
        PxQuery.build("TAB9", {"Region": "1780*", "Tid": "from(2011)"}))
    frame = answer.frame
    assert len(frame) == 32 * 14
    assert not frame.duplicated(["Region", "Tid"]).any()
    row = frame[(frame["Region"] == "1780R031") & (frame["Tid"] == "2024")]
    assert row["value"].tolist() == [3124.0]
    data_calls = [u for u in sent[2:] if "/data?" in u]
    assert all(math.prod(len(v) for v in selection_of(u).values()) <= 100 for u in data_calls)
    assert len(data_calls) == len(answer.answers) == math.ceil(32 / 7)


def test_jsonstat2_sparse_values_and_status():
    doc = jsonstat([("Region", [("1780R001", "a"), ("1780R002", "b")]), ("Tid", [("2023", "2023"),
                                                                               ("2024", "2024")])],
                   {"0": 1.5, "3": 2}, {"1": "..", "2": "."})
    frame = jsonstat2_frame(doc)
    assert frame["Region"].tolist() == ["1780R001", "1780R001", "1780R002", "1780R002"]
    assert frame["Tid"].tolist() == ["2023", "2024", "2023", "2024"]
    assert frame["value"].tolist()[0] == 1.5 and frame["value"].tolist()[3] == 2.0
    assert np.isnan(frame["value"].tolist()[1]) and np.isnan(frame["value"].tolist()[2])
    assert frame["marker"].tolist()[1:3] == ["..", "."]


def regso_pair(n: int = 2):
    """RegSO listed under both editions, as SCB's tables do."""
    out = []
    for i in range(1, n + 1):
        out += [(f"1780R{i:03d}", f"område {i}"), (f"1780R{i:03d}_RegSO2025", f"område {i}")]
    return out


def test_low_economic_standard_table_keeps_editions_and_suppression():
    regions = regso_pair()
    years = [("2022", "2022"), ("2023", "2023"), ("2024", "2024")]
    values = [10.0, 11.0, None, None, None, 12.0, 20.0, None, None, None, None, None]
    status = {"2": "..", "3": "..", "4": "..", "7": "..", "8": "..", "9": "..", "10": "..", "11": ".."}
    doc = jsonstat([("Region", regions), ("Alder", [("tot", "totalt")]),
                    ("ContentsCode", [("000008AC", "Låg ekonomisk standard, procent")]), ("Tid", years)],
                   values, status)
    out = table_values(TABLES["TAB6685"], jsonstat2_frame(doc)).set_index(["area_id", "year"])
    assert out.loc[("1780R001", 2022), "value"] == 10.0
    assert out.loc[("1780R001", 2022), "edition"] == "RegSO2020"
    assert out.loc[("1780R001", 2024), "value"] == 12.0
    assert out.loc[("1780R001", 2024), "edition"] == "RegSO2025"
    assert out.loc[("1780R002", 2023), "status"] == "suppressed"
    assert np.isnan(out.loc[("1780R002", 2023), "value"])
    assert len(out) == 6


def test_employment_rate_is_a_ratio_with_numerator_and_denominator():
    regions = [("1780C1010_DeSO2025", "1780C1010"), ("1780C1020_DeSO2025", "1780C1020")]
    doc = jsonstat([("Region", regions), ("Kon", [("1+2", "totalt")]), ("Alder", [("20-64", "20-64 år")]),
                    ("ContentsCode", [("0000089X", "förvärvsarbetande"), ("0000089Y", "befolkning")]),
                    ("Tid", [("2024", "2024")])], [600, 800, None, 900], {"2": ".."})
    out = table_values(TABLES["TAB6680"], jsonstat2_frame(doc)).set_index("area_id")
    assert out.loc["1780C1010", ["numerator", "denominator", "value", "status"]].tolist() == \
        [600.0, 800.0, 75.0, "ok"]
    # A ratio with a suppressed part is suppressed, not computed from what is left.
    assert out.loc["1780C1020", "status"] == "suppressed"
    assert np.isnan(out.loc["1780C1020", ["value", "numerator", "denominator"]].astype(float)).all()
    assert out.loc["1780C1010", "level"] == "deso" and out.loc["1780C1010", "edition"] == "DeSO2025"


def test_label_based_shares_for_education_and_background():
    regions = [("1780R001_RegSO2025", "område 1")]
    education = jsonstat([("Region", regions),
                          ("UtbildningsNiva", [("21", "förgymnasial utbildning"), ("3", "gymnasial utbildning"),
                                               ("5", "eftergymnasial utbildning, mindre än 3 år"),
                                               ("6", "eftergymnasial utbildning, 3 år eller mer"),
                                               ("US", "uppgift om utbildningsnivå saknas"),
                                               ("TOT", "totalt")]),
                          ("ContentsCode", [("X", "Antal")]), ("Tid", [("2024", "2024")])],
                         [100, 300, 150, 250, 20, 820])
    out = table_values(TABLES["TAB6534"], jsonstat2_frame(education)).iloc[0]
    assert (out["numerator"], out["denominator"]) == (400.0, 820.0)
    assert out["value"] == pytest.approx(100 * 400 / 820)
    background = jsonstat([("Region", regions), ("UtlBakgrund", [("1", "utländsk bakgrund"),
                                                                 ("2", "svensk bakgrund")]),
                           ("Kon", [("1+2", "totalt")]), ("ContentsCode", [("Y", "Antal")]),
                           ("Tid", [("2024", "2024")])], [250, 750])
    out = table_values(TABLES["TAB6571"], jsonstat2_frame(background)).iloc[0]
    assert (out["value"], out["numerator"], out["denominator"]) == (25.0, 250.0, 1000.0)


def test_unverified_table_that_fails_is_left_out_with_a_warning(shared_data, tmp_path):
    raw = shared_data / "karlstad-scb" / "raw"
    manifest = json.loads((raw / "_manifest.json").read_text(encoding="utf-8-sig"))
    files = {str(httpx.URL(e["url"])): raw / f"{k}.json" for k, e in manifest.items()}

    def handler(request):
        path = files.get(str(request.url))
        if path is None:
            return httpx.Response(400, json={"title": "Invalid value code for variable UtlBakgrund"})
        return httpx.Response(200, content=path.read_bytes())

    log = IssueLog()
    with httpx.Client(transport=httpx.MockTransport(handler)) as http:
        dataset = build_scb_dataset(ScbPlan("k", ("1780",), ("TAB6586", "TAB6571")), log, http=http,
                                    cache_dir=None)
    assert set(dataset.values["indicator"]) == {"socioekonomiskt_index", "omradestyp",
                                                "sei_andel_forgymnasial", "sei_andel_lag_ek_standard",
                                                "sei_andel_ekbistand_langtidsarbetslosa"}
    url = ("https://api.scb.se/OV0104/v2beta/api/v2/tables/TAB6571/data?valueCodes[Region]=1780*"
           "&valueCodes[UtlBakgrund]=*&valueCodes[Kon]=1%2B2&valueCodes[ContentsCode]=*&valueCodes[Tid]=*"
           "&outputFormat=json-stat2")
    # This mock refuses the older editions' polygons too (fetched for the 2025 boundary change):
    # each is a warning of its own, and the table's is the only other one.
    messages = [w.message("en") for w in log.warnings]
    assert sorted(m.split(":")[0] for m in messages if "older edition" in m) == ["value 'stat", "value 'stat"]
    assert [m for m in messages if "older edition" not in m] == [
        f"value 'TAB6571': the table could not be read and was left out: TAB6571: HTTP 400, Invalid value "
        f"code for variable UtlBakgrund ({url}). Hint: The query for this table has not been checked "
        "against a real answer; check the table's metadata at SCB or leave it out with --tables."]
    with httpx.Client(transport=httpx.MockTransport(handler)) as http, pytest.raises(FetchFailed):
        # A failing WFS layer or verified table stops the run: nothing is published.
        build_scb_dataset(ScbPlan("k", ("1781",), ("TAB6586",)), IssueLog(), http=http, cache_dir=None)
