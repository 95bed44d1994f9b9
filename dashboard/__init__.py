"""Midlands Health & Life Sciences Dashboard.

Layers call only downward: ``catalogue`` / ``geography`` (data) → ``stats`` / ``state``
(domain) → ``figures`` (pure Plotly builders) → ``views`` (Streamlit rendering) → ``pages/``.
"""
