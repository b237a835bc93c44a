"""The Columns page's editable table in a real browser: a kind picked in a cell takes effect."""

from playwright.sync_api import expect

KIND, WHAT_HAPPENS = 2, 4  # the grid's columns: Column, Keep, Kind, Confirmed, What happens, ...


def cell(page, column: int, row: int):
    """A grid cell as the grid's accessible table holds it (the grid itself is drawn on a canvas)."""
    return page.locator(f"#glide-cell-{column}-{row}")


def test_a_kind_picked_in_the_grid_takes_effect(page, app_url):
    # Setup: the demo table (Seattle weather), its fifth column 'wind' detected as a decimal number
    page.goto(app_url)
    page.get_by_role("tab", name="Use a demo table").click()
    page.get_by_role("button", name="Use this demo table").click()
    expect(page.get_by_text("1,461 rows").first).to_be_visible()
    page.get_by_role("link", name="Columns").first.click()
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    expect(cell(page, 0, 4)).to_have_text("wind")
    expect(cell(page, KIND, 4)).to_have_text("Decimal number")

    # Run: as a person does with the keyboard: select the first cell, move to wind's Kind, open it, pick a kind
    # Each key waits for the selection it moves to: the grid reads the selection a key starts from as it last drew
    # it, so a key pressed before the previous one was drawn moved from the same cell (one row short, under load).
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + box["height"] / 7 * 1.5)  # first row (a header, then six rows)
    expect(cell(page, 0, 0)).to_have_attribute("aria-selected", "true")
    for key, (column, row) in [("ArrowDown", (0, r)) for r in range(1, 5)] + [("ArrowRight", (c, 4)) for c in (1, 2)]:
        page.keyboard.press(key)
        expect(cell(page, column, row)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(page.locator(".glide-select")).to_be_visible()
    page.keyboard.type("Personal")
    page.keyboard.press("Enter")

    # Assert: the page's personal-data choice for that column (drawn by the rerun the edit starts), then the cell
    # and what follows from it, once the grid drawn before the rerun is gone
    expect(page.get_by_text("Personal data (wind)")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)
    expect(cell(page, KIND, 4)).to_have_text("Personal data")
    expect(cell(page, WHAT_HAPPENS, 4)).to_have_text("never learned; replaced by fakes")
    expect(cell(page, KIND, 5)).to_have_text("Category")  # the next row is untouched
