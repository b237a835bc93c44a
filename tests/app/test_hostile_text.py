"""Text from the data (column names, values) is shown as text on every page: no markdown image, no live link."""

import pandas as pd
from faker import Faker

from tests.app.helpers import edit_columns, go, upload

IMAGE = "![p](http://evil.example/p.png)"
LINK = "<a href='http://evil.example'>A</a>"


def _hostile_csv() -> bytes:
    faker = Faker("en_US")
    faker.seed_instance(0)
    frame = pd.DataFrame(
        {
            "n": range(60),
            IMAGE: [faker.email() for _ in range(60)],
            "group": [LINK if i % 2 else "[b](http://evil.example)" for i in range(60)],
        }
    )
    return frame.to_csv(index=False).encode()


def _live(markdown: str) -> bool:
    """Whether Streamlit's markdown would turn this into an image or a link: an unescaped '](' or '<a'."""
    return "](" in markdown.replace("\\]\\(", "") or "<a" in markdown.replace("\\<a", "")


def test_names_and_values_stay_text_on_columns_and_generate(app):
    # Setup
    upload(app, "hostile.csv", _hostile_csv())
    go(app, "columns")

    # Run: the personal-data choice names the column; a wrong kind for it gets an error naming it
    personal_label = app.radio(key="personal_widget").label
    edit_columns(app, {IMAGE: {"Kind": "Decimal number"}})
    errors = [e.value for e in app.error]
    go(app, "generate")
    app.radio(key="mode_widget").set_value("rebalance").run()
    app.selectbox(key="condition_column").set_value("group").run()
    share_labels = [n.label for n in app.number_input if n.key and n.key.startswith("share_")]

    # Assert
    assert "evil" in personal_label and not _live(personal_label)
    assert errors and all("evil" in e and not _live(e) for e in errors)
    assert len(share_labels) == 2 and not any(_live(label) for label in share_labels)
