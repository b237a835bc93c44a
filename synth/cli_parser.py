"""The command line's arguments: python -m synth generate | evaluate | bakeoff | generators, and their help."""

from __future__ import annotations

import argparse
import sys


def terminal_safe(text: str) -> str:
    """Text from the data made safe for a terminal: control characters (escape codes) shown as '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one plain line, exit 2, as DESIGN.md asks
        print(f"error: {terminal_safe(message)}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    root = _Parser(prog="python -m synth", description="Make and judge synthetic copies of tables.")
    commands = root.add_subparsers(dest="command", required=True, parser_class=_Parser)
    generate = commands.add_parser("generate", help="learn a CSV and write a synthetic copy")
    generate.add_argument("input", help="the real table (CSV, .xlsx or .parquet)")
    generate.add_argument("--out", required=True, help="where to write the synthetic table (.csv, .xlsx or .parquet)")
    generate.add_argument("--generator", default=None, help="see: python -m synth generators")
    generate.add_argument("--rows", type=int, default=None, help="rows to make (default: as many as the input)")
    generate.add_argument("--seed", type=int, default=None, help="the same seed gives the same output")
    generate.add_argument(
        "--sample-rows", type=int, default=None, metavar="N", help="learn from a random sample of N rows (default: all)"
    )
    generate.add_argument("--columns", default=None, help="comma-separated columns to keep (default: all)")
    generate.add_argument("--epochs", type=int, default=None, help="training rounds for neural generators")
    generate.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a generator option (repeatable); see: python -m synth generators --verbose",
    )
    generate.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="COLUMN=VALUE",
        help="make only rows with this category value (repeatable)",
    )
    generate.add_argument(
        "--rebalance",
        default=None,
        metavar="COLUMN=VALUE:SHARE,...",
        help="target shares for one category column, e.g. churn=yes:0.5,no:0.5; the list is read as one CSV line, "
        "so an item whose value holds a comma goes whole in double quotes: 'city=\"Paris, France:0.5\",Lyon:0.5'",
    )
    generate.add_argument(
        "--rule",
        action="append",
        default=[],
        metavar="RULE",
        help="a comparison with <, <=, >, >=, = or != ('a <= b', 'x >= 0', 'day < 2024-01-31'), "
        "'x in [0, 100]' or 'combinations: a, b' (repeatable)",
    )
    generate.add_argument(
        "--locale",
        default=None,
        metavar="L",
        help="language and country of the fakes for personal data, e.g. en_GB, fr_FR, de_DE "
        "(default: the values' language, English unless they clearly say otherwise)",
    )
    generate.add_argument(
        "--all",
        action="store_true",
        help="also the slower figures (the app always shows "
        "them): distance to closest record (always with --report) and whether a classifier can tell real from synthetic; and the "
        "attack-based privacy risks (needs 500 rows or more, so that real rows can be kept aside)",
    )
    generate.add_argument(
        "--settings",
        default=None,
        metavar="FILE",
        help="the settings of an earlier run (the app's settings download, or a metrics JSON): the same table and "
        "settings give the same rows; any other option given here replaces that setting",
    )
    generate.add_argument("--report", default=None, help="also write the HTML quality report here")
    generate.add_argument("--metrics", default=None, help="also write the metrics JSON here")
    evaluate = commands.add_parser("evaluate", help="score a synthetic CSV made by any tool")
    evaluate.add_argument("real")
    evaluate.add_argument("synthetic")
    evaluate.add_argument(
        "--holdout",
        default=None,
        help="real rows the generator never saw: enables the reference "
        "scores, copy checks against unseen rows and usefulness",
    )
    evaluate.add_argument(
        "--target", default=None, help="column to predict for the usefulness figure (needs --holdout)"
    )
    evaluate.add_argument(
        "--all",
        action="store_true",
        help="also the slower figures: distance to closest record "
        "(always with --report or --holdout) and whether a classifier can tell real from synthetic; and the attack-based privacy risks (needs --holdout)",
    )
    evaluate.add_argument("--report", default=None)
    evaluate.add_argument("--metrics", default=None)
    bakeoff = commands.add_parser("bakeoff", help="run several generators on one table and compare them")
    bakeoff.add_argument("input", help="the real table (CSV, .xlsx or .parquet)")
    bakeoff.add_argument("--generators", required=True, help="two or more names, comma-separated")
    bakeoff.add_argument("--out-dir", default="bakeoff", help="folder for each result and the summary")
    bakeoff.add_argument("--rows", type=int, default=None, help="rows each makes (default: as many as the input)")
    bakeoff.add_argument("--seed", type=int, default=None, help="one seed for all: the same holdout for all")
    bakeoff.add_argument("--epochs", type=int, default=None, help="training rounds for neural generators")
    bakeoff.add_argument("--option", action="append", default=[], metavar="NAME=VALUE", help="as for generate")
    generators = commands.add_parser("generators", help="list the generators")
    generators.add_argument("--verbose", "-v", action="store_true", help="also each generator's options")
    return root
