"""The demo shows 未填报 as offices leave it: a few facts blank, never counted as passing."""

from paicha_geo.domain import guarantees
from paicha_geo.services import guarantees_service
from paicha_geo.services.data import EVERYTHING, Scope
from paicha_geo.store import queries as q


def test_a_few_facts_are_blank_and_the_cards_say_so(demo_store, snap):
    households = q.households(demo_store)
    summary = guarantees.summary(households, q.villages(demo_store), snap.campaign)
    for check in ("medical", "housing", "water", "income", "village_income"):
        share = summary.loc[check, "unknown"] / summary.loc[check, "population"]
        assert 0 < share < 0.03, check
    # Checked + unknown is the population: a blank is in neither failing nor passing.
    assert (summary["checked"] + summary["unknown"] == summary["population"]).all()
    # The 未脱贫 households below an exit criterion are shown beside it, not in it.
    assert summary.loc["income", "not_exited"] > 0 and summary.loc["housing", "not_exited"] > 0


def test_some_villages_are_unknown_on_the_map_never_cleared(snap):
    town = snap.regions.query("level == 'town'")["code"].str[:9]
    states = set()
    for prefix in town:
        view = guarantees_service.guarantee_view(snap, Scope(prefix), snap.campaign.default_asof)
        cols = view.map_metrics("water")
        states |= set(cols["guarantee_clear"])
        unknown = cols[cols["guarantee_clear"] == "unknown"]
        assert (unknown["guarantee_unknown"] > 0).all()
        assert (unknown["guarantee_failing"] == 0).all()
        if "unknown" in states:
            break
    assert "unknown" in states
    assert guarantees_service.guarantee_view(snap, EVERYTHING, snap.campaign.default_asof
                                             ).summary.loc["water", "state"] == "failing"
