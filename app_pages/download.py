"""Download page: the synthetic table, the quality report, the metrics and the settings to reproduce the run."""

import streamlit as st

import ui
from synth.formats import DEFAULT_FORMAT, csv_like_input, export_table, formats

st.title("5. Download")
ui.measure.collect()  # attack risks or usefulness measured on Compare join the files once finished
result = ui.need_result()
ui.measure.note_if_running()
redraws = []  # once the verdict's last figures or the report are in, these draw their places again (no rerun)
ui.places.in_place(redraws, ui.follow_up.note_if_measuring)
table = ui.table()
downloads = st.session_state[ui.DOWNLOADS]  # made by the generation job and stored with the result
named = result.record.get("table") or ""  # files named after the table: credit.csv gives credit_synthetic.csv

st.write(
    f"{len(result.synthetic):,} synthetic rows, {result.synthetic.shape[1]} columns. Spreadsheet formulas in "
    "text cells are neutralised so the file is safe to open in Excel."
)
files = st.container(horizontal=True)  # the buttons wrap in a narrow window instead of cutting their labels
table_format = formats()[DEFAULT_FORMAT]
ui.offer_file(
    files,
    table_format.download_label,
    downloads[DEFAULT_FORMAT],
    named,
    "synthetic",
    table_format.extension,
    f"download_{DEFAULT_FORMAT}",
    mime=table_format.mime,
    type="primary",
    icon=":material/table:",
)


def report_state() -> tuple[bool, bool]:
    return "report" in downloads, ui.follow_up.report_coming()


def offer_report() -> None:
    if "report" in downloads:
        ui.offer_file(
            st,
            "Download quality report (HTML)",
            downloads["report"],
            named,
            "report",
            "html",
            "download_report",
            type="primary",
            icon=":material/description:",
        )
    elif ui.follow_up.report_coming():  # made in a job of its own once the result was shown: progress at the foot
        st.caption("The quality report is being prepared.")
    else:  # it failed or was cancelled (the sentence at the foot of the page says which)
        st.button("Prepare the quality report again", key="report_again", on_click=ui.follow_up.prepare_report)


ui.places.in_place(redraws, offer_report, where=files, shows=report_state)  # its button once a run
# Read on the click: the metrics are made again once the verdict's last figures are in, the page not run again
ui.offer_file(
    files, "Download metrics (JSON)", lambda: downloads["metrics"], named, "metrics", "json", "download_metrics"
)
ui.offer_file(files, "Download settings (JSON)", downloads["settings"], named, "settings", "json", "download_settings")

st.markdown("**Other formats**")
synthetic = result.synthetic
others = [info for info in formats().values() if info.name != DEFAULT_FORMAT]
*format_columns, like_input = st.columns(len(others) + 1)
for column, info in zip(format_columns, others, strict=True):
    ui.offer_file(
        column,
        info.download_label,
        lambda name=info.name: export_table(synthetic, name, stored_types=result.stored_types).data,
        named,
        "synthetic",
        info.extension,
        f"download_{info.name}",
        mime=info.mime,
    )
loaded = table.loaded if table is not None else None  # a table deleted meanwhile leaves only the result
if loaded is not None and loaded.file_format == "csv":
    ui.offer_file(
        like_input,
        "CSV like the input",
        lambda: (
            csv_like_input(
                synthetic, loaded.encoding, loaded.delimiter, loaded.decimal, written=loaded.written_numbers
            ).data
        ),
        named,
        "synthetic_like_input",
        "csv",
        "download_like_input",
        help=(
            f"Same encoding, separator and decimal mark as the file you uploaded ({loaded.summary.split(', ')[0]}), "
            "and numbers written as it wrote them (currency, units, thousands separators, negatives, decimals)."
        ),
    )
st.caption(
    "The report is one file that opens offline in any browser. It holds scores and charts, never real rows; "
    "categories seen fewer than 5 times in the real data are grouped."
)
if result.warnings:
    with st.expander("Notes from this run"):
        for warning in result.warnings:
            st.markdown(f"- {ui.plain(warning)}")
ui.history.show(redraws)  # its listing and the run's report drawn again in place too
ui.need_report(redraws)  # last: the page is drawn while the report is finished
