"""Questions asked of the catalogue: the tables behind charts, with benchmarks and sentences.

Pure functions over a :class:`Catalogue`; every table keeps ``source_id`` so a chart's
caption and download can name where each number came from. One module per concern:

- ``values``: reading values out of the catalogue (one indicator, one area, the latest period);
- ``levels``: the levels areas are shown at, and the Health inequalities page's topics;
- ``sources``: source lines and provenance in words;
- ``headlines``, ``clusters``, ``research``, ``nhs``, ``inequalities``, ``profile``: each theme's
  tables, titles and sentences.

Import the module you need (``from dashboard.analysis import sources``); nothing is re-exported here.
"""
