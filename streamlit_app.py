"""Entry point: frames every page with the app's name and purpose, and builds the navigation.

Page files live in app_pages/, not pages/: with a folder named pages/ beside this file,
Streamlit falls back to its legacy multipage mode on a fresh server whose first request is a
deep link, running that page without this frame or navigation.
"""

import streamlit as st

from dashboard import views
from dashboard.config import APP_NAME, APP_PURPOSE
from dashboard.errors import DataFileError

st.set_page_config(page_title=APP_NAME, page_icon="🩺", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("app_pages/clusters.py", title="Clusters", icon=":material/factory:", url_path="clusters"),
    st.Page("app_pages/research.py", title="Research scale", icon=":material/science:", url_path="research"),
    st.Page("app_pages/nhs.py", title="NHS coverage", icon=":material/local_hospital:", url_path="nhs"),
    st.Page("app_pages/inequalities.py", title="Health inequalities", icon=":material/diversity_3:", url_path="inequalities"),
    st.Page("app_pages/area_profile.py", title="Area profile", icon=":material/location_on:", url_path="area-profile"),
    st.Page("app_pages/at_a_glance.py", title="Every indicator at a glance", icon=":material/grid_view:",
            url_path="at-a-glance"),
    st.Page("app_pages/data_sources.py", title="Data & sources", icon=":material/table_view:", url_path="data-sources"),
    st.Page("app_pages/accessibility.py", title="Accessibility statement", icon=":material/accessibility_new:", url_path="accessibility"),
]

page = st.navigation(PAGES)
st.title(APP_NAME)
st.caption(APP_PURPOSE)

try:
    views.catalogue()
    views.boundaries()
except DataFileError as error:
    views.show_data_error(error)
    st.stop()

views.start_page()
page.run()
views.page_footer(page.title, views.catalogue())
