"""The private generator in a real browser: the advice before a run, the verdict's reason after it, and the one click
that makes it again with the category lists public."""

import io
from pathlib import Path

import numpy as np
import pandas as pd
from playwright.sync_api import expect


def small_table(path: Path) -> Path:
    """120 rows of ten kinds (twelve each): at epsilon 1 no kind is held by enough rows to be named privately; weights
    written with their unit ('60.2 kg')."""
    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "kind": [f"Kind {i % 10}" for i in range(120)],
            "smoker": rng.choice(["yes", "no"], 120, p=[0.3, 0.7]),
            "weight": [f"{w:.1f} kg" for w in rng.normal(60.0, 9.0, 120)],  # read as numbers, written back alike
        }
    )
    table.to_csv(path, index=False)
    return path


def generate_and_compare(page) -> None:
    """Generate and wait for this run (an earlier run's result stays on the page meanwhile: its words are no sign
    that this one ended), then Compare."""
    page.get_by_role("button", name="Generate synthetic data").click()
    expect(page.get_by_role("button", name="Cancel")).to_be_visible(timeout=120_000)
    expect(page.get_by_role("button", name="Cancel")).to_have_count(0, timeout=120_000)
    expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=120_000)
    page.get_by_role("link", name="Compare").first.click()
    expect(page.get_by_text("Fidelity:").first).to_be_visible()


def test_a_private_run_says_what_it_could_not_name_and_one_click_makes_it_again_with_public_lists(
    page, app_url, tmp_path
):
    # Setup
    page.goto(app_url)
    page.locator("input[type=file]").set_input_files(str(small_table(tmp_path / "kinds.csv")))
    expect(page.get_by_text("120 rows, 3 columns")).to_be_visible()
    page.get_by_role("link", name="Generate").first.click()
    page.get_by_text("Differentially private marginals (MST)").first.click()

    # Run: the advice, then a private run
    expect(page.get_by_text("a category value comes back by name only where about")).to_be_visible()
    generate_and_compare(page)

    # Assert: the reason first, and the offer
    expect(page.get_by_text("Column 'kind' came back as 'Other' in every row").first).to_be_visible()
    page.get_by_role("button", name="Make it again with the category lists public").click()

    # Run: Generate opens with the lists public; a second run
    expect(page.get_by_role("heading", name="3. Generate").first).to_be_visible()
    expect(page.get_by_role("combobox", name="Category values")).to_have_value("public")
    expect(page.get_by_text("a category value comes back by name only where about")).to_have_count(0)
    generate_and_compare(page)

    # Assert: the kinds are kept whole this time, in the page and in the file
    expect(page.get_by_text("came back as 'Other' in every row")).to_have_count(0)
    page.get_by_role("link", name="Download").first.click()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download synthetic data (CSV)").click()
    synthetic = pd.read_csv(io.BytesIO(Path(csv_download.value.path()).read_bytes()), encoding="utf-8-sig")
    assert set(synthetic["kind"]) <= {f"Kind {i}" for i in range(10)} and synthetic["kind"].nunique() >= 5
    assert set(synthetic["smoker"]) == {"yes", "no"}
    assert pd.api.types.is_float_dtype(synthetic["weight"])  # plain numbers in the standard CSV
    with page.expect_download() as like_input:
        page.get_by_role("button", name="CSV like the input").click()
    as_written = pd.read_csv(io.BytesIO(Path(like_input.value.path()).read_bytes()), encoding="utf-8-sig")
    assert as_written["weight"].str.fullmatch(r"\d+\.\d kg").all()
