"""The session-state keys: what a session holds, what a new table resets and what Delete my data keeps."""

TABLE, KINDS, COLUMNS, PERSONAL, LOCALE, JOB, RESULT, DOWNLOADS, USEFULNESS, MATRICES = (
    "table",
    "kinds",
    "columns",
    "personal_data",
    "locale",  # the fakes' Faker locale chosen on the Columns page; absent or None: from the values
    "job",
    "result",
    "downloads",
    "usefulness",
    "matrices",
)
RESULT_MADE = "result_made"  # the server's clock time when the result reached the session, as the pages show it
MEASURE = "measure"  # the on-demand measurement of Compare (attack risks or usefulness) running as a job
CONFIRMED = "confirmed"  # the personal-data and identifier columns the user confirmed on the Columns page
REPORT_JOB = "report_job"  # the quality report, made in a job of its own once the result is shown
BAKEOFF = "bakeoff"  # the Bake-off page's run: one job per generator, then their results (ui.bakeoff)
FIGURES_JOB = "figures_job"  # the figures the result was shown without (ui.follow_up), measured right after
DOWNSTREAM = (
    KINDS,
    COLUMNS,
    CONFIRMED,
    LOCALE,
    JOB,
    REPORT_JOB,
    FIGURES_JOB,
    RESULT,
    RESULT_MADE,
    DOWNLOADS,
    USEFULNESS,
    MATRICES,
    MEASURE,
    BAKEOFF,
)
DEMO_ASKED = "demo_asked"  # the demo table the Data page's button asked for, read by the next run that needs a table
HISTORY = "history"  # the session's last few runs (ui.history), kept across new tables until Delete my data
SESSION, SIGNED_IN, DELETED = "_session", "_signed_in", "_deleted"
COMPARE_TAB = "_compare_tab"  # the Compare tab last open, shown again on coming back
UPLOAD_ROUND = "_upload_round"  # bumped by Delete my data: a new uploader, so the browser forgets the file too
KEPT_ON_DELETE = (SESSION, SIGNED_IN, UPLOAD_ROUND)  # who the session is, never what it holds
