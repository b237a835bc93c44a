"""A settings file put back on the Generate page in a real browser: the run uses the file's generator and options,
not what the page's widgets showed before it was loaded (the browser keeps a widget's last value unless told)."""

import json

import numpy as np
import pandas as pd
from playwright.sync_api import expect


def test_a_settings_file_loaded_after_other_choices_runs_with_its_own_generator_and_options(page, app_url, tmp_path):
    # Setup: a table, and the settings of a private run at epsilon 3 with the category lists public, seed 7
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"kind": rng.choice(["a", "b", "c"], 80), "weight": rng.normal(60.0, 9.0, 80).round(1)})
    table.to_csv(tmp_path / "kinds.csv", index=False)
    settings = {
        "generator": "dp_marginals",
        "options": {"epsilon": 3.0, "category_lists": "public"},
        "seed": 7,
        "rows": 40,
        "columns": {"kind": "category", "weight": "decimal"},
    }
    (tmp_path / "kinds_settings.json").write_text(json.dumps(settings))
    page.goto(app_url)
    page.locator("input[type=file]").set_input_files(str(tmp_path / "kinds.csv"))
    expect(page.get_by_text("80 rows, 2 columns")).to_be_visible()
    page.get_by_role("link", name="Generate").first.click()
    expect(page.get_by_role("radio", name="Sequential trees")).to_be_checked()  # the page's own start
    page.get_by_text("Differentially private marginals (MST)").first.click()  # epsilon 1 shown, then back
    expect(page.get_by_role("slider", name="Privacy budget (epsilon)")).to_be_visible()
    page.get_by_text("Sequential trees").first.click()
    expect(page.get_by_role("slider", name="Privacy budget (epsilon)")).to_have_count(0)

    # Run
    page.get_by_text("Use settings from a file (optional)").click()
    page.locator("input[type=file]").last.set_input_files(str(tmp_path / "kinds_settings.json"))
    expect(page.get_by_text("Settings loaded from kinds_settings.json")).to_be_visible()
    page.get_by_role("button", name="Generate synthetic data").click()

    # Assert: what the browser shows is what ran
    expect(page.get_by_text("Made 40 synthetic rows with Differentially private marginals (MST)")).to_be_visible(
        timeout=120_000
    )
    expect(page.get_by_role("radio", name="Differentially private marginals (MST)")).to_be_checked()
    expect(page.get_by_role("slider", name="Privacy budget (epsilon)")).to_have_value("3")
    expect(page.get_by_role("combobox", name="Category values")).to_have_value("public")
    expect(page.get_by_role("spinbutton", name="Seed (the same seed gives the same result)")).to_have_value("7")
