"""The data pipeline: official files in ``../shared/raw`` in, ``data/`` out (``python -m pipeline``).

The app never imports this package; it only reads what the pipeline writes.
"""
