"""The app's only Streamlit helpers, as one flat namespace for pages: `import ui`, then `ui.need_table()`."""

from ui import (
    bakeoff,
    column_scores,
    column_table,
    follow_up,
    generator_form,
    history,
    measure,
    places,
    private_retry,
    score_cards,
    settings_file,
)
from ui.access import gate, signed_in
from ui.display import LIGHTS, PAGE_ICON, offer_file, plain, show_unexpected
from ui.follow_up import need_report
from ui.jobs import collect_job, job_runner, need_result, show_ended, submit_training, watch
from ui.keys import (
    COLUMNS,
    COMPARE_TAB,
    DOWNLOADS,
    JOB,
    KINDS,
    LOCALE,
    MATRICES,
    MEASURE,
    PERSONAL,
    RESULT,
    TABLE,
    USEFULNESS,
)
from ui.sampling import sample_choice
from ui.session import configure_logging, keep, start_session, upload_key
from ui.settings_file import use_settings_file
from ui.sidebar import session_tools
from ui.timing import run_pace
from ui.user_table import Table, ask_for_demo, make_table, need_table, set_table, stoppable, table

__all__ = [
    "COLUMNS",
    "COMPARE_TAB",
    "DOWNLOADS",
    "JOB",
    "KINDS",
    "LIGHTS",
    "LOCALE",
    "MATRICES",
    "MEASURE",
    "PAGE_ICON",
    "PERSONAL",
    "RESULT",
    "TABLE",
    "USEFULNESS",
    "Table",
    "ask_for_demo",
    "bakeoff",
    "column_scores",
    "column_table",
    "generator_form",
    "follow_up",
    "history",
    "configure_logging",
    "gate",
    "collect_job",
    "job_runner",
    "keep",
    "make_table",
    "measure",
    "places",
    "private_retry",
    "score_cards",
    "settings_file",
    "need_report",
    "need_result",
    "need_table",
    "offer_file",
    "plain",
    "run_pace",
    "sample_choice",
    "session_tools",
    "set_table",
    "show_ended",
    "show_unexpected",
    "signed_in",
    "start_session",
    "stoppable",
    "submit_training",
    "table",
    "upload_key",
    "use_settings_file",
    "watch",
]
