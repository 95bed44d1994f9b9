"""Find your area by postcode: the box on Overview and Area profile, and the notice above the
profile it opens. A Streamlit view, like ``views``, which it uses for its shared pieces."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config, postcodes, state, views
from dashboard.catalogue import Catalogue

_POSTCODE_FOUND = "_postcode_found"
_POSTCODE_BOX = "find-your-area-postcode"
_POSTCODE_TYPED = "_postcode_typed"


def _take_postcode() -> None:
    """On submit, before the page runs: take the postcode and empty the box, so it does not linger."""
    st.session_state[_POSTCODE_TYPED] = st.session_state.get(_POSTCODE_BOX, "")
    st.session_state[_POSTCODE_BOX] = ""


# Shared by every session, like the catalogue: 24 MB of sorted postcodes, loaded on first use.
@st.cache_resource(show_spinner="Loading the postcode lookup…")
def postcode_lookup() -> tuple[postcodes.PostcodeTable, pd.DataFrame]:
    folder = config.DATA_DIR / "postcodes"
    return postcodes.load_table(folder / "postcode_district.npy.xz"), postcodes.load_districts(folder / "districts.csv")


def postcode_box(catalogue: Catalogue) -> None:
    """A postcode box that opens the area profile of the postcode's district or upper-tier area.

    The postcode stays out of the address (a shared link must not carry someone's home
    postcode): the box is not bound to a URL parameter, it is cleared on submit, and only the
    area's code goes into the link.
    """
    with st.form("find-your-area", border=False):
        typed_column, button_column = st.columns([4, 1], vertical_alignment="bottom")
        typed_column.text_input(
            "Find your area by postcode", key=_POSTCODE_BOX, placeholder=f"e.g. {postcodes.EXAMPLE}",
            autocomplete="postal-code",
        )
        button_column.form_submit_button("Find", icon=":material/search:", width="stretch", on_click=_take_postcode)
    st.caption(
        "Postcodes from the ONS Postcode Directory, November 2025 (Open Government Licence v3.0). "
        "The postcode is not kept in the page's address."
    )
    typed = st.session_state.pop(_POSTCODE_TYPED, None)
    if typed is None:
        return
    table, districts = postcode_lookup()
    profile_codes = frozenset(state.page_params("area_profile", catalogue)[0].options_given({}))
    result = postcodes.lookup(typed, table, catalogue.areas, districts, profile_codes)
    message = views.md(postcodes.sentence(result))
    if result.status is postcodes.Status.MALFORMED:
        st.error(message, icon=":material/error:")
    elif result.status is postcodes.Status.UNKNOWN_OR_TERMINATED:
        st.warning(message, icon=":material/help:")
    elif result.status is postcodes.Status.FOUND_ELSEWHERE or result.place is None or not result.place.open_code:
        st.info(message, icon=":material/info:")
    else:
        st.session_state[_POSTCODE_FOUND] = {"area": result.place.open_code, "message": message}
        st.session_state[views.ACTIVE_PAGE] = None  # so the profile reads its area from the address
        st.switch_page("app_pages/area_profile.py", query_params={"area": result.place.open_code})


def postcode_found(area_code: str) -> None:
    """Above the profile a postcode opened: what the postcode resolved to (once chosen, until the area changes)."""
    found = st.session_state.get(_POSTCODE_FOUND)
    if not found:
        return
    if found["area"] != area_code:
        del st.session_state[_POSTCODE_FOUND]
        return
    st.success(found["message"], icon=":material/location_on:")
