"""The plugin's options (mkdocs.yml, `plugins: - ketnghia: …`): checked the MkDocs way, a bad
value stopping the build with a message that says what to write, and read the same way by
`ketnghia generate/build/serve`, which generate before MkDocs runs."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator import i18n
from generator.cli import main
from generator.view.config import LedgerConfig, read_context
from generator.view.context import QUIET_DAYS, BadConfig, Context, Identity

from site_records import PROJECT, small_tree

REPOSITORY = "https://git.example/so-x/ket-nghia"


def _project(tmp_path: Path, plugins: str) -> Path:
    """A project whose mkdocs.yml gives the plugin `plugins` (the YAML below `plugins:`)."""
    if not (tmp_path / "records").exists():
        small_tree(tmp_path)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Sổ thử\nsite_description: Sổ của một tỉnh khác\nrepo_url: {REPOSITORY}\nplugins:\n{plugins}",
        encoding="utf-8")
    return tmp_path


def _errors(options: dict) -> dict[str, str]:
    config = LedgerConfig()
    config.load_dict(options)
    failed, _warnings = config.validate()
    return {key: str(error) for key, error in failed}


def test_good_values_and_the_defaults():
    config = LedgerConfig()
    config.load_dict({"quiet_days": 180, "quiet_until": datetime.date(2025, 6, 30), "language": "vi"})
    assert config.validate() == ([], [])
    assert (config.quiet_days, config.quiet_until, config.language) == (180, datetime.date(2025, 6, 30), "vi")
    config = LedgerConfig()
    config.load_dict({"quiet_until": "2025-06-30"})  # quoted in mkdocs.yml: text, read as the day
    assert config.validate() == ([], [])
    assert (config.quiet_days, config.quiet_until, config.language) == (QUIET_DAYS, datetime.date(2025, 6, 30), "vi")


@pytest.mark.parametrize("options, key, says", [
    ({"quiet_days": -3}, "quiet_days", "cần một số ngày lớn hơn 0, viết liền, ví dụ 365; ở đây ghi «-3»"),
    ({"quiet_days": 0}, "quiet_days", "ở đây ghi «0»"),
    ({"quiet_days": "một năm"}, "quiet_days", "ở đây ghi «một năm»"),
    ({"quiet_days": True}, "quiet_days", "ở đây ghi «True»"),
    ({"quiet_until": "hôm qua"}, "quiet_until", "cần một ngày dạng năm-tháng-ngày, ví dụ 2025-06-30; ở đây ghi «hôm qua»"),
    ({"quiet_until": "2025-02-30"}, "quiet_until", "ở đây ghi «2025-02-30»"),
    ({"quiet_until": 2025}, "quiet_until", "ở đây ghi «2025»"),
    ({"language": "xx"}, "language", "chưa có bản dịch lời văn của trang sang «xx»; ghi một trong các mã ngôn ngữ: "),
    ({"quiet_day": 180}, "quiet_day", "không có tuỳ chọn này; các tuỳ chọn là quiet_days, quiet_until, language"),
])
def test_a_bad_value_is_an_error_that_says_what_to_write(options, key, says):
    errors = _errors(options)
    assert list(errors) == [key] and says in errors[key]


def test_a_language_is_known_by_its_catalogue(tmp_path, monkeypatch):
    assert i18n.languages(tmp_path) == ["vi"]
    (tmp_path / "en" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "en" / "LC_MESSAGES" / "site.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    (tmp_path / "fr").mkdir()  # a folder without a catalogue is no language
    assert i18n.languages(tmp_path) == ["en", "vi"]
    monkeypatch.setattr("generator.i18n.LOCALE", tmp_path)
    assert _errors({"language": "en"}) == {}
    assert "các mã ngôn ngữ: en, vi" in _errors({"language": "fr"})["language"]


def test_the_command_line_reads_the_plugin_entry_in_any_form(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    wanted = Context(Identity("Sổ thử", "Sổ của một tỉnh khác", REPOSITORY), 180, datetime.date(2025, 6, 30))
    for plugins in ("  - ketnghia:\n      quiet_days: 180\n      quiet_until: 2025-06-30\n  - offline:\n      enabled: !ENV [X, false]\n",
                    "  ketnghia:\n    quiet_days: 180\n    quiet_until: '2025-06-30'\n"):
        assert read_context(_project(tmp_path, plugins)) == wanted
    assert read_context(_project(tmp_path, "  - ketnghia\n")) == Context(Identity("Sổ thử", "Sổ của một tỉnh khác", REPOSITORY))
    assert read_context(tmp_path / "khong-co") == Context()  # no mkdocs.yml: the defaults
    (tmp_path / "mkdocs.yml").write_text("site_name: [Sổ\n", encoding="utf-8")
    with pytest.raises(BadConfig, match=r"mkdocs.yml \(dòng 2, cột 1\): hãy sửa cho đúng cú pháp YAML"):
        read_context(tmp_path)
    # An option from the environment, as MkDocs reads it.
    monkeypatch.setenv("QUIET_DAYS", "90")
    root = _project(tmp_path, "  - ketnghia:\n      quiet_days: !ENV [QUIET_DAYS, 365]\n")
    assert read_context(root).quiet_days == 90
    config = load_config(str(root / "mkdocs.yml"))
    assert config.plugins["ketnghia"].config.quiet_days == 90


def test_the_command_line_and_the_plugin_read_the_same_options(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    root = _project(tmp_path, "  - ketnghia:\n      quiet_days: 90\n      quiet_until: 2024-12-31\n      language: vi\n")
    config = load_config(str(root / "mkdocs.yml"))  # as `mkdocs build` loads it: the plugin's options checked
    plugin = config.plugins["ketnghia"]
    plugin.on_config(config)
    assert plugin.context == read_context(root)
    assert plugin.context == Context(Identity("Sổ thử", "Sổ của một tỉnh khác", REPOSITORY), 90, datetime.date(2024, 12, 31))
    # The shipped project: its name and the options its mkdocs.yml gives the plugin.
    shipped = read_context(PROJECT)
    assert shipped.identity.name == "Sổ kết nghĩa Quảng Nam – Đà Nẵng"
    assert (shipped.quiet_days, shipped.quiet_until, shipped.language) == (365, None, "vi")


def test_ketnghia_generate_renders_with_the_projects_options(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    root = _project(tmp_path, "  - ketnghia:\n      quiet_days: 180\n")
    assert main(["generate", "--project", str(root), "--today", "2026-11-26"]) == 0
    generated = root / "docs" / "generated"
    assert "Cặp kết nghĩa không có hoạt động trong 180 ngày gần nhất" in (generated / "do-phu" / "index.md").read_text(encoding="utf-8")
    page = (generated / "cap-ket-nghia" / "tp-thu-nghiem-xa-la-dee" / "index.md").read_text(encoding="utf-8")
    assert f"{REPOSITORY}/blob/main/records/partnerships/tp-thu-nghiem-xa-la-dee.yaml" in page
    assert "Sổ thử" in (generated / "index.md").read_text(encoding="utf-8")


def test_a_bad_value_stops_mkdocs_build_and_ketnghia_generate_alike(tmp_path, capsys):
    root = _project(tmp_path, "  - ketnghia:\n      quiet_days: -3\n")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                           text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    says = "cần một số ngày lớn hơn 0, viết liền, ví dụ 365; ở đây ghi «-3»"
    assert built.returncode != 0 and f"Plugin 'ketnghia' option 'quiet_days': {says}" in built.stderr
    assert "Traceback" not in built.stderr and not (root / "site").exists()
    assert main(["generate", "--project", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"mkdocs.yml: plugin ketnghia, tuỳ chọn quiet_days: {says}" in err and "Chưa sinh trang" in err
    assert not (root / "docs" / "generated").exists()


def test_options_left_under_extra_are_sent_to_the_plugin_entry(tmp_path, capsys):
    root = _project(tmp_path, "  - ketnghia\nextra:\n  ketnghia:\n    quiet_days: 180\n")
    with pytest.raises(BadConfig, match="nay ghi ở mục plugins, dưới '- ketnghia:'"):
        read_context(root)
    assert main(["generate", "--project", str(root)]) == 2
    config = load_config(str(root / "mkdocs.yml"))
    with pytest.raises(Exception, match="nay ghi ở mục plugins, dưới '- ketnghia:'"):
        config.plugins["ketnghia"].on_config(config)
