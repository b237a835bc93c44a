"""Generate page: pick a generator and its few options, then train and sample with live progress."""

import streamlit as st

import ui
from synth.downloads import generate_with_files
from synth.errors import SynthError
from synth.generators import DEFAULT_GENERATOR, GENERATORS
from synth.limits import MAX_GENERATED_ROWS
from synth.pipeline import DEFAULT_SEED, MEASURED_LATER, RunConfig
from synth.preparation import training_rows
from synth.rules import check_rules, parse_rules
from synth.run_time import expected_seconds, in_words
from synth.sampling import check_requested_shape
from synth.schema import LEARNED_KINDS
from synth.settings import MAX_SEED

RULE_EXAMPLES = ("income >= 0", "start_date < end_date", "age in [18, 99]", "combinations: city, country")

st.title("3. Generate")
table = ui.need_table()
ui.keep("mode_widget", "condition_column", "condition_value", "rules_widget")
ui.use_settings_file(table)
frame = table.frame
keep = st.session_state.get(ui.COLUMNS)
keep = list(frame.columns) if keep is None else keep  # every column until the Columns page says otherwise
kinds = {c: k for c, k in st.session_state.get(ui.KINDS, table.detected).items() if c in keep}
settings = st.session_state.setdefault("settings", {"generator": DEFAULT_GENERATOR, "options": {}})

names = list(GENERATORS)
name = st.radio(
    "Generator",
    names,
    index=names.index(settings["generator"]),
    format_func=lambda n: GENERATORS[n].label,
    horizontal=True,
    key="generator_widget",
)
settings["generator"] = name
spec = GENERATORS[name]
ui.generator_form.card(spec)
st.page_link(
    "app_pages/bakeoff.py", label="Not sure which? Try several side by side on Bake-off", icon=":material/leaderboard:"
)

left, right = st.columns(2)
rows = left.number_input(
    "Rows to make",
    min_value=1,
    max_value=MAX_GENERATED_ROWS,
    step=100,
    key="rows_widget",
    value=min(int(settings.get("rows", len(frame))), MAX_GENERATED_ROWS),
)
seed = right.number_input(
    "Seed (the same seed gives the same result)",
    min_value=0,
    max_value=MAX_SEED,
    value=int(settings.get("seed", DEFAULT_SEED)),
    key="seed_widget",
)
settings.update(rows=int(rows), seed=int(seed))
sample_rows = ui.sample_choice(len(frame), settings)
options = ui.generator_form.option_widgets(spec, settings["options"])
settings["options"].update(options)
if options.get("noise") == "secret":  # the seed label's promise does not hold for fresh noise
    st.caption(
        "With secret noise the same seed gives other rows each run: that is what the guarantee needs. 'Reproducible' "
        "noise repeats them, and the guarantee then holds only while the seed stays secret."
    )
learned_rows = training_rows(len(frame), sample_rows=sample_rows, most=RunConfig().max_train_rows)
for advice in spec.advice(learned_rows, kinds, options):  # what to expect on this table
    st.info(ui.plain(advice))

with st.expander("Only some rows, rebalancing, and rules (optional)"):
    choices = [c for c in kinds if kinds[c] in ("category", "boolean")]
    mode = st.radio(
        "Rows to make",
        ["all", "where", "rebalance"] if choices else ["all"],
        horizontal=True,
        key="mode_widget",
        format_func={
            "all": "Like the real table",
            "where": "Only rows with a value",
            "rebalance": "Rebalance a category",
        }.get,
    )
    where, rebalance = {}, {}
    if mode != "all":
        target = st.selectbox("Category column", choices, key="condition_column")
        shares = ui.settings_file.value_shares(frame, target, kinds[target])
        if mode == "where":
            where = {target: st.selectbox("Value", list(shares.index), key="condition_value")}
        else:
            more = frame[target].nunique() > len(shares)
            st.caption(
                "Share of each value in the synthetic rows, in %. They must add up to 100."
                + (f" Only the {len(shares)} most common values are offered; the others get none." if more else "")
            )
            loaded = settings.get("rebalance", {}).get(target, {})  # from a settings file, if one was used
            shares = shares / shares.sum()  # the offered values' real shares, scaled to add up to 100%
            cells = st.columns(min(len(shares), 4))
            rebalance = {
                target: {
                    value: cells[i % len(cells)].number_input(
                        ui.plain(value),
                        0.0,
                        100.0,
                        round(loaded.get(value, 0.0 if loaded else share) * 100, 1),
                        key=f"share_{target}_{i}",
                    )
                    / 100
                    for i, (value, share) in enumerate(shares.items())
                }
            }
    rules_text = st.text_area(
        "Rules, one per line",
        key="rules_widget",
        placeholder="\n".join(RULE_EXAMPLES),
        help="Compare a column with a number, a date or another column using `<`, `<=`, `>`, `>=`, `=` or `!=` "
        "(for example `income >= 0`, `start_date < end_date`, `day >= 2024-01-31`). `age in [18, 99]` keeps a column "
        "between two values, both included; `combinations: city, country` keeps only pairs that exist in the real data.",
    )
    rules, rule_errors = parse_rules(rules_text)
    if rules and not rule_errors:
        try:
            check_rules(rules, kinds, [c for c, k in kinds.items() if k in LEARNED_KINDS])
        except SynthError as error:
            rule_errors.append(str(error))
    if rebalance:  # shares that cannot be met are said now, not after training
        try:
            check_requested_shape({}, rebalance, kinds, list(kinds))
        except SynthError as error:
            rule_errors.append(str(error))
    for error in rule_errors:
        st.error(ui.plain(error))  # column names and typed text shown as text, never as markdown
    bad_rules = bool(rule_errors)  # never run without a rule or shares the user gave that cannot hold: fix them first

pace = ui.run_pace()  # measured on this server's recent jobs: a busy server shows longer times
expected = expected_seconds(name, len(frame), kinds, options, made=int(rows), sample_rows=sample_rows)
estimate = expected * pace.factor()
st.caption(f"Expected time on this server: {in_words(estimate)}, from the click to the result.")

job = st.session_state.get(ui.JOB)
running = job is not None and not job.finished
if not kinds:
    st.warning("Choose at least one column to keep: every column is left out on the Columns page.")
    st.page_link("app_pages/columns.py", label="Go to Columns", icon=":material/view_column:")
if bad_rules:  # said by the button too: the reason may sit in a closed section above
    st.caption("Generate waits until the rules or shares marked in red above are corrected.")
if st.button("Generate synthetic data", type="primary", key="generate", disabled=not kinds or running or bad_rules):
    config = RunConfig(
        generator=name,
        rows=int(rows),
        seed=int(seed),
        columns=tuple(kinds),
        options=options,
        personal_data=st.session_state.get(ui.PERSONAL, "fake"),
        locale=st.session_state.get(ui.LOCALE),
        where=where,
        rebalance=rebalance,
        rules=tuple(rules),
        sample_rows=sample_rows,
        table_name=table.name,
        stored_types=table.loaded.stored_types,  # a Parquet upload's own column types, for the Parquet download
        later=MEASURED_LATER,  # the result first, as fast as the CLI's; the verdict's last figures right after
    )
    source, chosen_kinds = frame[list(kinds)], dict(kinds)  # only the columns kept travel to the job
    # In a child process (or a Ray task), so that training never holds the web server's interpreter lock
    st.session_state[ui.JOB] = ui.submit_training(
        spec,
        generate_with_files,
        (source, config, chosen_kinds),
        expected_s=estimate,
        timed=lambda work: pace.timed(expected, work),  # the server's pace learns from every finished run
    )
    st.rerun()

if job is not None and not job.finished:
    st.button("Cancel", on_click=job.cancel, key="cancel", icon=":material/stop_circle:")
    ui.watch(job)
ui.show_ended(ui.collect_job())
ui.follow_up.collect()

result = st.session_state.get(ui.RESULT)
if result is not None:
    record = result.record
    st.success(
        f"Made {len(result.synthetic):,} synthetic rows with {record['generator_label']} "
        f"in {sum(record['timings'].values()):.1f} s. Overall quality "
        f"{result.evaluation.quality.overall:.2f} (1 = statistically the same as the real data)."
    )
    st.dataframe(result.synthetic.head(100), width="stretch", height=250)
    st.page_link("app_pages/compare.py", label="Next: compare real and synthetic", icon=":material/arrow_forward:")
    ui.follow_up.wait_for_figures(
        note=lambda: st.caption(
            "The verdict's last figures are being measured; Compare shows them as soon as they are in."
        )
    )
