"""Every chart a page shows: its figure, the rows behind it, its summary and its source line.

Each function is a pure function of the loaded data and a few of the view's values, so its
result is shared by every session that asks for the same view (``memo.shared``): a rerun
for a view someone has already seen costs no pandas or Plotly work. Pages decide where a
chart goes; these functions decide what it says. Results are shared: treat them as read-only.

One module per page (``overview``, ``clusters``, ``research``, ``nhs``, ``inequalities``,
``area_profile``, ``data_sources``), ``compare`` for the comparison views (at a glance, the
deprivation gradient, similar areas), and ``base`` for the :class:`Chart` they all return.
Import the module you need (``from dashboard.charts import nhs as nhs_charts``); nothing is
re-exported here.
"""
