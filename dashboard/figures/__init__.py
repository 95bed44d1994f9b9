"""Pure figure builders: tables in, ``go.Figure`` out; no Streamlit, no I/O."""
