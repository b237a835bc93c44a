"""The router and the access gate."""

from streamlit.testing.v1 import AppTest

from tests.app.helpers import ROOT, new_app


def test_every_page_is_reachable_from_the_router(app):
    # Run
    for page in ("data", "columns", "generate", "compare", "download"):
        app.switch_page(f"pages/{page}.py").run()

        # Assert
        assert not app.exception, page


def test_password_gate_hides_everything_until_the_right_password(monkeypatch):
    # Setup
    monkeypatch.setenv("SYNTH_PASSWORD", "open sesame")
    app = new_app()

    # Run
    gated_titles = [t.value for t in app.title]
    app.switch_page("pages/download.py").run()
    deep_link_titles = [t.value for t in app.title]
    app.text_input[0].set_value("wrong")
    app.button[0].click().run()
    wrong = [e.value for e in app.error]
    app.text_input[0].set_value("open sesame")
    app.button[0].click().run()

    # Assert
    assert gated_titles == ["Doppel"] and deep_link_titles == ["Doppel"]
    assert not app.file_uploader or len(app.file_uploader) == 0
    assert wrong == ["That password is not right."]
    assert "No synthetic data yet" in app.info[0].value


def test_no_gate_without_a_password(monkeypatch):
    # Setup
    monkeypatch.delenv("SYNTH_PASSWORD", raising=False)

    # Run
    app = AppTest.from_file(str(ROOT / "app.py")).run()

    # Assert
    assert app.title[0].value == "1. Your data"


def test_an_unexpected_failure_is_one_sentence_without_values(monkeypatch):
    # Setup
    def broken(name):
        raise ValueError("real value 12345.678 leaked")

    monkeypatch.setattr("synth.datasets.demo_table", broken)

    # Run
    app = AppTest.from_file(str(ROOT / "app.py")).run()

    # Assert
    assert not app.exception
    assert len(app.error) == 1 and "Something went wrong on this page" in app.error[0].value
    assert "12345" not in str(app)
