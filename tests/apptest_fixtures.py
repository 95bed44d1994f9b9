"""Fixtures every AppTest module uses: real error text, and no cache carried between tests."""

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
def fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
