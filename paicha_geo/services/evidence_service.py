"""Evidence (佐证材料) on an issue: attach, list, download, remove, by the signed-in account.

Who may: a role with the power to edit, or to visit (an inspector with an assigned list only
on issues of those villages); the issue must be in the viewer's scope (get_issue_as: outside
it the issue does not exist, and the attempt is audited). What: the types, size and count the
installation's `evidence` settings allow, checked by content (io.evidence_files). Reading a
file's bytes is audited; removing one marks it, with the reason, and keeps it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from paicha_geo import config, labels
from paicha_geo.domain import evidence as rules_of
from paicha_geo.domain.errors import Message, Term
from paicha_geo.domain.evidence import EvidenceRefused
from paicha_geo.domain.settings import Settings
from paicha_geo.io import evidence_files
from paicha_geo.services import clock, issue_service, session_service
from paicha_geo.services.issue_service import IssueNotFound, actor_names
from paicha_geo.services.session_service import Viewer
from paicha_geo.store import Store
from paicha_geo.store import evidence as se

KINDS = rules_of.KINDS  # 整改前, 整改后, 验收材料: the uploader's choices, in this order


@dataclass(frozen=True)
class EvidenceItem:
    """One attached file as the card shows it (no bytes but the thumbnail)."""

    evidence_id: int
    issue_code: str
    kind: str
    file_name: str
    download_name: str  # the name with the extension of what the file really is
    media_type: str
    size: int
    thumbnail: bytes | None
    added_at: dt.datetime
    account_id: str
    caption: str  # 类别 · 文件名 · 大小 · 上传人 · 时间 (plain text: escape before markdown)


@dataclass(frozen=True)
class EvidenceFile:
    """A file to hand over as a download: the name it is saved under, its real type, bytes."""

    file_name: str
    media_type: str
    data: bytes


def _now(store: Store) -> dt.datetime:
    """When evidence is added or removed: the data's clock (the demo's own today)."""
    return clock.now(store).replace(microsecond=0)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def may_attach(viewer: Viewer) -> bool:
    """Whether the role may attach or remove evidence at all (edit or visit)."""
    return viewer.may("edit") or viewer.may("visit")


def may_remove(viewer: Viewer, item: EvidenceItem) -> bool:
    """Whether to offer removing this file: an editor any, a visitor its own."""
    return viewer.may("edit") or (viewer.may("visit") and item.account_id == viewer.account_id)


def _issue_for_change(store: Store, viewer: Viewer, code: str, what: str) -> dict:
    """The issue, when this viewer may attach to it or remove from it; else refused (and the
    refusal audited)."""
    if not may_attach(viewer):
        session_service.record(store, viewer, "evidence_refused", code, f"{what}: no power")
        raise EvidenceRefused("EVIDENCE_NO_POWER", role=Term("ROLES", viewer.role))
    issue = issue_service.get_issue_as(store, viewer, code)
    if issue is None:
        raise IssueNotFound("REFUSE_NOT_FOUND", code=code)
    if not viewer.may("edit") and not viewer.may_act_on(issue["region_code"]):
        session_service.record(store, viewer, "evidence_refused", code, f"{what}: not assigned")
        raise EvidenceRefused("EVIDENCE_NOT_ASSIGNED", code=code)
    return issue


def add(store: Store, viewer: Viewer, issue_code: str, kind: str, file_name: str,
        data: bytes, settings: Settings | None = None) -> EvidenceItem:
    """Attach `data` (uploaded as `file_name`) to an issue as `kind`; EvidenceRefused names
    the file and the reason (wrong content, too large, too many files, no power)."""
    rules = (settings or config.settings()).evidence
    name = rules_of.display_name(file_name)
    if kind not in rules_of.KINDS:
        raise EvidenceRefused("EVIDENCE_UNKNOWN_KIND", kind=kind)
    _issue_for_change(store, viewer, issue_code, "add")
    checked = evidence_files.inspect(name, data, rules)
    with store.transaction() as cur:
        count = se.count_current(cur, issue_code)
        if count >= rules.max_files_per_issue:
            raise EvidenceRefused("EVIDENCE_TOO_MANY_FILES", code=issue_code, count=count,
                                  limit=rules.max_files_per_issue)
        evidence_id = se.insert(
            cur, issue_code=issue_code, kind=kind, file_name=name,
            media_type=checked.media_type, type_key=checked.type_key, content=data,
            sha256=hashlib.sha256(data).hexdigest(), thumbnail=checked.thumbnail,
            at=_now(store), account_id=viewer.account_id)
        se.note_in_history(cur, issue_code, at=_now(store), account_id=viewer.account_id,
                           note=labels.say(Message("HISTORY_EVIDENCE_ADDED",
                                                   kind=Term("EVIDENCE_KINDS", kind),
                                                   file=name)))
    return _item(se.get(store, evidence_id), actor_names(store))


def _item(row: dict, names: dict[str, str]) -> EvidenceItem:
    who = names.get(row["account_id"], row["account_id"])
    thumbnail = row["thumbnail"]  # a frame holds a BLOB as bytearray, NULL as None or NaN
    thumbnail = bytes(thumbnail) if isinstance(thumbnail, bytes | bytearray) else None
    added = row["added_at"]
    caption = labels.EVIDENCE_CAPTION.format(
        kind=labels.EVIDENCE_KINDS.get(row["kind"], row["kind"]), name=row["file_name"],
        size=_size(int(row["size"])), who=who, at=f"{added:%Y-%m-%d %H:%M}")
    return EvidenceItem(int(row["evidence_id"]), row["issue_code"], row["kind"],
                        row["file_name"],
                        rules_of.download_name(row["file_name"], row["type_key"]),
                        row["media_type"], int(row["size"]),
                        thumbnail, added, row["account_id"], caption)


def list_for(store: Store, viewer: Viewer, issue_code: str) -> list[EvidenceItem]:
    """An issue's current files, oldest first (none for an issue outside the scope)."""
    if issue_service.get_issue_as(store, viewer, issue_code) is None:
        return []
    frame = se.for_issue(store, issue_code)
    names = actor_names(store)
    return [_item(row, names) for row in frame.to_dict("records")]


def _current(store: Store, viewer: Viewer, evidence_id: int, content: bool = False) -> dict:
    row = se.get(store, evidence_id, content=content)
    if row is None or row["removed_at"] is not None or \
            issue_service.get_issue_as(store, viewer, row["issue_code"]) is None:
        raise EvidenceRefused("EVIDENCE_NOT_FOUND", evidence_id=evidence_id)
    return row


def content(store: Store, viewer: Viewer, evidence_id: int) -> EvidenceFile:
    """A current file's bytes, for a download (attachment, with the media type found in its
    content and a name whose extension matches it); written to the audit log."""
    row = _current(store, viewer, evidence_id, content=True)
    session_service.record(store, viewer, "evidence_download",
                           f"{row['issue_code']}#{evidence_id}", row["file_name"])
    return EvidenceFile(rules_of.download_name(row["file_name"], row["type_key"]),
                        row["media_type"], bytes(row["content"]))


def remove(store: Store, viewer: Viewer, evidence_id: int, reason: str) -> None:
    """Mark a file removed, with the reason (required); it stays in the database and in
    backups. A role that may only visit removes only the files it added itself."""
    row = _current(store, viewer, evidence_id)
    _issue_for_change(store, viewer, row["issue_code"], "remove")
    if not viewer.may("edit") and row["account_id"] != viewer.account_id:
        session_service.record(store, viewer, "evidence_refused", row["issue_code"],
                               "remove: not own file")
        raise EvidenceRefused("EVIDENCE_NOT_OWN", evidence_id=evidence_id)
    if not (reason or "").strip():
        raise EvidenceRefused("EVIDENCE_REMOVE_REASON")
    with store.transaction() as cur:
        if not se.mark_removed(cur, evidence_id, at=_now(store), account_id=viewer.account_id,
                               reason=reason.strip()):
            raise EvidenceRefused("EVIDENCE_NOT_FOUND", evidence_id=evidence_id)
        se.note_in_history(cur, row["issue_code"], at=_now(store),
                           account_id=viewer.account_id,
                           note=labels.say(Message("HISTORY_EVIDENCE_REMOVED",
                                                   kind=Term("EVIDENCE_KINDS", row["kind"]),
                                                   file=row["file_name"],
                                                   reason=reason.strip())))


def limits_hint(settings: Settings | None = None) -> str:
    """What the uploader accepts, in words (types, size, count, and what is required)."""
    rules = (settings or config.settings()).evidence
    hint = labels.EVIDENCE_LIMITS.format(
        types=labels.say(tuple(Term("EVIDENCE_TYPES", k) for k in rules.allowed_types)),
        mb=f"{rules.max_mb:g}", count=rules.max_files_per_issue)
    if rules.require_before_rectified:
        hint += labels.say(Message("EVIDENCE_REQUIRED_HINT", kinds=tuple(
            Term("EVIDENCE_KINDS", k) for k in rules.require_before_rectified)))
    return hint


def accepted_extensions(settings: Settings | None = None) -> list[str]:
    """Extensions for the file picker (a first filter only; the content decides)."""
    return (settings or config.settings()).evidence.extensions()
