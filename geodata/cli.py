"""``python -m geodata``: build, publish and inspect datasets.

Every subcommand exits 0 on success and non-zero with a message on stderr
when something is wrong; nothing is published half-done.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import store


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir or os.environ.get("ATLAS_DATA_DIR", "data"))


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the fictional demo dataset and publish it."""
    from .demo import DEMO_NAME, build_demo

    root = _data_dir(args)
    if args.if_absent and store.current_release(root, DEMO_NAME):
        print(f"demo dataset already present in {root}")
        return 0
    print("building the fictional demo municipality ...", file=sys.stderr)
    release = store.publish(build_demo(), root)
    print(f"published {DEMO_NAME} as {release}")
    return 0


def cmd_synthetic(args: argparse.Namespace) -> int:
    """Build a large synthetic dataset (for benchmarks) and publish it."""
    from .demo import build_synthetic

    print(f"building {args.areas} synthetic areas ...", file=sys.stderr)
    release = store.publish(build_synthetic(n_areas=args.areas, name=args.name), _data_dir(args))
    print(f"published {args.name} as {release}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="data directory (default: $ATLAS_DATA_DIR or ./data)")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help=cmd_demo.__doc__)
    demo.add_argument("--if-absent", action="store_true", help="do nothing when the demo is already published")
    demo.set_defaults(func=cmd_demo)
    syn = sub.add_parser("synthetic", help=cmd_synthetic.__doc__)
    syn.add_argument("name", nargs="?", default="synthetic")
    syn.add_argument("--areas", type=int, default=6000, help="number of small areas (default 6000)")
    syn.set_defaults(func=cmd_synthetic)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
