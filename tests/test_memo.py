"""Shared results: computed once per view, told apart by data identity, never changed by a caller."""

import pandas as pd
import pytest

from dashboard import config, memo
from dashboard.catalogue import load_catalogue


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(config.DATA_DIR)


def test_a_view_is_computed_once_and_served_again(catalogue):
    calls = []

    @memo.shared
    def table(data, code):
        calls.append(code)
        return pd.DataFrame({"code": [code], "n": [len(data.values)]})

    first, again = table(catalogue, "E06000016"), table(catalogue, "E06000016")
    assert calls == ["E06000016"]
    pd.testing.assert_frame_equal(first, again)
    table(catalogue, "E06000017")
    assert calls == ["E06000016", "E06000017"]


def test_a_caller_changing_its_copy_does_not_change_the_shared_result(catalogue):
    @memo.shared
    def table(data):
        return pd.DataFrame({"value": [1.0, 2.0]})

    mine = table(catalogue)
    mine["value"] = [99.0, 99.0]
    mine["extra"] = "x"
    theirs = table(catalogue)
    assert list(theirs["value"]) == [1.0, 2.0] and "extra" not in theirs.columns


def test_another_catalogue_is_another_entry(catalogue):
    other = load_catalogue(config.DATA_DIR)

    @memo.shared
    def identity(data):
        return id(data)

    assert identity(catalogue) == id(catalogue)
    assert identity(other) == id(other)


def test_an_unhashable_argument_is_refused_not_mis_keyed(catalogue):
    @memo.shared
    def anything(data, rows):
        return rows

    with pytest.raises(TypeError):
        anything(catalogue, ["a", "b"])


def test_the_cache_is_bounded(catalogue, monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)

    @memo.shared
    def square(data, n):
        return n * n

    for n in range(10):
        square(catalogue, n)
    assert square.cache_size() == 3


def test_a_shared_chart_keeps_what_was_derived_when_built(catalogue):
    from dashboard.charts import clusters as clusters_charts

    first = clusters_charts.cluster_growth(catalogue)
    again = clusters_charts.cluster_growth(catalogue)
    assert again.shown_markdown == first.shown_markdown and again.title == first.title
    assert again.table is not first.table, "each caller gets its own (shallow) copy of the rows"
    assert again.figure is first.figure, "the figure itself is shared, never rebuilt"
