"""bench/unseen_tables.py: fixed, disjoint groups; every table loads from its package with no network; the lists hold."""

import re

import pytest

from bench import unseen_tables


def test_every_table_is_in_exactly_one_group_and_the_first_two_follow_the_hash_rule():
    # Setup
    groups = unseen_tables.GROUPS

    # Run
    memberships = {name: [g for g, members in groups.items() if name in members] for name in unseen_tables.TABLES}
    first = [name for name in unseen_tables.TABLES if name not in unseen_tables.LATER]

    # Assert
    assert {name: found for name, found in memberships.items() if len(found) != 1} == {}
    assert all(name in unseen_tables.TABLES for members in groups.values() for name in members)
    assert [n for n in first if unseen_tables.held_out_by_hash(n) != (n in unseen_tables.HELD_OUT)] == []
    assert set(unseen_tables.NOT_YET_RUN) <= set(unseen_tables.LATER)
    assert all(set(entry[2]) <= set(unseen_tables.COVERS) for entry in unseen_tables.TABLES.values())


@pytest.mark.parametrize("name", list(unseen_tables.TABLES))
def test_each_table_loads_offline_with_its_hand_labelled_columns_and_stated_rows(name, no_network):
    # Run
    frame = unseen_tables.load(name)

    # Assert: every column labelled by hand is there, and a row count the description states is the table's
    _, description, _, left_out = unseen_tables.TABLES[name]
    assert len(frame) > 1 and len(frame.columns) > 1
    assert set(left_out) <= set(frame.columns)
    stated = re.search(r"\b([\d,]+) rows", description)
    assert stated is None or int(stated.group(1).replace(",", "")) == len(frame)
