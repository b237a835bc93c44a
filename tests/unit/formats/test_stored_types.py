"""A typed file's own column types: read apart from the values, fitted to the synthetic values, never changing one."""

import pandas as pd
import pytest

from synth.formats.stored_types import StoredType, fitted, stored_types, with_stored_types


def test_the_types_a_download_would_not_give_back_are_kept_by_position():
    # Setup
    frame = pd.DataFrame(
        {
            "colour": pd.Categorical(["red", "blue"], categories=["red", "green", "blue"], ordered=True),
            "when": pd.to_datetime(["2024-01-01 08:00", "2024-06-01 08:00"]).tz_localize("Europe/Paris"),
            "small": pd.Series([1, 2], dtype="int16"),
            "ratio": pd.Series([0.5, 0.25], dtype="float32"),
            "label": pd.Series(["a", None], dtype="string"),
            "text": ["a", "b"],
            "amount": [1.5, 2.5],
            "naive": pd.to_datetime(["2024-01-01", "2024-01-02"]),
        }
    )

    # Run
    types = stored_types(frame)

    # Assert: text, 64-bit floats and naive nanosecond times need nothing
    assert types == {
        0: StoredType("category", ("red", "green", "blue"), ordered=True),
        1: StoredType("datetime64[ns, Europe/Paris]"),
        2: StoredType("int16"),
        3: StoredType("float32"),
        4: StoredType("string"),
    }


def test_a_category_column_keeps_its_order_and_unused_categories_and_adds_what_it_lacks_sorted():
    # Setup
    stored = StoredType("category", ("low", "mid", "high"), ordered=True)

    # Run
    kept = fitted(stored, pd.Series(["high", "Other", "low", None, "Also"]))

    # Assert
    assert kept == StoredType("category", ("low", "mid", "high", "Also", "Other"), ordered=True)


def test_without_a_list_the_categories_are_the_values_written_sorted_and_unordered():
    # Run
    kept = fitted(StoredType("category", ordered=True), pd.Series(["b", "a", None, "b"]))

    # Assert
    assert kept == StoredType("category", ("a", "b"), ordered=False)


@pytest.mark.parametrize(
    ("stored", "values"),
    [
        (StoredType("int16"), pd.Series([1, 40_000], dtype="Int64")),  # would wrap round to -25,536
        (StoredType("int16"), pd.Series([1.0, 2.5])),  # a decimal (the column was chosen as decimal)
        (StoredType("uint8"), pd.Series([-1, 3], dtype="Int64")),
        (StoredType("boolean"), pd.Series([True, "Other", None], dtype=object)),
        (StoredType("string"), pd.Series(["a", 1], dtype=object)),
        (StoredType("datetime64[ns, Europe/Paris]"), pd.Series(["2024-01-01 08:00"])),  # chosen as category: text
        (StoredType("category", (1, 2, 3)), pd.Series(["1", "2"])),  # text among number categories
    ],
)
def test_a_type_that_would_change_a_value_is_left_out(stored, values):
    # Assert
    assert fitted(stored, values) is None


def test_a_whole_number_or_yes_no_column_with_missing_values_takes_the_nullable_type_of_its_width():
    # Assert
    assert fitted(StoredType("int16"), pd.Series([1, None], dtype="Int64")) == StoredType("Int16")
    assert fitted(StoredType("uint8"), pd.Series([1, None], dtype="Int64")) == StoredType("UInt8")
    assert fitted(StoredType("bool"), pd.Series([True, None], dtype=object)) == StoredType("boolean")
    assert fitted(StoredType("int16"), pd.Series([1, 2], dtype="Int64")) == StoredType("int16")


def test_times_read_as_naive_utc_come_back_as_the_same_instants_in_their_zone():
    # Setup
    utc = pd.DataFrame({"when": pd.to_datetime(["2024-01-01 07:00", "2024-07-01 06:00", None])})

    # Run
    back = with_stored_types(utc, {"when": StoredType("datetime64[ns, Europe/Paris]")})

    # Assert
    assert str(back["when"].dtype) == "datetime64[ns, Europe/Paris]"
    assert back["when"].dt.strftime("%H:%M").tolist()[:2] == ["08:00", "08:00"] and back["when"].isna().tolist()[2]
    pd.testing.assert_series_equal(back["when"].dt.tz_convert("UTC").dt.tz_localize(None), utc["when"])


def test_with_stored_types_leaves_other_columns_and_refused_types_as_they_are():
    # Setup
    frame = pd.DataFrame({"n": pd.Series([1, 70_000], dtype="Int64"), "t": ["x", "y"]})

    # Run
    back = with_stored_types(frame, {"n": StoredType("int16"), "gone": StoredType("int8")})

    # Assert
    pd.testing.assert_frame_equal(back, frame)
