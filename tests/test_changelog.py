from dashboard import changelog
from dashboard.config import DATA_DIR


def test_reads_the_newest_entries_with_their_changes(tmp_path):
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        "# Data changelog\n\nintro\n\n## 2027-01-05: rebuilt from raw\n\n"
        "- **life_expectancy_birth**: 10 added, 2 changed, 0 removed; new periods: 2023-25\n"
        "  - E08000025 2022-24 Female: 81.8 → 81.9\n\n"
        "## 2026-12-01: rebuilt from raw\n\n- **population**: 5 added, 0 changed, 0 removed\n",
        encoding="utf-8",
    )
    newest, older = changelog.read(path)
    assert (newest.date, newest.changes) == (
        "2027-01-05", (("life_expectancy_birth", "10 added, 2 changed, 0 removed; new periods: 2023-25"),)
    )
    assert older.changes == (("population", "5 added, 0 changed, 0 removed"),)
    assert changelog.read(path, latest=1) == [newest]


def test_a_missing_or_odd_file_gives_no_entries(tmp_path):
    assert changelog.read(tmp_path / "absent.md") == []
    (tmp_path / "odd.md").write_bytes(b"\xff\xfe<script>")
    assert changelog.read(tmp_path / "odd.md") == []


def test_the_shipped_changelog_has_an_entry_for_each_official_indicator():
    (entry, *_) = changelog.read(DATA_DIR / "CHANGELOG.md", latest=10)
    assert entry.changes
