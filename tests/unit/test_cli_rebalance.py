"""--rebalance on the command line: the list is one CSV line, so a category value holding a comma can be given."""

import pandas as pd
import pytest

from synth.__main__ import _rebalance, main
from synth.errors import SynthError


@pytest.mark.parametrize(
    ("text", "shares"),
    [
        ('city="Paris, France:0.5",Lyon:0.5', {"Paris, France": 0.5, "Lyon": 0.5}),
        ('city="a ""b"", c:0.2",d:0.8', {'a "b", c': 0.2, "d": 0.8}),  # a double quote inside, doubled
        ("level=low :0.5,a:b:0.5", {"low ": 0.5, "a:b": 0.5}),  # the forms read before stay as they were
        ('size=5" screen:0.5, x:0.5', {'5" screen': 0.5, " x": 0.5}),
    ],
)
def test_shares_are_read_as_one_csv_line(text, shares):
    # Run
    column, parsed = next(iter(_rebalance(text).items()))

    # Assert
    assert (column, parsed) == (text.split("=", 1)[0], shares)


@pytest.mark.parametrize("text", ['city="Paris, France":0.5,Lyon:0.5', 'city="Paris:0.5', "city=", "city=a:0.5,,b:0.5"])
def test_a_list_that_is_not_value_share_items_is_refused(text):
    # Run
    with pytest.raises(SynthError) as refused:
        _rebalance(text)

    # Assert: one sentence, and the quoted form shown when the quoting was wrong
    assert "\n" not in str(refused.value)
    assert '"' not in text or '"Paris, France:0.5"' in str(refused.value)


def test_a_value_holding_a_comma_is_rebalanced_from_the_command_line(tmp_path, capsys):
    # Setup: one category holds a comma
    real = pd.DataFrame(
        {"city": [("Paris, France", "Lyon", "Nice")[i % 3] for i in range(90)], "n": [i % 5 for i in range(90)]}
    )
    real.to_csv(tmp_path / "in.csv", index=False)
    out = tmp_path / "out.csv"

    # Run
    code = main(
        ["generate", str(tmp_path / "in.csv"), "--out", str(out), "--generator", "gaussian_copula", "--rows", "40"]
        + ["--rebalance", 'city="Paris, France:0.75",Lyon:0.25']
    )

    # Assert
    assert code == 0, capsys.readouterr().err
    made = pd.read_csv(out, encoding="utf-8-sig")
    assert made["city"].value_counts().to_dict() == {"Paris, France": 30, "Lyon": 10}


@pytest.mark.parametrize("text", ["churn=yes:0.3,no:0.3,yes:0.4", 'city="Paris, France:0.5","Paris, France:0.5"'])
def test_a_value_given_twice_is_refused_not_half_dropped(text):
    # Run: the first share of 'yes' would be dropped and the other two still add up to 100%
    with pytest.raises(SynthError) as refused:
        _rebalance(text)

    # Assert: one sentence naming the value
    assert "twice" in str(refused.value) and "\n" not in str(refused.value)
