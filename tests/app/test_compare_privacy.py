"""Compare's Privacy tab and the privacy verdict above it: read together, they never contradict each other."""

import plotly.data

from tests.app.helpers import TIMEOUT, go, new_app, upload

VERDICT_LIGHTS = {"Ready to share": ":green[●]", "Check first": ":orange[●]", "Not ready": ":red[●]"}


def test_a_rare_combination_any_fresh_sample_holds_is_green_under_a_ready_verdict():
    # Setup: plotly's election table (58 rows): its one rare pair (Joly, majority: 2 rows) reappears by chance
    app = new_app()
    upload(app, "election.csv", plotly.data.election().to_csv(index=False).encode())
    go(app, "generate")
    app.button(key="generate").click().run()  # the default generator
    app.run(timeout=TIMEOUT)  # the rerun after submitting watches the job until it ends

    # Run
    go(app, "compare")
    app.session_state["compare_tab"] = "Privacy"
    app.run()
    for _ in range(10):  # until the figures measured after the result (distances) have joined it
        if "still being measured" not in app.markdown[1].value:
            break
        app.run()

    # Assert: the card says 100% in green, "no more than chance", as the verdict does
    assert not app.exception, app.exception
    markdown = [m.value for m in app.markdown]
    verdict = markdown[1]
    assert "**Privacy: Ready to share**" in verdict and verdict.startswith(VERDICT_LIGHTS["Ready to share"])
    card = markdown.index(":green[●] **Rare combinations reproduced**")
    assert markdown[card + 1] == "### 100.0%"
    assert "No more than chance" in " ".join(c.value for c in app.caption)
    lights = [m.split()[0] for m in markdown if m.startswith(":") and "**" in m and "Privacy" not in m]
    assert not {":orange[●]", ":red[●]"} & set(lights), markdown  # no card flags what the verdict calls ready
