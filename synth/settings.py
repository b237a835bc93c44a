"""A settings file from the Download page read back, so that the same table and settings give the same rows again."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from synth import replace, sampling, schema
from synth.errors import InputError
from synth.generators import generator_class
from synth.pipeline import RunConfig, fingerprint
from synth.rules import check_rules, parse_rule

MAX_SEED = 2**53 - 1  # the largest whole number a browser's number box holds exactly
MAX_BYTES = 1_000_000  # a settings file is a few kilobytes; anything far larger is something else
_NOT_SETTINGS = (
    "This file is not a settings file from Doppel: use the 'Download settings (JSON)' file of a run "
    "(or the metrics JSON of a run made on the command line)."
)


@dataclass(frozen=True)
class LoadedSettings:
    config: RunConfig
    kinds: dict[str, str]  # the chosen columns, in order, with the kind each was given
    rules_text: str  # the rules one per line, as a person types them
    notes: list[str] = field(default_factory=list)  # what the user should know, though nothing stops the run

    def summary(self) -> str:
        config = self.config
        rules = len(config.rules)
        return (
            f"{generator_class(config.generator).label}, seed {config.seed}, {config.rows:,} rows, "
            f"{len(self.kinds)} columns, {rules} rule{'s' if rules != 1 else ''}."
        )


def read_settings_file(path: str, table: pd.DataFrame, table_name: str = "") -> LoadedSettings:
    """read_settings on a file named on the command line; a file that cannot be read is an InputError too."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error.strerror or error}.") from None
    return read_settings(data, table, table_name)


def read_settings(data: bytes, table: pd.DataFrame, table_name: str = "") -> LoadedSettings:
    """The run described by a settings file, checked against the table it is meant for; InputError in plain words."""
    found = _parsed(data)
    chosen = generator_class(_text(found, "generator"))
    options, _ = chosen.resolve_options(_mapping(found, "options"))
    kinds = _kinds(found, table)
    rules = tuple(parse_rule(text) for text in _list(found, "rules"))
    learned = [c for c in _list(found, "learned_columns") or kinds if c in kinds and kinds[c] in schema.LEARNED_KINDS]
    check_rules(rules, kinds, learned)
    personal = found.get("personal_data", "fake")
    if personal not in ("fake", "drop"):
        raise InputError(f"The settings' choice for personal data, '{personal}', is neither 'fake' nor 'drop'.")
    locale = found.get("locale")
    replace.check_locale(locale)
    config = RunConfig(
        generator=chosen.name,
        rows=_whole(found, "rows", len(table), minimum=1),
        sample_rows=_whole(found, "sample_rows", None, minimum=1),
        seed=_whole(found, "seed", 42, minimum=0, maximum=MAX_SEED),
        columns=tuple(kinds),
        options=options,
        personal_data=personal,
        locale=locale,
        where={str(c): str(v) for c, v in _mapping(found, "where").items()},
        rebalance=_rebalance(_mapping(found, "rebalance")),
        rules=rules,
        table_name=table_name,
    )
    try:  # what reads no rows is checked now; the values named, against the rows the run learns from or releases
        sampling.check_requested_shape(config.where, config.rebalance, kinds, learned)
    except InputError as error:
        raise InputError(f"These settings cannot be used on this table as they are: {error}") from None
    notes = []
    made_from = found.get("input_fingerprint")
    if made_from and made_from != fingerprint(table[list(kinds)]):
        notes.append(
            "These settings were made on a table with the same columns but other values, so the synthetic rows "
            "will not be the same as before; the settings themselves are all used."
        )
    return LoadedSettings(config, kinds, "\n".join(rule.describe() for rule in rules), notes)


def _parsed(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_BYTES:
        raise InputError(_NOT_SETTINGS)
    try:
        found = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise InputError(_NOT_SETTINGS) from None
    if isinstance(found, dict) and isinstance(found.get("record"), dict):  # a metrics JSON carries its settings
        found = found["record"]
    if not isinstance(found, dict) or "generator" not in found or not isinstance(found.get("columns"), dict):
        raise InputError(_NOT_SETTINGS)
    return found


def _kinds(found: dict, table: pd.DataFrame) -> dict[str, str]:
    kinds = {str(c): k for c, k in found["columns"].items()}
    missing = [c for c in kinds if c not in table.columns]
    if missing:
        shown = ", ".join(f"'{c}'" for c in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise InputError(
            f"These settings are for another table: this one has no column {shown}. Load the table the "
            "settings were made for, or a copy with the same column names."
        )
    unknown = [c for c, k in kinds.items() if k not in schema.KINDS]
    if unknown:
        raise InputError(
            f"The settings give '{unknown[0]}' the kind '{kinds[unknown[0]]}', which Doppel does not know."
        )
    if not kinds:
        raise InputError("The settings choose no column. Choose at least one column to generate.")
    try:
        return schema.validate_kinds(table[list(kinds)], kinds)
    except InputError as error:  # the file's choice, not the person's on the Columns page: say where it came from
        raise InputError(f"These settings cannot be used on this table as they are: {error}") from None


def _text(found: dict, key: str) -> str:
    value = found.get(key)
    if not isinstance(value, str):
        raise InputError(_NOT_SETTINGS)
    return value


def _mapping(found: dict, key: str) -> dict:
    value = found.get(key) or {}
    if not isinstance(value, dict):
        raise InputError(f"In the settings, '{key}' should be a list of names and values; it is not.")
    return value


def _list(found: dict, key: str) -> list[str]:
    value = found.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputError(f"In the settings, '{key}' should be a list of texts; it is not.")
    return value


def _whole(found: dict, key: str, default: int, minimum: int, maximum: int | None = None) -> int:
    value = found.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InputError(f"In the settings, '{key}' should be a whole number of at least {minimum}, not '{value}'.")
    if maximum is not None and value > maximum:
        raise InputError(f"In the settings, '{key}' should be at most {maximum:,}, not {value:,}.")
    return value


def _rebalance(given: dict) -> dict[str, dict[str, float]]:
    out = {}
    for column, shares in given.items():
        if not isinstance(shares, dict) or not all(isinstance(s, int | float) for s in shares.values()):
            raise InputError(f"In the settings, the shares for '{column}' should be numbers.")
        out[str(column)] = {str(value): float(share) for value, share in shares.items()}
    return out
