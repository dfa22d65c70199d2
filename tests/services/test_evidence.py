"""Evidence (佐证材料) on an issue, as the signed-in accounts of the demo attach, read and
remove it: files judged by their bytes, not their names; size and count limits; scope and
power; removal that keeps the file; the 已整改 refusal when the settings require evidence."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from paicha_geo import labels
from paicha_geo.domain.evidence import EvidenceRules
from paicha_geo.domain.settings import Settings
from paicha_geo.services import evidence_service, issue_service, session_service
from paicha_geo.services.account_service import audit_log
from paicha_geo.services.evidence_service import EvidenceRefused
from tests import evidence_files as f
from tests.said import raises_saying
from tests.signin import viewer


def an_issue(store, prefix: str = "320412", status: str = "rectifying") -> dict:
    code = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code LIKE ? AND status = ? "
        "ORDER BY issue_code LIMIT 1", [f"{prefix}%", status]).fetchone()[0]
    return issue_service.get_issue(store, session_service.EVERYTHING, code)


def rows(store, code: str) -> list[tuple]:
    return store.cursor().execute(
        "SELECT file_name, kind, removed_by, remove_reason, size FROM evidence "
        "WHERE issue_code = ? ORDER BY evidence_id", [code]).fetchall()


def with_rules(**rules) -> Settings:
    return Settings(evidence=EvidenceRules(**rules))


def test_a_photo_is_attached_shown_small_and_downloaded_as_it_was(store):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    photo = f.jpeg(640, 480)
    added = evidence_service.add(store, district, code, "after", "整改后照片.jpg", photo)
    assert (added.kind, added.file_name, added.media_type) == ("after", "整改后照片.jpg",
                                                               "image/jpeg")
    [item] = evidence_service.list_for(store, district, code)
    assert item.evidence_id == added.evidence_id
    assert "整改后 · 整改后照片.jpg" in item.caption and "武进区扶贫办（district）" in item.caption
    assert isinstance(item.thumbnail, bytes)  # what st.image takes (not a bytearray)
    thumb = Image.open(io.BytesIO(item.thumbnail))
    assert (thumb.format, thumb.size) == ("JPEG", (240, 180))  # 640×480 scaled to 240 wide
    got = evidence_service.content(store, district, item.evidence_id)
    assert (got.file_name, got.media_type, got.data) == ("整改后照片.jpg", "image/jpeg", photo)
    stored = store.cursor().execute("SELECT sha256, size FROM evidence").fetchall()
    assert stored == [(hashlib.sha256(photo).hexdigest(), len(photo))]
    log = audit_log(store, "district")
    assert ("evidence_download", f"{code}#{item.evidence_id}") in set(
        zip(log["action"], log["target"], strict=True))


@pytest.mark.parametrize(("name", "make", "media_type", "thumbnail"), [
    ("验收意见.pdf", lambda: f.PDF, "application/pdf", False),
    ("验收意见.docx", f.docx,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
    ("台账.xlsx", f.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     False),
    ("截图.png", f.png, "image/png", True),
])
def test_documents_and_png_are_accepted_by_their_content(store, name, make, media_type,
                                                         thumbnail):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    added = evidence_service.add(store, district, code, "acceptance", name, make())
    assert added.media_type == media_type
    assert (added.thumbnail is not None) == thumbnail


@pytest.mark.parametrize(("name", "make", "says"), [
    ("现场照片.jpg", lambda: f.EXE, "文件“现场照片.jpg”实际是Windows 可执行程序"),
    ("整改报告.pdf", lambda: f.HTML, "文件“整改报告.pdf”实际是网页（HTML）"),
    ("验收.docx", f.docm, "含宏的 Office 文档"),
    ("照片.jpg", f.gif, "实际是GIF 图片，不是允许的佐证材料类型（JPEG 图片、PNG 图片"),
    ("照片.jpg", lambda: f.jpeg()[:300], "看起来是JPEG 图片，但已损坏"),
    ("说明.pdf", lambda: "整改说明".encode(), "实际是纯文本文件"),
    ("空.jpg", lambda: b"", "是空的"),
])
def test_a_file_is_judged_by_its_bytes_not_its_name(store, name, make, says):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    with raises_saying(EvidenceRefused, says):
        evidence_service.add(store, district, code, "after", name, make())
    assert rows(store, code) == []


def test_a_photo_named_like_a_web_page_is_kept_but_downloads_as_a_photo(store):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    added = evidence_service.add(store, district, code, "before", "C:\\fakepath\\x.html",
                                 f.jpeg())
    got = evidence_service.content(store, district, added.evidence_id)
    assert (added.file_name, got.file_name, got.media_type) == ("x.html", "x.jpg",
                                                                "image/jpeg")


def test_a_type_the_settings_leave_out_is_refused(store):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    with raises_saying(EvidenceRefused, "实际是PDF 文档，不是允许的佐证材料类型（JPEG 图片）"):
        evidence_service.add(store, district, code, "after", "a.pdf", f.PDF,
                             settings=with_rules(allowed_types=["jpeg"]))


def test_too_large_a_file_and_too_many_pixels_are_refused(store):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    photo = f.jpeg(1200, 900)
    assert len(photo) > 0.01 * 1024 * 1024  # a ~10 KB limit below
    with raises_saying(EvidenceRefused, "超过佐证材料上限 0.01 MB"):
        evidence_service.add(store, district, code, "after", "大.jpg", photo,
                             settings=with_rules(max_mb=0.01))
    # 9000×9000 one-bit pixels: a small file that would unpack to 81 million pixels
    bomb = f.png(9000, 9000, mode="1")
    assert len(bomb) < 1024 * 1024
    with raises_saying(EvidenceRefused, "9000×9000 像素，超过上限 64 百万像素"):
        evidence_service.add(store, district, code, "after", "小图.png", bomb)
    assert rows(store, code) == []


def test_the_number_of_files_per_issue_is_limited_and_removed_ones_do_not_count(store):
    district = viewer(store, "district")
    code = an_issue(store)["issue_code"]
    two = with_rules(max_files_per_issue=2)
    first = evidence_service.add(store, district, code, "before", "1.jpg", f.jpeg(),
                                 settings=two)
    evidence_service.add(store, district, code, "after", "2.pdf", f.PDF, settings=two)
    with raises_saying(EvidenceRefused, f"问题 {code} 已有 2 份佐证材料，达到上限 2 份"):
        evidence_service.add(store, district, code, "after", "3.pdf", f.PDF, settings=two)
    evidence_service.remove(store, district, first.evidence_id, "拍错了村")
    evidence_service.add(store, district, code, "after", "3.pdf", f.PDF, settings=two)
    assert [r[0] for r in rows(store, code)] == ["1.jpg", "2.pdf", "3.pdf"]


def test_rectified_needs_the_required_kinds_when_the_settings_say_so(store):
    district = viewer(store, "district")
    issue = an_issue(store)
    code = issue["issue_code"]
    required = with_rules(require_before_rectified=["after"])
    with raises_saying(issue_service.TransitionRefused, "报告整改完成前须上传佐证材料：整改后"):
        issue_service.change_status_as(store, district, code, "rectified", measures="已整改",
                                       expected_version=issue["version"], settings=required)
    evidence_service.add(store, district, code, "before", "整改前.jpg", f.jpeg())
    with raises_saying(issue_service.TransitionRefused, "须上传佐证材料：整改后$"):
        issue_service.change_status_as(store, district, code, "rectified", measures="已整改",
                                       expected_version=issue["version"], settings=required)
    assert an_issue(store, status="rectifying")["issue_code"] == code  # nothing changed
    assert ("status_change_refused", code, "evidence missing: after") in set(
        zip(*(audit_log(store, "district")[c] for c in ("action", "target", "reason")),
            strict=True))
    evidence_service.add(store, district, code, "after", "整改后.jpg", f.jpeg())
    done = issue_service.change_status_as(store, district, code, "rectified",
                                          measures="已整改", settings=required,
                                          expected_version=issue["version"])
    assert done["status"] == "rectified"


def test_by_default_no_evidence_is_required(store):
    district = viewer(store, "district")
    issue = an_issue(store)
    done = issue_service.change_status_as(store, district, issue["issue_code"], "rectified",
                                          measures="已整改", expected_version=issue["version"],
                                          settings=Settings())
    assert done["status"] == "rectified"


def test_outside_the_scope_the_issue_and_its_files_do_not_exist(store):
    district, admin = viewer(store, "district"), viewer(store, "admin")  # 武进区; the city
    foreign = an_issue(store, "320402")["issue_code"]  # 天宁区
    theirs = evidence_service.add(store, admin, foreign, "before", "天宁.jpg", f.jpeg())
    with pytest.raises(evidence_service.IssueNotFound):
        evidence_service.add(store, district, foreign, "after", "越权.jpg", f.jpeg())
    assert evidence_service.list_for(store, district, foreign) == []
    with raises_saying(EvidenceRefused, f"找不到佐证材料 #{theirs.evidence_id}"):
        evidence_service.content(store, district, theirs.evidence_id)
    with raises_saying(EvidenceRefused, f"找不到佐证材料 #{theirs.evidence_id}"):
        evidence_service.remove(store, district, theirs.evidence_id, "越权删除")
    assert rows(store, foreign) == [("天宁.jpg", "before", None, None, len(f.jpeg()))]
    assert ("out_of_scope", foreign, "issue") in set(
        zip(*(audit_log(store, "district")[c] for c in ("action", "target", "reason")),
            strict=True))


def test_a_reader_may_not_attach_and_an_inspector_only_on_assigned_villages(store):
    leader, fixed = viewer(store, "leader"), viewer(store, "inspector2")
    code = an_issue(store)["issue_code"]
    with raises_saying(EvidenceRefused, "您的角色（市领导）无权上传或移除佐证材料"):
        evidence_service.add(store, leader, code, "after", "a.jpg", f.jpeg())
    village = sorted(fixed.villages)[0]
    mine = store.cursor().execute("SELECT issue_code FROM issue WHERE region_code = ? LIMIT 1",
                                  [village]).fetchone()[0]
    other = store.cursor().execute(
        "SELECT issue_code FROM issue WHERE region_code NOT IN (SELECT village_code FROM "
        "account_village WHERE account_id = 'inspector2') LIMIT 1").fetchone()[0]
    with raises_saying(EvidenceRefused, f"问题 {other} 所在村不在您的督查名单中"):
        evidence_service.add(store, fixed, other, "before", "a.jpg", f.jpeg())
    added = evidence_service.add(store, fixed, mine, "before", "督查.jpg", f.jpeg())
    assert added.account_id == "inspector2"
    assert rows(store, other) == []


def test_removal_asks_why_marks_the_row_and_keeps_the_file(store):
    district, admin = viewer(store, "district"), viewer(store, "admin")
    code = an_issue(store)["issue_code"]
    photo = f.jpeg()
    added = evidence_service.add(store, admin, code, "after", "错传.jpg", photo)
    with raises_saying(EvidenceRefused, "移除佐证材料须填写原因"):
        evidence_service.remove(store, district, added.evidence_id, "  ")
    evidence_service.remove(store, district, added.evidence_id, "照片不是本村")
    assert evidence_service.list_for(store, district, code) == []
    assert rows(store, code) == [("错传.jpg", "after", "district", "照片不是本村", len(photo))]
    kept = store.cursor().execute("SELECT content FROM evidence WHERE evidence_id = ?",
                                  [added.evidence_id]).fetchone()[0]
    assert kept == photo
    with raises_saying(EvidenceRefused, "可能已被移除"):
        evidence_service.content(store, district, added.evidence_id)
    with raises_saying(EvidenceRefused, "可能已被移除"):
        evidence_service.remove(store, district, added.evidence_id, "再删一次")


def test_adding_and_removing_a_file_are_lines_in_the_issue_history(store):
    district = viewer(store, "district")
    issue = an_issue(store)
    code = issue["issue_code"]
    added = evidence_service.add(store, district, code, "before", "门前.jpg", f.jpeg())
    evidence_service.remove(store, district, added.evidence_id, "拍错了")
    lines = store.cursor().execute(
        "SELECT from_status, to_status, actor, note FROM issue_history WHERE issue_code = ? "
        "AND note LIKE '%佐证材料%' ORDER BY history_id", [code]).fetchall()
    assert lines == [
        ("rectifying", "rectifying", "district", "上传佐证材料：整改前 · 门前.jpg"),
        ("rectifying", "rectifying", "district", "移除佐证材料：整改前 · 门前.jpg（原因：拍错了）"),
    ]
    # a photo does not make an open card stale: the version is the one the card saw
    after = issue_service.get_issue(store, session_service.EVERYTHING, code)
    assert after["version"] == issue["version"]


def test_an_inspector_removes_only_own_files(store):
    fixed, district = viewer(store, "inspector2"), viewer(store, "district")
    village = sorted(fixed.villages)[0]
    code = store.cursor().execute("SELECT issue_code FROM issue WHERE region_code = ? LIMIT 1",
                                  [village]).fetchone()[0]
    officials = evidence_service.add(store, viewer(store, "admin"), code, "before", "a.jpg",
                                     f.jpeg())
    own = evidence_service.add(store, fixed, code, "before", "b.jpg", f.jpeg())
    assert not evidence_service.may_remove(fixed, officials)
    assert evidence_service.may_remove(fixed, own) and evidence_service.may_remove(district, own)
    with raises_saying(EvidenceRefused, "只能移除自己上传的材料"):
        evidence_service.remove(store, fixed, officials.evidence_id, "不需要")
    evidence_service.remove(store, fixed, own.evidence_id, "重复")


def test_the_settings_refuse_unknown_keys_types_and_kinds():
    with pytest.raises(ValueError, match="unknown evidence setting"):
        Settings.from_dict({"evidence": {"max_size": 5}})
    with pytest.raises(ValueError, match="unknown type"):
        Settings.from_dict({"evidence": {"allowed_types": ["jpeg", "exe"]}})
    with pytest.raises(ValueError, match="unknown kind"):
        Settings.from_dict({"evidence": {"require_before_rectified": ["photo"]}})
    rules = Settings.from_dict({"evidence": {"require_before_rectified": ["after"]}}).evidence
    assert rules.require_before_rectified == ("after",)
    hint = evidence_service.limits_hint(Settings(evidence=rules))
    assert hint.endswith("报告整改完成前须有：整改后。") and "10 MB" in hint
    assert labels.EVIDENCE_KINDS["acceptance"] == "验收材料"
