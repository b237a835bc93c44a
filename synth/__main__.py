"""The command line: python -m synth generate | evaluate | bakeoff | generators (arguments in synth.cli_parser)."""

from __future__ import annotations

import csv
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from synth.cli_parser import parser, terminal_safe
from synth.errors import SynthError

log = logging.getLogger("synth")


def write_atomically(path: str, data: bytes) -> None:
    """Write the whole file or nothing: a temporary name in the same folder, then a rename."""
    target = Path(path)
    if not target.parent.exists():
        raise SynthError(f"The folder {target.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read(path: str):
    return _loaded(path).frame


def _loaded(path: str):
    """The table as read, with how it was read (its notes, a Parquet file's own column types)."""
    from synth.formats import read_table

    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SynthError(f"Cannot read {path}: {error.strerror or error}.") from None
    loaded = read_table(data, file_name=Path(path).name)
    log.info("read %s as %s", Path(path).name, loaded.summary)
    return loaded


def _write_outputs(result, args) -> None:
    from synth.report import metrics_json, report_html

    if args.report:
        write_atomically(args.report, report_html(result).encode("utf-8"))
    if args.metrics:
        write_atomically(args.metrics, metrics_json(result))


class _PlainFormatter(logging.Formatter):
    """Log lines (progress names columns) reach the terminal without escape codes; line breaks stay."""

    def format(self, record: logging.LogRecord) -> str:
        return "\n".join(terminal_safe(line) for line in super().format(record).split("\n"))


def _print_verdict(result) -> None:
    """The verdict, one plain line each for fidelity and privacy (the same rule as the app and the report), then one
    naming the figures it was judged without, if any (without --all: the classifier; without --report either, the
    distances to the closest rows)."""
    from synth.verdict import decide, unmeasured_line

    verdict = decide(result.evaluation, result.record)
    for section in ("fidelity", "privacy"):
        print(terminal_safe(verdict.line(section)))
    if line := unmeasured_line(result.evaluation):
        print(line)


def _note_attacks(result, asked: bool) -> None:
    """Say plainly when --all asked for the attack risks and they could not run: they need unseen real rows."""
    if asked and "attacks" not in result.evaluation.results:
        print(
            "note: the attack-based privacy risks were not measured: they need real rows the generator never saw "
            "(--holdout for evaluate; 500 rows or more for generate) as their control set.",
            file=sys.stderr,
        )


def _extras(args) -> tuple[str, ...]:
    """--all: every figure. Otherwise the quick ones, plus the distance-to-closest-record figures when a report is
    written, so that the report carries every figure the app shows (a second or two on a few thousand rows)."""
    from synth.evaluate import ALL_EXTRAS, Cost, extras_up_to

    if args.all:
        return ALL_EXTRAS
    return extras_up_to(Cost.SLOW if args.report else Cost.QUICK)


def _progress(fraction: float, message: str) -> None:
    log.info("%3.0f%% %s", fraction * 100, message)


def _pairs(text: str, separator: str, what: str) -> tuple[str, str]:
    """Split at the first separator; the left side is trimmed, the right side keeps its exact spelling."""
    if separator not in text:
        raise SynthError(f"'{text}' is not of the form {what}.")
    left, right = text.split(separator, 1)
    return left.strip(), right


def _where(items: list[str]) -> dict[str, str]:
    """COLUMN=VALUE items: a category value is kept byte for byte ('low ' is not 'low'); column names are trimmed."""
    return dict(_pairs(item, "=", "COLUMN=VALUE") for item in items)


def _rebalance(text: str | None) -> dict[str, dict[str, float]]:
    """COLUMN=VALUE:SHARE,...: values keep their exact spelling and may hold ':' (the share follows the last one).
    The list is one CSV line, so an item whose value holds a comma is written whole in double quotes."""
    if not text:
        return {}
    column, shares = _pairs(text, "=", "COLUMN=VALUE:SHARE,...")
    try:
        items = next(csv.reader([shares], strict=True), [])
    except csv.Error:
        raise SynthError(
            f"The shares '{shares}' are not a list of VALUE:SHARE items: an item whose value holds a comma or "
            'starts with a double quote goes whole in double quotes ("Paris, France:0.5"), any double quote in it '
            "doubled."
        ) from None
    parsed = {}
    for item in items or [""]:
        if ":" not in item:
            raise SynthError(f"'{item}' is not of the form VALUE:SHARE.")
        value, share = item.rsplit(":", 1)
        if value in parsed:  # else its first share is dropped silently, and the rest may still add up to 100%
            raise SynthError(f"The value '{value}' is given twice in --rebalance: give each value one share.")
        try:
            parsed[value] = float(share)
        except ValueError:
            raise SynthError(f"The share '{share.strip()}' for '{value}' is not a number.") from None
    return {column: parsed}


def _options(args) -> dict[str, object]:
    """--epochs, then every --option NAME=VALUE; values stay text until the chosen generator coerces them."""
    options: dict[str, object] = {"epochs": args.epochs}
    for item in args.option:
        name, value = _pairs(item, "=", "NAME=VALUE")
        value = value.strip()  # an option is a setting, not data: spaces around it mean nothing
        if not name:
            raise SynthError(f"'{item}' names no option: write NAME=VALUE.")
        options[name] = value
    return options


def _generate(args) -> None:
    from dataclasses import replace

    from synth.formats.chunked import write_chunks
    from synth.generators import DEFAULT_GENERATOR
    from synth.pipeline import DEFAULT_SEED, RunConfig, generate
    from synth.rules import parse_rule

    loaded, kinds = _loaded(args.input), None
    table = loaded.frame
    config = RunConfig(generator=DEFAULT_GENERATOR, seed=DEFAULT_SEED)
    if args.settings:
        config, kinds = _settings(args.settings, table, Path(args.input).name)
    given = {
        "generator": args.generator,
        "rows": args.rows,
        "seed": args.seed,
        "sample_rows": args.sample_rows,
        "columns": tuple(c.strip() for c in args.columns.split(",") if c.strip()) if args.columns else None,
        "locale": args.locale,
        "where": _where(args.where),
        "rebalance": _rebalance(args.rebalance),
        "rules": tuple(parse_rule(text) for text in args.rule),
    }
    options = {name: value for name, value in _options(args).items() if value is not None}
    config = replace(
        config,
        **{key: value for key, value in given.items() if value is not None and value != {} and value != ()},
        options={**config.options, **options} if args.settings else _options(args),
        extras=_extras(args),
        table_name=Path(args.input).name,
        stored_types=loaded.stored_types,  # a Parquet output gets the Parquet input's types back
    )
    if kinds and config.columns:
        kinds = {c: kinds[c] for c in config.columns if c in kinds}
    result = generate(table, config, kinds, progress=_progress, keep_rows=False)  # written chunk by chunk below
    _note_attacks(result, args.all)
    for warning in result.warnings:
        print(f"note: {terminal_safe(warning)}", file=sys.stderr)
    started = time.perf_counter()
    # .csv, .xlsx or .parquet by --out; Parquet in the input's own types, where it was Parquet too
    write_chunks(result.synthetic_chunks(), args.out, like=result.synthetic_model, stored_types=result.stored_types)
    result.record["timings"]["write_s"] = time.perf_counter() - started
    _write_outputs(result, args)
    quality = result.evaluation.quality
    print(f"wrote {result.rows:,} rows to {args.out} (quality {quality.overall:.2f})")
    _print_verdict(result)


def _settings(path: str, table, table_name: str):
    """The run config and column kinds from a settings file, after its notes on stderr."""
    from synth.settings import read_settings_file

    loaded = read_settings_file(path, table, table_name)
    for note in loaded.notes:
        print(f"note: {terminal_safe(note)}", file=sys.stderr)
    return loaded.config, loaded.kinds


def _bakeoff(args) -> None:
    from synth.bakeoff import bakeoff, bakeoff_files, cli_runner, summary
    from synth.pipeline import DEFAULT_SEED, RunConfig

    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    config = RunConfig(
        rows=args.rows,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
        options=_options(args),
        table_name=Path(args.input).name,
    )
    runner, at_once = cli_runner()
    table = _read(args.input)
    entries = bakeoff(table, args.generators.split(","), config, runner=runner, at_once=at_once, progress=_progress)
    for path, data in bakeoff_files(entries, config.table_name).items():
        (out / path).parent.mkdir(exist_ok=True)
        write_atomically(str(out / path), data)
    print(summary(entries).to_string(index=False))
    print(f"wrote each result under {out}/, the summary to {out / 'summary.csv'} and {out / 'bakeoff.html'}")


def _evaluate(args) -> None:
    from synth.pipeline import evaluate_tables

    holdout = _read(args.holdout) if args.holdout else None
    result = evaluate_tables(
        _read(args.real),
        _read(args.synthetic),
        holdout=holdout,
        target=args.target,
        extras=_extras(args) if args.all or args.report else None,
        table_name=Path(args.real).name,
    )
    _note_attacks(result, args.all)
    _write_outputs(result, args)
    quality = result.evaluation.quality
    pairs = "n/a" if quality.column_pair_trends is None else f"{quality.column_pair_trends:.2f}"
    print(
        f"quality {quality.overall:.2f} (column shapes {quality.column_shapes:.2f}, column pair trends {pairs}); "
        f"exact copies {result.evaluation.privacy['exact_copy_rate']:.1%}"
    )
    _print_verdict(result)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _values(option) -> str:
    """The values an option takes, in words: its choices or its bounds."""
    if option.choices:
        return "one of " + ", ".join(map(str, option.choices))
    low, high = option.minimum, option.maximum
    if low is not None and high is not None:
        return f"{_number(low)} to {_number(high)}"
    if low is not None or high is not None:
        return f"at least {_number(low)}" if low is not None else f"at most {_number(high)}"
    return "any value"


def _generators(verbose: bool) -> None:
    from synth.generators import GENERATORS

    for name, generator in GENERATORS.items():
        print(f"{name}: {generator.description}")
        if not verbose:
            continue
        for option in generator.options:
            print(
                f"    --option {option.name}={option.default} (default; {_values(option)}): {option.label}. {option.help}"
            )
        if not generator.options:
            print("    (no options)")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_PlainFormatter("%(message)s"))
    logging.basicConfig(level=logging.INFO if os.environ.get("SYNTH_VERBOSE") else logging.WARNING, handlers=[handler])
    try:
        if args.command == "generate":
            _generate(args)
        elif args.command == "evaluate":
            _evaluate(args)
        elif args.command == "bakeoff":
            _bakeoff(args)
        else:
            _generators(args.verbose)
    except SynthError as error:
        print(f"error: {terminal_safe(str(error))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line for the user, details only with SYNTH_VERBOSE
        log.debug("unexpected failure", exc_info=True)
        print(
            f"error: something went wrong inside Doppel ({type(error).__name__}). "
            "Run again with SYNTH_VERBOSE=1 for details.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
