"""`python -m eval GOLD.jsonl [--report DIR] [--systems NAME ...] [--fake] [--corpus DIR] [--no-floor]
[--part calibration|held-out]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.systems import ALL_SYSTEMS


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m eval", description="Score kehoach and baselines on a gold file.")
    p.add_argument("gold", type=Path, help="gold questions (JSONL, see shared/CONTRACT.md)")
    p.add_argument("--report", type=Path, default=None, help="folder for report.md, report.json and charts")
    p.add_argument("--systems", nargs="+", default=list(ALL_SYSTEMS), metavar="NAME",
                   help=f"systems to run (default: all of {', '.join(ALL_SYSTEMS)}); commas also work")
    p.add_argument("--fake", action="store_true", help="use the fake embedder (fast, no model; for tests)")
    p.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: KEHOACH_CORPUS_DIR)")
    p.add_argument("--no-floor", action="store_true", help="ignore eval/floor.json (always exit 0)")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    p.add_argument("--part", choices=("all", "calibration", "held-out"), default="all",
                   help="only the questions of this part of eval/gold/splits.json (default: all, with each "
                        "part's figures reported and held to the floor)")
    return p.parse_args(argv)


def cli(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from assistant.settings import get_settings
    from eval.run import main

    settings = get_settings()
    if args.fake:
        settings = settings.model_copy(update={"embedder": "fake"})
    systems = [s for item in args.systems for s in item.split(",") if s.strip()]
    return main(args.gold, args.report, systems=systems, floor={} if args.no_floor else None,
                settings=settings, corpus=args.corpus, verbose=not args.quiet)


if __name__ == "__main__":
    sys.exit(cli())
