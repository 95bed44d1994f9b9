"""Fixtures every AppTest module uses: real error text, and no cache carried into or out of a test
that changes what the caches would hold."""

import pytest
import streamlit as st


@pytest.fixture(autouse=True, scope="module")
def readable_errors():
    """Users get a redacted message (config.toml); a failing test should show the real one."""
    previous = st.get_option("client.showErrorDetails")
    st.set_option("client.showErrorDetails", "full")
    yield
    st.set_option("client.showErrorDetails", previous)


@pytest.fixture(autouse=True)
def fresh_caches(request):
    """Streamlit's caches hold the catalogue, boundaries and postcode table, read-only and loaded
    once per process, as every session of the real server shares them; so tests share them too
    (each load costs seconds, and the area profile's comparisons several more).

    A test can change what they would hold only by patching (the data folder, a renderer): such
    a test, one asking for ``monkeypatch``, starts and ends with empty caches, so it never sees
    data loaded before it and nothing it loaded reaches another test.
    """
    patches = "monkeypatch" in request.fixturenames
    if patches:
        st.cache_data.clear()
        st.cache_resource.clear()
    yield
    if patches:
        st.cache_data.clear()
        st.cache_resource.clear()
