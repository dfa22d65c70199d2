"""Backups while the app writes, restores, and a clear message when the database is busy."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

from paicha_geo import cli
from paicha_geo.services.data import EVERYTHING
from paicha_geo.services.issue_service import change_status, get_issue
from paicha_geo.store import Store, StoreError
from paicha_geo.store import queries as q
from paicha_geo.store.backup import backup, fingerprint, restore
from tests.ledger_helpers import copy_store
from tests.said import raises_saying


def test_backup_and_restore_round_trip(demo_db, tmp_path):
    store = copy_store(demo_db, tmp_path)
    code = q.issues(store, 1)["issue_code"].iloc[0]
    manifest = backup(store, tmp_path / "bk")
    original = fingerprint(store)
    assert manifest["counts"]["issue"] == 5000
    issue = get_issue(store, EVERYTHING, code)  # change something after the backup
    status = issue["status"]
    target = {"pending": "rectifying", "rectifying": "rectified", "rectified": "rectifying",
              "closed": "pending"}[status]
    change_status(store, EVERYTHING, code, target, actor="甲", measures="m", note="n",
                  expected_version=issue["version"])
    store.close()
    result = restore(tmp_path / "ledger.duckdb", tmp_path / "bk")
    assert result["previous"] and (tmp_path / result["previous"].split("/")[-1]).exists()
    with Store(tmp_path / "ledger.duckdb") as again:
        assert fingerprint(again) == original
        assert get_issue(again, EVERYTHING, code)["status"] == status
        # The history sequence continues after the restored ids.
        issue = get_issue(again, EVERYTHING, code)
        change_status(again, EVERYTHING, code, target, actor="乙", measures="m", note="n",
                      expected_version=issue["version"])


def test_backup_is_consistent_while_officials_write(demo_db, tmp_path, backend):
    store = copy_store(demo_db, tmp_path, backend=backend)
    codes = list(q.issues(store, 1)["issue_code"].iloc[:20])
    demo_history = len(q.issue_history(store, 1))  # 19,256 rows in the demo since issue 17.9
    stop = threading.Event()

    def write():
        i = 0
        while not stop.is_set():
            code = codes[i % len(codes)]
            issue = get_issue(store, EVERYTHING, code)
            nxt = {"pending": "rectifying", "rectifying": "rectified", "rectified": "closed",
                   "closed": "pending"}[issue["status"]]
            try:
                change_status(store, EVERYTHING, code, nxt, actor=f"w{i % 2}", measures="m",
                              note="n", expected_version=issue["version"])
            except StoreError:
                pass
            i += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        time.sleep(0.2)
        manifest = backup(store, tmp_path / "live")
    finally:
        stop.set()
        thread.join()
    store.close()
    restored = tmp_path / "restored.duckdb"
    restore(restored, tmp_path / "live")
    with Store(restored, read_only=True) as r:
        issues = q.issues(r, 1).set_index("issue_code")
        history = q.issue_history(r, 1)
        last = history.sort_values(["changed_at", "history_id"]).groupby("issue_code").tail(1)
        last = last.set_index("issue_code")["to_status"]
        # every issue's stored status matches its last history entry: one snapshot, not two
        assert (issues.loc[codes, "status"] == last[codes]).all()
        assert (issues.loc[codes, "version"] >= 1).all()
    assert manifest["counts"]["issue_history"] >= demo_history > 19_000


def test_a_damaged_backup_is_refused(demo_db, tmp_path):
    store = copy_store(demo_db, tmp_path)
    backup(store, tmp_path / "bk")
    store.close()
    path = tmp_path / "bk" / "issue.parquet"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with raises_saying(StoreError, "已损坏"):
        restore(tmp_path / "ledger.duckdb", tmp_path / "bk")
    with raises_saying(StoreError, "不是 paicha-geo 备份目录"):
        restore(tmp_path / "ledger.duckdb", tmp_path)


def test_backup_into_a_non_empty_folder_is_refused(demo_db, tmp_path):
    store = copy_store(demo_db, tmp_path)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with raises_saying(StoreError, "不为空"):
        backup(store, tmp_path / "full")


def test_cli_backup_and_restore(demo_db, tmp_path, capsys):
    db = tmp_path / "ledger.duckdb"
    copy_store(demo_db, tmp_path).close()
    with Store(db, read_only=True) as s:
        before = fingerprint(s)
    assert cli.main(["backup", str(tmp_path / "bk"), "--db", str(db)]) == 0
    assert "已备份到" in capsys.readouterr().out
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["issue"] == 5000
    assert cli.main(["restore", str(tmp_path / "bk"), "--db", str(tmp_path / "new.duckdb")]) == 0
    with Store(tmp_path / "new.duckdb", read_only=True) as s:
        assert fingerprint(s) == before


def test_cli_says_clearly_when_the_running_app_holds_the_database(demo_db, tmp_path, capsys):
    db = tmp_path / "ledger.duckdb"
    copy_store(demo_db, tmp_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from paicha_geo.store import Store; s = Store(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert cli.main(["backup", str(tmp_path / "bk"), "--db", str(db)]) == 3
        assert "正被另一个进程" in capsys.readouterr().err
        copy_store(demo_db, tmp_path, "other.duckdb").close()
        with Store(tmp_path / "other.duckdb") as s:
            backup(s, tmp_path / "bk2")
        assert cli.main(["restore", str(tmp_path / "bk2"), "--db", str(db)]) == 3
        assert "正被另一个进程" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()


def test_a_backup_leaves_out_sign_in_sessions(demo_db, tmp_path):
    """A restore must not bring a session back to life: sessions are not data."""
    from paicha_geo.services import session_service
    from paicha_geo.store.backup import backup

    with copy_store(demo_db, tmp_path) as store:
        session_service.open_trusted(store, "district", "test")
        manifest = backup(store, tmp_path / "bak")
    assert "web_session" not in manifest["counts"]
    assert manifest["counts"]["account"] == 7 and manifest["counts"]["audit_log"] >= 1


def test_a_backup_holds_the_evidence_files_byte_for_byte(demo_db, tmp_path, backend):
    """Photos and PDFs survive backup and restore byte for byte (on a server: BYTEA, and the
    restore goes into an empty server database)."""
    from paicha_geo.config import settings
    from paicha_geo.services import evidence_service, session_service
    from paicha_geo.store.server import ServerStore
    from paicha_geo.store.transfer import restore_to_server
    from tests import evidence_files

    store = copy_store(demo_db, tmp_path, backend=backend)
    token = session_service.open_trusted(store, "admin", "test")
    admin = session_service.check(store, settings().accounts, token).viewer
    code = q.issues(store, 1)["issue_code"].iloc[0]
    photo = evidence_files.jpeg(800, 600)
    added = evidence_service.add(store, admin, code, "after", "整改后.jpg", photo)
    evidence_service.add(store, admin, code, "acceptance", "验收.pdf", evidence_files.PDF)
    manifest = backup(store, tmp_path / "bk")
    original = fingerprint(store)
    del original["web_session"]  # sign-in sessions are left out of backups
    assert manifest["counts"]["evidence"] == 2
    store.close()
    if backend is None:
        restore(tmp_path / "ledger.duckdb", tmp_path / "bk")
        again = Store(tmp_path / "ledger.duckdb")
    else:
        url = backend.database()
        restore_to_server(url, tmp_path / "bk")
        again = ServerStore(url)
    with again:
        assert {k: v for k, v in fingerprint(again).items() if k != "web_session"} == original
        got = evidence_service.content(again, admin, added.evidence_id)
        assert (got.data, got.media_type) == (photo, "image/jpeg")
        [first, _] = evidence_service.list_for(again, admin, code)
        assert first.thumbnail is not None and first.caption.startswith("整改后 · 整改后.jpg")
        later = evidence_service.add(again, admin, code, "before", "b.jpg", photo)
        assert later.evidence_id == added.evidence_id + 2  # the numbering continues


def test_a_changed_photo_changes_the_fingerprint(demo_db, tmp_path):
    """The fingerprint reads a file's content (as its MD5), not only its name and size."""
    from tests import evidence_files

    store = copy_store(demo_db, tmp_path)
    cur = store.cursor()
    cur.execute("INSERT INTO evidence (issue_code, kind, file_name, media_type, type_key, size, "
                "sha256, content, added_at, account_id) VALUES ('X', 'after', 'a.jpg', "
                "'image/jpeg', 'jpeg', 3, '', ?, TIMESTAMP '2020-05-01', 'admin')",
                [evidence_files.jpeg(10, 10, (0, 0, 0))])
    before = fingerprint(store)["evidence"]
    cur.execute("UPDATE evidence SET content = ?", [evidence_files.jpeg(10, 10, (255, 0, 0))])
    assert fingerprint(store)["evidence"] != before
