"""AppTest helpers: the app from app.py, a page switch, an upload and a generate step."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MACRO = ROOT / "tests" / "data" / "us_macro.csv"
TIMEOUT = 180


def new_app() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.run()
    assert not app.exception
    return app


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    app.file_uploader(key="upload").set_value((name, data, "text/csv"))
    return app.run()


def go(app: AppTest, page: str) -> AppTest:
    app.switch_page(f"app_pages/{page}.py")
    app.run()
    assert not app.exception, app.exception
    return app


def generated(app: AppTest | None = None, generator: str = "gaussian_copula", demo: bool = False) -> AppTest:
    """An app with the macro table uploaded (or the demo table chosen) and synthetic data made."""
    app = app or new_app()
    if demo:
        app.button(key="use_demo").click().run()
    else:
        upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "generate")
    app.radio(key="generator_widget").set_value(generator).run()
    app.button(key="generate").click().run()
    app.run()  # the rerun after submitting watches the job until it ends
    assert not app.exception and "result" in app.session_state, [e.value for e in app.error]
    return app


def edit_columns(app: AppTest, edits: dict[str, dict]) -> AppTest:
    """Edit the Columns page's table as a user would: {column name: {"Keep": False, "Kind": "Category", ...}}."""
    editor = app.data_editor[0]
    rows = list(editor.value["Column"])
    app.session_state[editor.key] = {
        "edited_rows": {rows.index(column): change for column, change in edits.items()},
        "added_rows": [],
        "deleted_rows": [],
    }
    return app.run()


def before_its_last_figures(result):
    """The result as shown before the follow-up job's figures (classifier, distances) are in: they are pending."""
    from dataclasses import replace

    from synth.pipeline import MEASURED_LATER

    later = {"detection", "dcr_baseline", "nndr", "dcr_overfitting"}
    evaluation = replace(
        result.evaluation,
        results={name: figures for name, figures in result.evaluation.results.items() if name not in later},
        extras=("three_way",),
        pending=MEASURED_LATER[:2],
    )
    return replace(result, evaluation=evaluation)
