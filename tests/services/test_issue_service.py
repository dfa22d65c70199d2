"""An issue outside the reader's scope does not exist for them: no read, no change, no
history (the ledger page's status tab goes through these)."""

from __future__ import annotations

import pytest

from paicha_geo.services import issue_service
from paicha_geo.services.data import EVERYTHING, Scope
from paicha_geo.store import queries as q
from paicha_geo.store.backup import fingerprint


def _an_open_issue(store) -> dict:
    code = q.open_issue_codes(store, "320412", limit=1)[0]
    return issue_service.get_issue(store, EVERYTHING, code)


def test_an_issue_is_read_and_changed_within_its_district(store):
    issue = _an_open_issue(store)
    mine = Scope(issue["region_code"][:6])
    assert issue_service.get_issue(store, mine, issue["issue_code"]) == issue
    assert issue["issue_code"] in issue_service.open_issue_codes(store, mine)
    action = issue_service.allowed_actions(issue["status"])[0]
    new = issue_service.change_status(store, mine, issue["issue_code"], action.to_status,
                                      actor="甲", measures="已制定措施",
                                      expected_version=issue["version"])
    assert new["version"] == issue["version"] + 1
    assert len(issue_service.history_table(store, mine, issue["issue_code"])) >= 1


def test_from_another_district_it_cannot_be_read_changed_or_listed(store):
    issue = _an_open_issue(store)
    other = Scope("320411")
    code = issue["issue_code"]
    before = fingerprint(store)
    assert issue_service.get_issue(store, other, code) is None
    assert code not in issue_service.open_issue_codes(store, other)
    assert issue_service.history_table(store, other, code).empty
    with pytest.raises(issue_service.IssueNotFound):
        issue_service.change_status(store, other, code, "rectifying", actor="乙",
                                    measures="越权", expected_version=issue["version"])
    assert fingerprint(store) == before
