"""A small client for SCB's PxWeb API v2 (json-stat2), polite and cached.

* :class:`PxQuery` builds the GET URL SCB documents
  (``/tables/{id}/data?valueCodes[Dim]=a,b&outputFormat=json-stat2``).
* A query whose cell count is known and exceeds SCB's limit (150,000 cells
  per call) is split into chunks before anything is sent; a query with
  wildcards is sent as is and, if SCB refuses it as too large, expanded with
  the table's metadata and split.
* :class:`RateLimiter` keeps within SCB's 30 calls per 10 seconds, and a
  429 or 503 answer is retried after the time SCB asks for.
* Raw answers are cached on disk with the URL and the time they were
  fetched, so that a refresh can be replayed and the provenance recorded.
* :func:`jsonstat2_frame` turns an answer into a long frame, one row per
  cell, keeping SCB's status markers (``..``) next to the value.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import hashlib
import json
import math
import re
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import quote

import httpx
import numpy as np
import pandas as pd

#: The PxWeb API v2 base the recorded answers were fetched from (2026-07).
PXWEB_BASE = "https://api.scb.se/OV0104/v2beta/api/v2"
MAX_CELLS = 150_000
MAX_CALLS = 30
PER_SECONDS = 10.0
RETRY_STATUSES = (429, 502, 503, 504)
MAX_RETRIES = 4
#: Answers SCB gives a request selecting too many cells.
TOO_LARGE_STATUSES = (403, 413)

_EXPRESSION = re.compile(r"^(from|to|top|bottom)\((.+)\)$|^range\((.+),(.+)\)$", re.IGNORECASE)


class FetchFailed(Exception):
    """A request failed for good; ``describe`` says which and why."""

    def __init__(self, url: str, reason: str, status: int | None = None, table: str | None = None):
        self.url, self.reason, self.status, self.table = url, reason, status, table
        super().__init__(f"{url}: {reason}")

    def describe(self, lang: str = "sv") -> str:
        head = f"{self.table}: " if self.table else ""
        status = f"HTTP {self.status}, " if self.status else ""
        return f"{head}{status}{self.reason} ({self.url})"


# ---------------------------------------------------------------------------
# Queries

Selection = tuple[tuple[str, tuple[str, ...]], ...]


def is_expression(code: str) -> bool:
    """True for a selection that names codes by pattern (``*``, ``1780*``, ``top(1)``)."""
    return "*" in code or "?" in code or bool(_EXPRESSION.match(code))


def expand_selection(codes: Sequence[str], available: Sequence[str]) -> list[str]:
    """The codes of ``available`` that ``codes`` (names or expressions) select, in table order."""
    chosen: set[str] = set()
    for code in codes:
        match = _EXPRESSION.match(code)
        if match and match.group(1):
            kind, arg = match.group(1).lower(), match.group(2).strip()
            if kind in ("top", "bottom"):
                n = int(arg)
                # top(n): the n latest (last) codes; bottom(n): the first n.
                picked = available[-n:] if kind == "top" else available[:n]
            elif kind == "from":
                picked = available[available.index(arg):] if arg in available else []
            else:
                picked = available[:available.index(arg) + 1] if arg in available else []
            chosen.update(picked)
        elif match:
            low, high = match.group(3).strip(), match.group(4).strip()
            if low in available and high in available:
                chosen.update(available[available.index(low):available.index(high) + 1])
        elif "*" in code or "?" in code:
            chosen.update(c for c in available if fnmatch.fnmatchcase(c, code))
        elif code in available:
            chosen.add(code)
    return [c for c in available if c in chosen]


@dataclass(frozen=True)
class PxQuery:
    """One data request: a table and, per dimension, the codes to select.

    The order of ``selection`` is kept in the URL, so that a query built
    the same way always has the same URL (and hits the same cache entry).
    """

    table: str
    selection: Selection
    codelist: tuple[tuple[str, str], ...] = ()

    @classmethod
    def build(cls, table: str, selection: Mapping[str, str | Sequence[str]],
              codelist: Mapping[str, str] | None = None) -> "PxQuery":
        sel = tuple((dim, (codes,) if isinstance(codes, str) else tuple(codes))
                    for dim, codes in selection.items())
        return cls(table, sel, tuple((codelist or {}).items()))

    def url(self, base: str = PXWEB_BASE) -> str:
        parts = [f"valueCodes[{dim}]=" + ",".join(quote(c, safe="*()") for c in codes)
                 for dim, codes in self.selection]
        parts += [f"codelist[{dim}]={quote(name, safe='')}" for dim, name in self.codelist]
        parts.append("outputFormat=json-stat2")
        return f"{base.rstrip('/')}/tables/{self.table}/data?" + "&".join(parts)

    def cells(self) -> int | None:
        """Cells the query selects, or None when a dimension uses an expression."""
        if any(is_expression(c) for _, codes in self.selection for c in codes):
            return None
        return math.prod(len(codes) for _, codes in self.selection)

    def with_codes(self, dim: str, codes: Sequence[str]) -> "PxQuery":
        sel = tuple((d, tuple(codes) if d == dim else c) for d, c in self.selection)
        return PxQuery(self.table, sel, self.codelist)

    def expanded(self, available: Mapping[str, Sequence[str]]) -> "PxQuery":
        """Replace every expression with the codes it selects in ``available``."""
        sel = []
        for dim, codes in self.selection:
            if any(is_expression(c) for c in codes) and dim in available:
                codes = tuple(expand_selection(codes, list(available[dim])))
            sel.append((dim, tuple(codes)))
        return PxQuery(self.table, tuple(sel), self.codelist)


def chunk_query(query: PxQuery, max_cells: int = MAX_CELLS) -> list[PxQuery]:
    """Split an explicit query into queries of at most ``max_cells`` cells each.

    The dimension with the most codes is split first (usually Region, then
    Tid), as evenly as possible, recursively until every part fits.
    """
    cells = query.cells()
    if cells is None:
        raise ValueError("expand expressions before chunking")
    if cells <= max_cells:
        return [query]
    dim, codes = max(query.selection, key=lambda item: len(item[1]))
    if len(codes) <= 1:
        raise ValueError(f"one cell of {query.table} already exceeds {max_cells} cells")
    others = cells // len(codes)
    per_part = max(1, max_cells // others)
    parts = [codes[i:i + per_part] for i in range(0, len(codes), per_part)]
    out: list[PxQuery] = []
    for part in parts:
        out.extend(chunk_query(query.with_codes(dim, part), max_cells))
    return out


# ---------------------------------------------------------------------------
# json-stat2

def jsonstat2_frame(doc: Mapping[str, Any]) -> pd.DataFrame:
    """One row per cell: ``<dim>`` (code) and ``<dim>_label`` per dimension,
    ``value`` (float, NaN without a figure) and ``marker`` (SCB's status
    symbol such as ``..``, or None).

    Handles dense or sparse ``value`` and ``status`` as json-stat2 allows.
    """
    dims = list(doc["id"])
    sizes = [int(s) for s in doc["size"]]
    total = math.prod(sizes) if sizes else 0
    columns: dict[str, np.ndarray] = {}
    repeat = total
    for dim, size in zip(dims, sizes):
        category = doc["dimension"][dim]["category"]
        index = category.get("index")
        if isinstance(index, Mapping):
            codes = [None] * size
            for code, pos in index.items():
                codes[int(pos)] = code
        elif index is None:
            codes = list(category.get("label", {}).keys())
        else:
            codes = list(index)
        labels = category.get("label", {})
        repeat //= max(size, 1)
        tile = total // (size * repeat) if size else 0
        code_arr = np.asarray(codes, dtype=object)
        label_arr = np.asarray([labels.get(c, c) for c in codes], dtype=object)
        columns[dim] = np.tile(np.repeat(code_arr, repeat), tile)
        columns[f"{dim}_label"] = np.tile(np.repeat(label_arr, repeat), tile)
    raw = doc.get("value", [])
    values = np.full(total, np.nan)
    if isinstance(raw, Mapping):
        for pos, v in raw.items():
            if v is not None:
                values[int(pos)] = float(v)
    else:
        arr = np.asarray([np.nan if v is None else v for v in raw], dtype="float64")
        values[:len(arr)] = arr
    markers = np.full(total, None, dtype=object)
    status = doc.get("status")
    if isinstance(status, Mapping):
        for pos, symbol in status.items():
            markers[int(pos)] = symbol
    elif isinstance(status, list):
        for pos, symbol in enumerate(status):
            markers[pos] = symbol
    elif isinstance(status, str):
        markers[:] = status
    frame = pd.DataFrame(columns)
    frame["value"] = values
    frame["marker"] = markers
    return frame


def metadata_codes(doc: Mapping[str, Any]) -> dict[str, list[str]]:
    """Codes per dimension, in table order, from a metadata (json-stat2) answer."""
    out = {}
    for dim in doc["id"]:
        index = doc["dimension"][dim]["category"]["index"]
        out[dim] = (sorted(index, key=index.get) if isinstance(index, Mapping) else list(index))
    return out


# ---------------------------------------------------------------------------
# Rate limit and HTTP

def _sleep(seconds: float) -> None:
    # Looked up at call time, so that tests can replace time.sleep.
    time.sleep(seconds)


def _clock() -> float:
    return time.monotonic()


class RateLimiter:
    """At most ``max_calls`` calls in any window of ``per_seconds`` seconds."""

    def __init__(self, max_calls: int = MAX_CALLS, per_seconds: float = PER_SECONDS,
                 clock: Callable[[], float] = _clock,
                 sleep: Callable[[float], None] = _sleep):
        self.max_calls, self.per_seconds = max_calls, per_seconds
        self.clock, self.sleep = clock, sleep
        self.calls: deque[float] = deque()

    def wait(self) -> None:
        now = self.clock()
        while self.calls and now - self.calls[0] >= self.per_seconds:
            self.calls.popleft()
        if len(self.calls) >= self.max_calls:
            self.sleep(self.per_seconds - (now - self.calls[0]))
            now = self.clock()
            while self.calls and now - self.calls[0] >= self.per_seconds:
                self.calls.popleft()
        self.calls.append(now)


@dataclass(frozen=True)
class Answer:
    """A raw answer with its provenance."""

    url: str
    body: bytes
    fetched: str
    from_cache: bool


@dataclass
class HttpFetcher:
    """GETs URLs through ``http`` with a rate limit, retries and a disk cache.

    Parameters
    ----------
    http : httpx.Client
        The client; tests give one with ``httpx.MockTransport``.
    cache_dir : Path, optional
        Where raw answers are kept (``<sha1 of URL>.body`` and ``.json``).
    refresh : bool
        Fetch again even when an answer is cached.
    """

    http: httpx.Client
    cache_dir: Path | None = None
    refresh: bool = False
    limiter: RateLimiter = field(default_factory=RateLimiter)
    sleep: Callable[[float], None] = _sleep
    calls: int = 0

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha1(url.encode()).hexdigest()
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def get(self, url: str, table: str | None = None) -> Answer:
        paths = self._cache_paths(url)
        if paths and not self.refresh and paths[0].is_file() and paths[1].is_file():
            info = json.loads(paths[1].read_text(encoding="utf-8"))
            return Answer(url, paths[0].read_bytes(), info["fetched"], True)
        response = self._get_with_retries(url, table)
        fetched = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        if paths:
            paths[0].parent.mkdir(parents=True, exist_ok=True)
            # Write the body first: an entry counts only once its .json exists.
            tmp = paths[0].with_suffix(".tmp")
            tmp.write_bytes(response.content)
            tmp.replace(paths[0])
            paths[1].write_text(json.dumps({"url": url, "fetched": fetched}), encoding="utf-8")
        return Answer(url, response.content, fetched, False)

    def _get_with_retries(self, url: str, table: str | None) -> httpx.Response:
        for attempt in range(MAX_RETRIES + 1):
            self.limiter.wait()
            self.calls += 1
            try:
                response = self.http.get(url)
            except httpx.HTTPError as exc:
                if attempt == MAX_RETRIES:
                    raise FetchFailed(url, f"{type(exc).__name__}: {exc}", table=table) from exc
                self.sleep(2 ** attempt)
                continue
            if response.status_code in RETRY_STATUSES and attempt < MAX_RETRIES:
                self.sleep(_retry_after(response, attempt))
                continue
            if response.status_code >= 400:
                raise FetchFailed(url, _error_text(response), response.status_code, table)
            return response
        raise FetchFailed(url, "gave up after retries", table=table)  # pragma: no cover


def _retry_after(response: httpx.Response, attempt: int) -> float:
    header = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(header))
    except ValueError:
        return float(2 ** attempt)


def _error_text(response: httpx.Response) -> str:
    text = response.text.strip()
    try:
        doc = response.json()
        if isinstance(doc, Mapping):
            text = str(doc.get("title") or doc.get("detail") or doc.get("message") or text)
    except ValueError:
        pass
    return text[:300] or response.reason_phrase


def decode_json(body: bytes) -> Any:
    """JSON from SCB, which sometimes starts its answers with a UTF-8 BOM."""
    return json.loads(body.decode("utf-8-sig"))


# ---------------------------------------------------------------------------
# The client

@dataclass
class TableAnswer:
    """Everything fetched for one query: the long frame and its provenance."""

    frame: pd.DataFrame
    answers: list[Answer]
    label: str = ""
    updated: str = ""
    notes: list[str] = field(default_factory=list)


class PxWebClient:
    """Fetches :class:`PxQuery` results, chunked and cached."""

    def __init__(self, fetcher: HttpFetcher, base: str = PXWEB_BASE, max_cells: int = MAX_CELLS):
        self.fetcher, self.base, self.max_cells = fetcher, base, max_cells
        self._metadata: dict[str, dict[str, list[str]]] = {}

    def metadata(self, table: str) -> dict[str, list[str]]:
        if table not in self._metadata:
            url = f"{self.base.rstrip('/')}/tables/{table}/metadata?outputFormat=json-stat2"
            self._metadata[table] = metadata_codes(decode_json(self.fetcher.get(url, table).body))
        return self._metadata[table]

    def fetch(self, query: PxQuery) -> TableAnswer:
        """All cells of ``query``, in as many calls as SCB's limits require."""
        if query.cells() is not None:
            return self._fetch_all(chunk_query(query, self.max_cells))
        try:
            return self._fetch_all([query])
        except FetchFailed as exc:
            if exc.status not in TOO_LARGE_STATUSES:
                raise
        # Too large: learn the codes behind the expressions, then split.
        expanded = query.expanded(self.metadata(query.table))
        return self._fetch_all(chunk_query(expanded, self.max_cells))

    def _fetch_all(self, queries: Iterable[PxQuery]) -> TableAnswer:
        frames, answers, label, updated, notes = [], [], "", "", []
        for query in queries:
            answer = self.fetcher.get(query.url(self.base), query.table)
            doc = decode_json(answer.body)
            frames.append(jsonstat2_frame(doc))
            answers.append(answer)
            label = label or str(doc.get("label", ""))
            updated = max(updated, str(doc.get("updated", "")))
            notes = notes or [str(n) for n in doc.get("note", [])]
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return TableAnswer(frame, answers, label, updated, notes)
