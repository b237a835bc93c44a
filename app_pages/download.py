"""Download page: the synthetic table, the quality report, the metrics and the settings to reproduce the run."""

import streamlit as st

import ui
from synth.exports import csv_like_input, excel_export, parquet_export

st.title("5. Download")
result = ui.need_result()
table = ui.table()
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
downloads = st.session_state[ui.DOWNLOADS]  # made by the generation job and stored with the result

st.write(
    f"{len(result.synthetic):,} synthetic rows, {result.synthetic.shape[1]} columns. Spreadsheet formulas in "
    "text cells are neutralised so the file is safe to open in Excel."
)
left, right = st.columns(2)
left.download_button(
    "Download synthetic data (CSV)",
    downloads["csv"],
    file_name="synthetic.csv",
    mime="text/csv",
    type="primary",
    on_click="ignore",
    key="download_csv",
    icon=":material/table:",
)
right.download_button(
    "Download quality report (HTML)",
    downloads["report"],
    file_name="quality_report.html",
    mime="text/html",
    type="primary",
    on_click="ignore",
    key="download_report",
    icon=":material/description:",
)
left.download_button(
    "Download metrics (JSON)",
    downloads["metrics"],
    file_name="metrics.json",
    mime="application/json",
    on_click="ignore",
    key="download_metrics",
)
right.download_button(
    "Download settings (JSON)",
    downloads["settings"],
    file_name="settings.json",
    mime="application/json",
    on_click="ignore",
    key="download_settings",
)

st.markdown("**Other formats**")
synthetic = result.synthetic
excel, parquet, like_input = st.columns(3)
excel.download_button(
    "Excel (.xlsx)",
    lambda: excel_export(synthetic).data,
    file_name="synthetic.xlsx",
    mime=EXCEL_MIME,
    on_click="ignore",
    key="download_xlsx",
)
parquet.download_button(
    "Parquet",
    lambda: parquet_export(synthetic).data,
    file_name="synthetic.parquet",
    mime="application/vnd.apache.parquet",
    on_click="ignore",
    key="download_parquet",
)
loaded = table.loaded if table is not None else None  # a table deleted meanwhile leaves only the result
if loaded is not None and loaded.file_format == "csv":
    like_input.download_button(
        "CSV like the input",
        lambda: csv_like_input(synthetic, loaded.encoding, loaded.delimiter, loaded.decimal).data,
        file_name="synthetic_like_input.csv",
        mime="text/csv",
        on_click="ignore",
        key="download_like_input",
        help=f"Same encoding, separator and decimal mark as the file you uploaded ({loaded.summary.split(', ')[0]}).",
    )
st.caption(
    "The report is one file that opens offline in any browser. It holds scores and charts, never real rows; "
    "categories seen fewer than 5 times in the real data are grouped."
)
if result.warnings:
    with st.expander("Notes from this run"):
        for warning in result.warnings:
            st.markdown(f"- {ui.plain(warning)}")
