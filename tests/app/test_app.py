"""The router: every page runs from app.py, pages live where Streamlit never runs them by itself, failures stay plain."""

import re

import pytest
from streamlit.testing.v1 import AppTest

import ui
from tests.app.helpers import ROOT

PAGES = ("data", "columns", "generate", "bakeoff", "compare", "download")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_reachable_from_the_router(app, page):
    # Run
    app.switch_page(f"app_pages/{page}.py").run()

    # Assert
    assert not app.exception, page
    assert [b.key for b in app.sidebar.button] == ["delete_data"]  # drawn once, by app.py, on every page


def test_streamlit_finds_no_pages_directory_to_run_without_the_router():
    # Assert: a pages/ directory beside app.py would be served page by page, bypassing the access gate
    assert not (ROOT / "pages").exists()
    assert sorted(path.stem for path in (ROOT / "app_pages").glob("*.py")) == sorted(PAGES)


def test_pages_use_only_the_public_ui_names_and_leave_the_gate_to_app_py():
    # Setup
    used = {}
    for path in (ROOT / "app_pages").glob("*.py"):
        used[path.name] = set(re.findall(r"\bui\.(\w+)", path.read_text(encoding="utf-8")))

    # Assert
    for name, names in used.items():
        assert names <= set(ui.__all__), (name, names - set(ui.__all__))
        assert not names & {"gate", "session_tools", "signed_in"}, name


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
