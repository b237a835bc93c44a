"""Data page: demo tables, uploads, bad files, and text shown as text."""

import re

from synth.datasets import DEMO_TABLES
from tests.app.helpers import MACRO, go, upload


def test_page_opens_with_an_invitation_and_no_table(app):
    # Assert
    assert app.title[0].value == "1. Your data"
    assert any("No table yet" in info.value for info in app.info)


def test_demo_table_is_one_click_away(app):
    # Run
    app.button(key="use_demo").click().run()

    # Assert
    assert not app.exception
    assert len(app.session_state["table"].frame) == 1461
    assert any("1,461 rows, 6 columns" in caption.value for caption in app.caption)


def test_the_demo_picked_with_the_click_is_the_one_read(app):
    # Run: another demo picked and the button pressed in one interaction (the callback reads the pick, not the
    # choice the button was drawn with)
    app.selectbox(key="demo_choice").set_value("gapminder")
    app.button(key="use_demo").click().run()

    # Assert
    assert app.session_state["table"].name == DEMO_TABLES["gapminder"].label


def test_a_demo_asked_for_is_read_by_the_page_that_runs_next(app):
    # Setup: the click's own run cut short by opening another page before it read the demo: only the ask was noted
    app.session_state["demo_asked"] = "cars"

    # Run
    go(app, "generate")

    # Assert: Generate shows the demo, and reads it once
    assert not any("First bring a table" in info.value for info in app.info)
    assert app.session_state["table"].name == DEMO_TABLES["cars"].label
    assert "demo_asked" not in app.session_state


def test_an_upload_after_a_demo_ask_is_the_table(app):
    # Setup
    app.session_state["demo_asked"] = "cars"

    # Run
    upload(app, "us_macro.csv", MACRO.read_bytes())

    # Assert
    assert app.session_state["table"].name == "us_macro.csv"
    assert "demo_asked" not in app.session_state


def test_upload_shows_preview_and_profile(app):
    # Run
    upload(app, "us_macro.csv", MACRO.read_bytes())

    # Assert
    assert not app.exception
    assert any("203 rows, 14 columns" in caption.value for caption in app.caption)
    assert len(app.dataframe) == 2


def test_bad_file_gives_one_sentence_and_keeps_the_previous_table(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())

    # Run
    upload(app, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")

    # Assert
    assert not app.exception
    assert len(app.error) == 1 and "not a text table" in app.error[0].value
    assert app.session_state["table"].name == "us_macro.csv"


def test_html_in_headers_is_shown_as_text(app):
    # Run
    upload(app, "evil.csv", b"<script>alert(1)</script>,b\n1,2\n3,4\n5,6\n")

    # Assert
    assert not app.exception
    assert any("\\<script\\>" in header.value for header in app.subheader) or "<script>" not in str(app.markdown)


def test_reading_options_override_what_was_detected(app):
    # Setup
    data = "name;amount\nAndré;1\nZoë;2\nJosé;3\n".encode("cp1252")
    upload(app, "export.csv", data)

    # Run
    app.selectbox(key="delimiter_choice").set_value(",").run()
    comma_columns = list(app.session_state["table"].frame.columns)
    app.selectbox(key="delimiter_choice").set_value(";").run()
    app.selectbox(key="encoding_choice").set_value("cp1252").run()

    # Assert
    assert comma_columns == ["name;amount"]
    frame = app.session_state["table"].frame
    assert list(frame.columns) == ["name", "amount"] and frame["name"].tolist() == ["André", "Zoë", "José"]


def test_excel_uploads_are_read(app):
    # Setup
    import io

    import pandas as pd

    buffer = io.BytesIO()
    pd.read_csv(MACRO).to_excel(buffer, index=False)

    # Run
    upload(app, "macro.xlsx", buffer.getvalue())

    # Assert
    assert not app.exception and not app.error
    assert app.session_state["table"].frame.shape == (203, 14)


FIRST = ("Ada", "Alan", "Grace", "Linus", "Marie", "Isaac", "Emmy", "Niels", "Rosalind", "Carl", "Sofia", "Pierre")
LAST = ("Lovelace", "Turing", "Hopper", "Pauling", "Curie", "Newton", "Noether", "Bohr", "Franklin", "Gauss", "Weil")


def people_csv() -> bytes:
    lines = ["customer_id,full_name,email,age,city"]
    for i in range(40):
        name = f"{FIRST[i % 12]} {LAST[(i // 12 + i * 5) % 11]}"
        lines.append(
            f"C-{1000 + i},{name},{FIRST[i % 12].lower()}{i}@example.com,{20 + i % 9},{('Rome', 'Oslo')[i % 2]}"
        )
    return ("\n".join(lines) + "\n").encode()


def test_first_screen_says_what_synthetic_data_is_and_why(app):
    # Assert
    intro = app.markdown[0].value
    assert "Doppel" in intro and "synthetic data" in intro and "share" in intro


def test_preview_masks_personal_data_and_identifiers(app):
    # Run
    upload(app, "people.csv", people_csv())

    # Assert: the profile said "values hidden" under a preview that showed every name in full
    shown = app.dataframe[0].value
    assert set(shown["full_name"]) == set(shown["email"]) == set(shown["customer_id"]) == {"•••••"}
    assert list(shown["city"][:2]) == ["Rome", "Oslo"] and shown["age"].iloc[1] == 21
    assert any("masked" in caption.value for caption in app.caption)
    assert app.session_state["table"].frame.loc[0, "full_name"] == "Ada Lovelace"  # only the preview is masked


def test_missing_cells_in_the_preview_are_drawn_empty_not_none(app):
    # Setup: the walk's preview showed a grey "None" in every missing cell, numbers and text alike
    data = b"amount,note,count\n,ok,1\n75.84,,2\n384.25,ok,\n"

    # Run
    upload(app, "gaps.csv", data)

    # Assert: the grid draws its placeholder in missing cells; an empty one leaves them empty, the values untouched
    table = app.dataframe[0]
    assert table.proto.HasField("placeholder") and table.proto.placeholder == ""
    assert table.value["amount"].isna().iloc[0] and table.value["amount"].iloc[1] == 75.84


def test_a_one_row_or_one_constant_column_file_is_flagged_on_the_data_page(app):
    # Run
    upload(app, "one_row.csv", b"amount,team\n12.5,north\n")
    one_row = [w.value for w in app.warning]
    upload(app, "constant.csv", b"status\nok\nok\nok\nok\n")
    constant = [w.value for w in app.warning]

    # Assert: said here, not only when Generate refuses it
    assert any("only one row" in w and "Generate will refuse" in w for w in one_row)
    assert any("single value" in w and "Generate will refuse" in w for w in constant)


def test_a_parquet_upload_says_what_is_missing_in_parquet_terms(app):
    # Setup: seattle_weather as a Parquet file
    import io
    from pathlib import Path

    import pandas as pd

    import synth.datasets

    buffer = io.BytesIO()
    pd.read_csv(Path(synth.datasets.__file__).parent / "seattle_weather.csv").to_parquet(buffer)

    # Run
    upload(app, "seattle_weather.parquet", buffer.getvalue())

    # Assert: nulls, not the empty cells a CSV has
    captions = " ".join(c.value for c in app.caption)
    assert not app.exception and "Read as: Parquet file" in captions
    assert "Nulls are missing values" in captions and "Empty cells" not in captions


def test_a_category_value_with_a_trailing_space_is_quoted_in_the_profile(app):
    # Setup: 'USA ' and 'USA' read alike in a table cell
    rows = "".join(f"{country},{i}\n" for i, country in enumerate(["USA"] * 30 + ["USA "] * 20 + ["France"] * 10))

    # Run
    upload(app, "countries.csv", f"country,n\n{rows}".encode())

    # Assert: the profile shows the space; the table keeps the value as written
    profile = app.dataframe[1].value
    summary = profile.loc[profile["Column"] == "country", "Summary"].iloc[0]
    assert not app.exception and "'USA ' (20)" in summary and "USA (30)" in summary
    assert (app.session_state["table"].frame["country"] == "USA ").sum() == 20


def test_a_number_column_written_with_a_unit_or_in_accounting_form_says_so_in_the_profile(app):
    # Setup: weights with their unit and amounts with bracketed negatives (before: labels, then identifiers)
    rows = "".join(
        f'{60 + i % 40}.{i % 10} kg,"{"(" if i % 3 == 0 else ""}{i * 13:,}.50{")" if i % 3 == 0 else ""}"\n'
        for i in range(60)
    )

    # Run
    upload(app, "ledger.csv", f"weight,amount\n{rows}".encode())

    # Assert: numbers, and their written form shown on a typical value
    profile = app.dataframe[1].value.set_index("Column")["Summary"]
    assert not app.exception and app.session_state["table"].detected == {"weight": "decimal", "amount": "decimal"}
    assert re.search(r", written like \d\d\.\d kg$", profile["weight"])
    assert re.search(r", written like (\d+\.\d\d), negatives like \(\1\)$", profile["amount"])
