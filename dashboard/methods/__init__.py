"""The comparison methods, one module each, pure and tested on values.

- ``trend``: recent trend, Fingertips' method (weighted least squares over the 5 latest points)
- ``national``: rank and quintile among English upper-tier areas or districts
- ``similar_areas``: ONS's statistical nearest neighbours and clusters
- ``deprivation``: an indicator against the IMD average score (an association, not a cause)

They call only the catalogue's frames and ``periods``/``stats``: nothing here draws or renders.
"""
