"""What one run is asked for: the generator, its options, rows, seed, columns, conditions and the figures to measure."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from synth.evaluate import EXTRAS, Cost, extras_up_to
from synth.formats.stored_types import StoredType
from synth.generators import DEFAULT_GENERATOR
from synth.limits import Limits
from synth.rules import Rule

DEFAULT_SEED = 42
MIN_ROWS = 5
HOLDOUT_SHARE, HOLDOUT_FROM_ROWS = 0.2, 500
NO_HOLDOUT = f"too small to keep real rows aside ({HOLDOUT_FROM_ROWS} rows or more)"  # said wherever it shows
RUN_EXTRAS = EXTRAS  # every optional figure runs after generating, where training dwarfs them
# The extras the CLI skips by default (the detection classifier, distance to closest record): the app shows the
# result without them and measures them in a follow-up job (RunConfig.later), as the verdict awaits them (issue 13)
MEASURED_LATER = tuple(extra for extra in RUN_EXTRAS if extra not in extras_up_to(Cost.QUICK))


@dataclass(frozen=True)
class RunConfig:
    generator: str = DEFAULT_GENERATOR
    rows: int | None = None
    seed: int = DEFAULT_SEED
    columns: tuple[str, ...] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    personal_data: str = "fake"  # "fake" or "drop"
    locale: str | None = None  # Faker locale of the fakes (one of replace.LOCALES); None: the values' language
    where: dict[str, str] = field(default_factory=dict)  # only rows with these category values
    rebalance: dict[str, dict[str, float]] = field(default_factory=dict)  # one column: {value: share}
    rules: tuple[Rule, ...] = ()
    sample_rows: int | None = None  # learn from a seeded random sample of this many rows (the user's choice); None: all
    max_train_rows: int = field(default_factory=lambda: Limits.from_env().max_rows)  # the server's ceiling
    holdout: float | None = None  # share of real rows kept aside to judge against; None: 0.2 from 500 rows on
    extras: tuple[str, ...] = RUN_EXTRAS  # optional figures (synth.evaluate.EXTRAS) measured after generating
    later: tuple[str, ...] = ()  # of those, the ones left for later (Evaluation.pending; synth.downloads.later_figures)
    table_name: str = ""  # the file the table came from, named in the verdict and the report
    stored_types: dict[str, StoredType] = field(default_factory=dict)  # its typed file's own (LoadedTable's): never
    # learned from, given back to the synthetic columns by a typed download (RunResult.stored_types)
