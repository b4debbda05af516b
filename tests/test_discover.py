"""What a tree is refused for beyond its records' content: links that leave records/ and
folders that cannot be walked (neither read nor skipped in silence), and a vocabulary the
schemas and pages rely on gone missing."""
from __future__ import annotations

import os

from generator import validate
from generator.validate import validate_tree

from support import TODAY, build_tree

ACTIVITY = "records/activities/2023/2023-05-10-tap-huan.yaml"


def _found(records):
    result = validate_tree(records, TODAY)
    root = records.parent.resolve()
    return result, {(os.path.relpath(os.path.abspath(d.file), root), d.line, d.code) for d in result.diagnostics}


def test_a_link_out_of_the_tree_is_refused_unread(tmp_path, monkeypatch):
    secret = tmp_path / "outside" / "token.yaml"
    secret.parent.mkdir()
    secret.write_text("id: ghp_SECRET_TOKEN\n", encoding="utf-8")
    records = build_tree(tmp_path / "repo")
    (records / "activities" / "2023" / "x.yaml").symlink_to(secret)
    (records / "activities" / "2023" / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    opened = []
    real_load = validate.load_file
    monkeypatch.setattr(validate, "load_file", lambda path, file: opened.append(path) or real_load(path, file))
    result, found = _found(records)
    assert found == {("records/activities/2023/x.yaml", 1, "FILE_LINK"),
                     ("records/activities/2023/dangling.yaml", 1, "FILE_LINK")}
    assert not [p for p in opened if "x.yaml" in p or "dangling" in p]
    assert "SECRET" not in "".join(d.text() for d in result.diagnostics)


def test_a_link_inside_the_tree_is_read_as_the_record_it_points_to(tmp_path):
    records = build_tree(tmp_path)
    (records / "activities" / "2023" / "ban-sao.yaml").symlink_to(records / ACTIVITY.removeprefix("records/"))
    _, found = _found(records)
    # Read twice, it would count twice in the totals: the duplicate rule names both.
    assert found == {("records/activities/2023/ban-sao.yaml", 2, "ID_MISMATCH"),
                     ("records/activities/2023/ban-sao.yaml", 7, "ACTIVITY_DUPLICATE"),
                     (ACTIVITY, 7, "ACTIVITY_DUPLICATE")}


def test_a_linked_folder_is_an_error_naming_it(tmp_path):
    elsewhere = tmp_path / "elsewhere" / "2024"
    elsewhere.mkdir(parents=True)
    (elsewhere / "x.yaml").write_text("id: x\n", encoding="utf-8")
    records = build_tree(tmp_path / "repo")
    (records / "activities" / "2024").symlink_to(elsewhere, target_is_directory=True)
    _, found = _found(records)
    assert found == {("records/activities/2024", 1, "FILE_LINK")}


def test_a_folder_that_cannot_be_read_is_an_error_naming_it(tmp_path, monkeypatch):
    records = build_tree(tmp_path)
    locked = str((records / "activities" / "2023").resolve())
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == locked:  # as chmod 000 would, for a user other than root
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    _, found = _found(records)
    assert found == {("records/activities/2023", 1, "FOLDER_UNREADABLE")}


def test_a_hidden_folder_is_walked(tmp_path):
    records = build_tree(tmp_path)
    hidden = records / "activities" / ".2023"
    hidden.mkdir()
    (records / "activities" / "2023" / "2023-05-10-tap-huan.yaml").rename(hidden / "2023-05-10-tap-huan.yaml")
    _, found = _found(records)
    assert ("records/activities/.2023/2023-05-10-tap-huan.yaml", 4, "ACTIVITY_FOLDER") in found


def test_a_required_vocabulary_missing_is_an_error(tmp_path):
    records = build_tree(tmp_path)
    (records / "vocabularies" / "support-categories.yaml").unlink()
    (records / "vocabularies" / "activity-statuses.yaml").unlink()
    (records / "vocabularies" / "ethnic-groups.yaml").unlink()  # nothing relies on it
    result, found = _found(records)
    missing = {("records/vocabularies/support-categories.yaml", 1, "VOCAB_MISSING"),
               ("records/vocabularies/activity-statuses.yaml", 1, "VOCAB_MISSING")}
    assert missing <= found
    # The programmes name support-categories as their list of support: a reference gone too.
    assert {(file.split("/")[1], code) for file, _, code in found - missing} == {("programmes", "REF_UNKNOWN")}
    assert all("git restore" in d.message for d in result.diagnostics if d.code == "VOCAB_MISSING")


def test_a_link_named_on_the_command_line_is_refused_where_it_stands(tmp_path, capsys):
    """`validate records/…/x.yaml` on the link itself: the link is reported, its target unread,
    and the folder it points into is not taken for the records tree."""
    from generator.cli import main

    records = build_tree(tmp_path / "tree")
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: ghp_SECRET_TOKEN\n", encoding="utf-8")
    link = records / "organizations" / "x.yaml"
    os.symlink(secret, link)
    assert main(["validate", str(link), "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert "FILE_LINK" in out and "Đã kiểm tra 1 tệp" in out
    assert "ghp_SECRET_TOKEN" not in out
