"""Bake-off page: several generators on the same table and holdout, side by side; keep the result that suits best."""

import streamlit as st

import ui
from synth.generators import DEFAULT_GENERATOR, GENERATORS
from synth.jobs import limit_text
from synth.limits import MAX_GENERATED_ROWS
from synth.pipeline import DEFAULT_SEED, RunConfig
from synth.run_time import bakeoff_seconds, expected_seconds, in_words

st.title("3b. Bake-off")
st.caption(
    "Not sure which generator suits your table? Run two or more on the same rows, see their quality, privacy, "
    "time and memory side by side, and keep the result you prefer: Compare and Download then show it."
)
table = ui.need_table()
ui.keep("bakeoff_generators", "bakeoff_rows", "bakeoff_seed")
frame = table.frame
keep = st.session_state.get(ui.COLUMNS)
keep = list(frame.columns) if keep is None else keep  # every column until the Columns page says otherwise
kinds = {c: k for c, k in st.session_state.get(ui.KINDS, table.detected).items() if c in keep}
settings = st.session_state.setdefault("bakeoff_settings", {"options": {}})  # each generator's options
for key, value in (
    ("bakeoff_generators", [DEFAULT_GENERATOR, "gaussian_copula"]),
    ("bakeoff_rows", min(len(frame), MAX_GENERATED_ROWS)),
    ("bakeoff_seed", DEFAULT_SEED),
):
    st.session_state.setdefault(key, value)

names = st.multiselect(
    "Generators to compare", list(GENERATORS), format_func=lambda n: GENERATORS[n].label, key="bakeoff_generators"
)
left, right = st.columns(2)
rows = left.number_input("Rows to make", 1, MAX_GENERATED_ROWS, step=100, key="bakeoff_rows")
seed = right.number_input("Seed (the same seed gives the same result)", 0, 2**31 - 1, key="bakeoff_seed")
choices, pace = {}, ui.run_pace()
for name, tab in zip(names, st.tabs([GENERATORS[n].label for n in names]) if names else [], strict=True):
    with tab:
        spec = GENERATORS[name]
        ui.generator_form.card(spec)
        choices[name] = ui.generator_form.option_widgets(spec, settings["options"].get(name, {}), "bakeoff_option")
        settings["options"][name] = choices[name]
        expected = expected_seconds(name, len(frame), kinds, choices[name], made=int(rows)) * pace.factor()
        st.caption(f"Expected time for this generator on this server: {in_words(expected)}, its report included.")
pool = ui.job_runner()
whole = bakeoff_seconds(choices, len(frame), kinds, int(rows)) * pace.factor()
st.caption(
    (f"Expected time for the whole bake-off on this server: {in_words(whole)}. " if len(choices) > 1 else "")
    + f"This server trains {pool.workers} at a time (the others wait for a free worker), each within its time "
    f"limit of {limit_text(pool.time_limit_s)}. Rebalancing and rules are on the Generate page: the bake-off "
    "compares generators on the table as it is."
)

bakeoff = ui.bakeoff.current()
running = bakeoff is not None and bakeoff.running
if not kinds:
    st.warning("Choose at least one column to keep: every column is left out on the Columns page.")
elif len(names) < 2:
    st.info("Choose two or more generators to compare.")
if st.button("Run the bake-off", type="primary", key="bakeoff_run", disabled=not kinds or len(names) < 2 or running):
    config = RunConfig(
        rows=int(rows),
        seed=int(seed),
        columns=tuple(kinds),
        personal_data=st.session_state.get(ui.PERSONAL, "fake"),
        locale=st.session_state.get(ui.LOCALE),
        table_name=table.name,
    )
    ui.bakeoff.start(frame[list(kinds)], config, dict(kinds), choices)  # only the columns kept travel to the jobs
    st.rerun()

if running:
    st.button("Cancel", on_click=bakeoff.cancel, key="bakeoff_cancel", icon=":material/stop_circle:")
    ui.bakeoff.watch(bakeoff)
if bakeoff is not None:
    ui.bakeoff.show(bakeoff)
    done = [entry.generator for entry in bakeoff.results()]
    if done:
        best = max(done, key=lambda n: bakeoff.entries[n].result.evaluation.quality.overall)
        chosen = st.radio(
            "Result to keep",
            done,
            index=done.index(bakeoff.kept or best),
            format_func=lambda n: GENERATORS[n].label,
            horizontal=True,
            key="bakeoff_choice",
        )
        if st.button("Keep this result", key="bakeoff_keep", icon=":material/check:"):
            ui.bakeoff.keep_result(bakeoff, chosen)
        if ui.bakeoff.is_kept(bakeoff):
            st.success(
                f"The {GENERATORS[bakeoff.kept].label} result is now your result: Compare and Download show it, "
                "and History lists it."
            )
            st.page_link(
                "app_pages/compare.py", label="Next: compare real and synthetic", icon=":material/arrow_forward:"
            )
        ui.bakeoff.downloads(bakeoff)
