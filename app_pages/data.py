"""Data page: upload a CSV or pick a demo table; preview and profile it."""

import pandas as pd
import streamlit as st

import ui
from synth import preview, schema
from synth.datasets import DEFAULT_DEMO, DEMO_TABLES, demo_table
from synth.errors import SynthError
from synth.formats import read_upload
from synth.limits import MAX_GENERATED_ROWS, Limits

LIMITS = Limits.from_env()
ENCODINGS = (None, "utf-8", "utf-16", "cp1252", "latin-1")
SEPARATORS = {None: "Detect automatically", ",": "Comma ,", ";": "Semicolon ;", "\t": "Tab", "|": "Pipe |"}

st.markdown(
    "**Doppel** makes synthetic data: a made-up table with the same patterns as yours (the spread of each column "
    "and how columns go together) but no real person's row, so you can share it, test with it or show it where the "
    "real table may not go. Each result comes with evidence of how faithful and how private it is."
)
st.title("1. Your data")
st.write("Bring the table you want a synthetic double of. It stays in your session only and is never saved.")

upload_tab, demo_tab = st.tabs(["Upload a file", "Use a demo table"])
with upload_tab:
    uploaded = st.file_uploader(
        "Choose a table: CSV (any encoding or separator), Excel (.xlsx) or Parquet",
        type=["csv", "txt", "tsv", "xlsx", "parquet"],
        key=ui.upload_key(),
        help=f"Up to {LIMITS.max_megabytes}, {LIMITS.max_columns:,} columns and {LIMITS.max_table_rows:,} rows. "
        "Every row is learned from; on Generate you may choose a random sample instead, to train faster.",
    )
    with st.expander("Reading options for CSV and text files, if the table looks wrong"):
        left, right = st.columns(2)
        encoding = left.selectbox(
            "Encoding", ENCODINGS, key="encoding_choice", format_func=lambda e: e or "Detect automatically"
        )
        delimiter = right.selectbox("Separator", list(SEPARATORS), key="delimiter_choice", format_func=SEPARATORS.get)
    reading = (uploaded.file_id if uploaded else None, encoding, delimiter)
    if uploaded is not None and st.session_state.get("_reading") != reading:
        st.session_state["_reading"] = reading
        try:
            loaded = read_upload(
                uploaded.getvalue(), uploaded.name, encoding=encoding, delimiter=delimiter, limits=ui.stoppable(LIMITS)
            )
        except SynthError as error:
            st.error(ui.plain(str(error)))
        else:
            ui.set_table(ui.make_table(uploaded.name, loaded))
with demo_tab:
    names = list(DEMO_TABLES)
    choice = st.selectbox(
        "Demo table",
        names,
        index=names.index(DEFAULT_DEMO),
        format_func=lambda name: DEMO_TABLES[name].label,
        key="demo_choice",
    )
    demo = demo_table(choice)
    st.caption(f"{demo.description} Source: {demo.source}. Licence: {demo.licence}.")
    st.button("Use this demo table", type="primary", key="use_demo", on_click=ui.ask_for_demo, args=("demo_choice",))

current = ui.table()
if current is None:
    st.info("No table yet: upload a CSV above, or open the demo tab and press **Use this demo table**.")
    st.stop()

frame = current.frame
st.subheader(ui.plain(current.name))
st.caption(f"{len(frame):,} rows, {frame.shape[1]} columns. Read as: {ui.plain(current.loaded.summary)}.")
st.caption(ui.plain(current.loaded.missing_policy))
if current.loaded.over_row_limit:
    st.warning(
        f"This table has more than {LIMITS.max_rows:,} rows, the most this server learns from: the generator will "
        f"learn from a random sample of {LIMITS.max_rows:,} rows. Every row can still be generated."
    )
if len(frame) > MAX_GENERATED_ROWS:
    st.warning(
        f"This table has {len(frame):,} rows: the Generate page makes at most {MAX_GENERATED_ROWS:,} synthetic rows "
        "at a time, so it will start at that number."
    )
kinds = st.session_state.get(ui.KINDS, current.detected)  # as corrected on the Columns page, if it was
problem = preview.learning_problem(frame, kinds)
if problem:
    st.warning(problem)
if any(kind in preview.MASKED_KINDS for kind in kinds.values()):
    st.caption(
        f"Personal data, identifiers and free text are masked ({preview.MASK}) here: they are never learned, and "
        "made-up values take their place in the synthetic table."
    )
st.dataframe(preview.masked_preview(frame, kinds), width="stretch", height=300, placeholder="")  # missing: empty
profiles = current.profiles
st.markdown("**Column profile**")
st.dataframe(
    pd.DataFrame(
        {
            "Column": [p.name for p in profiles],
            "Detected kind": [schema.KIND_LABELS[p.kind] for p in profiles],
            "Missing": [f"{p.missing_share:.0%}" for p in profiles],
            "Distinct values": [p.distinct for p in profiles],
            "Summary": [p.summary for p in profiles],
        }
    ),
    width="stretch",
    hide_index=True,
)
st.page_link("app_pages/columns.py", label="Next: choose columns", icon=":material/arrow_forward:")
