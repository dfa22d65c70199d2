"""Cell parsing, header aliases, region names and checklist items, as tables of cases."""

from __future__ import annotations

import datetime as dt

import pytest

from paicha_geo.io.imports import values as v
from paicha_geo.io.imports.common import CellError
from paicha_geo.io.imports.headers import classify, find_header
from paicha_geo.io.imports.items import ItemIndex, Named
from paicha_geo.io.imports.regions import RegionIndex
from paicha_geo.store import queries as q
from tests.said import raises_saying

D = dt.date(2020, 6, 30)


@pytest.mark.parametrize("raw, expected", [
    ("2020-06-30", D), ("2020/6/30", D), ("2020.6.30", D), ("2020年6月30日", D),
    ("2020年6月30日前", D), ("20200630", D), (20200630, D), (44012, D), (44012.0, D),
    ("44012", D), (dt.datetime(2020, 6, 30, 15, 0), D), (D, D), ("２０２０年６月３０日", D),
    ("2020-06-30 00:00:00", D), (" 2020/06/30 ", D), (None, None), ("  ", None),
])
def test_dates_as_people_type_them(raw, expected):
    assert v.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["2020年6月底", "2020年6月底前", "2020-06", "2020年6月"])
def test_month_deadlines_mean_the_last_day(raw):
    assert v.parse_date(raw, month_end=True) == D
    with pytest.raises(CellError):
        v.parse_date(raw)


@pytest.mark.parametrize("raw, reason", [
    ("下周", "无法识别的日期"), ("2020-02-30", "无法识别的日期"), ("6月30日", "缺少年份"),
    (1, "不在合理范围"), ("1999-12-31", "不在合理范围"), (True, "无法识别"),
])
def test_bad_dates(raw, reason):
    with raises_saying(CellError, reason):
        v.parse_date(raw)


@pytest.mark.parametrize("word, status", [
    ("待整改", "pending"), ("未整改", "pending"), ("未开始", "pending"),
    ("整改中", "rectifying"), ("正在整改", "rectifying"), ("持续推进", "rectifying"),
    ("长期坚持", "rectifying"), ("已整改", "rectified"), ("已完成", "rectified"),
    ("整改完成", "rectified"), ("已整改（待验收）", "rectified"), ("已整改(待验收)", "rectified"),
    ("已销号", "closed"), ("验收销号", "closed"), ("已验收", "closed"), (" 已销号。", "closed"),
])
def test_status_words(word, status):
    assert v.parse_status(word) == status


@pytest.mark.parametrize("word", ["未完成", "差不多", "OK"])
def test_unknown_status_words_are_reported_not_guessed(word):
    with raises_saying(CellError, "无法识别的整改状态"):
        v.parse_status(word)


@pytest.mark.parametrize("raw, expected", [
    ("12%", 0.12), ("8.5", 0.085), (0.07, 0.07), ("0.1", 0.1), ("100%", 1.0),
])
def test_shares(raw, expected):
    assert v.parse_share(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw, unit, expected", [
    ("1,234", None, 1234), ("1.5万", None, 15000), (17.5, "万元", 175000), ("￥800元", None, 800),
])
def test_numbers(raw, unit, expected):
    assert v.parse_number(raw, unit) == expected


@pytest.mark.parametrize("header, field", [
    ("市(区)", "district"), ("县（市、区）", "district"), ("区县", "district"),
    ("乡镇", "town"), ("镇(街道)", "town"), ("乡镇（街道）", "town"),
    ("村", "village"), ("村(社区)", "village"), ("村居", "village"),
    ("问题描述", "description"), ("存在问题", "description"), ("问题表现", "description"),
    ("整改措施", "measures"), ("整改时限", "deadline"), ("完成时限", "deadline"),
    ("整改状态", "status"), ("整改进展", "status"), ("完成情况", "status"),
    ("责任单位", "responsible_unit"), ("牵头单位", "responsible_unit"),
    ("问题来源", "source"), ("*问题描述", "description"), ("问题\n描述", "description"),
    ("发现日期：", "found_date"),
])
def test_header_aliases(header, field):
    assert classify(header, "issues")[0] == field


def test_header_is_found_under_titles():
    rows = [["某区问题清单", None, None], [None, None, None], ["填报单位：x", None, None],
            ["序号", "村", "问题描述"], [1, "a", "b"]]
    match = find_header(rows, "issues")
    assert match.row_index == 3 and match.columns == {"village": 1, "description": 2}


@pytest.fixture(scope="module")
def regions(demo_store):
    return RegionIndex(q.regions(demo_store))


def test_region_names_within_their_parent(regions, demo_store):
    table = q.regions(demo_store)
    village = table[(table["level"] == "village") & table["name"].str.endswith("村")].iloc[0]
    town = table.set_index("code").loc[village["parent_code"]]
    district = table.set_index("code").loc[town["parent_code"]]
    for name in (village["name"], village["name"] + "委会", village["name"][:-1] + "村民委员会"):
        assert regions.resolve(district["name"], town["name"], name)[0] == village["code"]
    short_town = town["name"].removesuffix("街道").removesuffix("镇")
    assert regions.resolve(district["name"][:-1], short_town, village["name"])[0] \
        == village["code"]


def test_ambiguous_and_unknown_names_list_the_candidates(regions):
    with raises_saying(CellError, r"有多个同名：.*（3204\d{8}）") as err:
        regions.resolve(None, None, "金桥社区")
    assert err.value.field == "village"
    with raises_saying(CellError, "找不到乡镇\\(街道\\)“无名镇”（在武进区内）"):
        regions.resolve("武进区", "无名镇", None)


def test_checklist_items(demo_store):
    items = ItemIndex(q.checklist(demo_store, 1))
    assert items.resolve("3.3.4") == Named(code="3.3.4")
    assert items.resolve("3.3.4 脱贫户住房安全") == Named(code="3.3.4")
    assert items.resolve("脱贫户住房安全") == Named(code="3.3.4")
    assert items.resolve(None) == Named()
    with raises_saying(CellError, "无法对应"):
        items.resolve("9.9.9")


@pytest.mark.parametrize(("written", "named"), [
    ("住房安全保障", Named(part="住房安全保障")),
    ("住房安全", Named(part="住房安全保障")),
    ("三保障-住房安全", Named(part="住房安全保障")),
    ("三保障（基本医疗）", Named(part="基本医疗保障")),
    ("三保障：饮水安全", Named(part="饮水安全保障")),
    ("两不愁三保障—饮水安全", Named(part="饮水安全保障")),
    ("饮水安全", Named(part="饮水安全保障")),
    ("政策落实", Named(part="政策落实")),
    ("帮扶精准", Named(part="帮扶精准")),
    ("三保障-3.3.2", Named(code="3.3.2")),  # a code after the group decides
    ("三保障", Named(group="三保障")),
    ("两不愁三保障", Named(group="三保障")),
    ("其他", Named(unknown=True)),
])
def test_categories_offices_write_name_a_part_or_a_group_never_an_item(demo_store, written,
                                                                         named):
    assert ItemIndex(q.checklist(demo_store, 1)).resolve(written) == named


@pytest.mark.parametrize(("description", "named", "item"), [
    ("房屋经鉴定为C级危房，尚未改造", Named(part="住房安全保障"), "3.3.4"),
    ("危改补助资金未按时拨付到户", Named(part="住房安全保障"), "3.3.3"),
    ("住院自付比例超过10%", Named(part="基本医疗保障"), "3.2.2"),
    ("家庭成员未全部参加医保", Named(group="三保障"), "3.2.1"),
    ("饮用水氟含量超标", Named(), "3.4.1"),
    ("扶贫政策宣传不到位，群众不知晓", Named(part="政策落实"), "1.2.1"),
])
def test_the_item_is_suggested_from_the_description_within_what_the_cell_names(
        demo_store, description, named, item):
    suggestion = ItemIndex(q.checklist(demo_store, 1)).suggest(description, named)
    assert suggestion.code == item
    assert suggestion.candidates[0].code == item and len(suggestion.candidates) == 3
    assert suggestion.score == suggestion.candidates[0].score >= 0.1


def test_a_description_like_no_item_gets_no_suggestion_but_its_nearest_items(demo_store):
    suggestion = ItemIndex(q.checklist(demo_store, 1)).suggest("今天天气很好", Named())
    assert suggestion.code is None and len(suggestion.candidates) == 3
    assert suggestion.candidates[0].score < 0.1


@pytest.mark.parametrize(("cell", "text"), [
    ("'=HYPERLINK(\"http://x\")", '=HYPERLINK("http://x")'),  # our export's apostrophe goes
    ("'-已整改", "-已整改"),
    ("'＝1", "＝1"),
    ("'引号开头", "'引号开头"),  # an apostrophe before ordinary text is the office's own
    ("''=1", "''=1"),
])
def test_text_our_exports_neutralised_reads_back_as_typed(cell, text):
    from paicha_geo.io.imports.values import parse_text

    assert parse_text(cell) == text


def test_fast_item_scores_are_the_vectorizers_cosine_similarities(demo_store):
    """The per-n-gram scoring (domain.item_suggest) gives what scikit-learn's own transform
    and cosine_similarity give, to the last digits."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from paicha_geo.domain.item_suggest import ItemSuggester

    checklist = q.checklist(demo_store, 1).sort_values("sort_order")
    wording = (checklist["short"] + " " + checklist["part_name"] + " "
               + checklist["text"]).tolist()
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    matrix = vectorizer.fit_transform(wording)
    fast = ItemSuggester(checklist)
    texts = ["房屋经鉴定为C级危房，尚未改造", "住院自付比例超过10%", "今天天气很好", "危房危房危房"]
    for text in texts:
        expected = cosine_similarity(vectorizer.transform([text]), matrix).ravel()
        assert np.allclose(fast._scores(text), expected, atol=1e-12)


def test_suggestions_scored_for_a_whole_sheet_equal_those_scored_one_by_one(demo_store):
    """prime (one sparse product for many descriptions, what the import uses) ranks the same
    candidates with the same scores as suggest alone, within a part, a group or all items."""
    from paicha_geo.domain.item_suggest import ItemSuggester

    checklist = q.checklist(demo_store, 1)
    part = checklist["part_name"].iloc[-1]
    group = checklist["group_name"].iloc[0]
    asked = [("房屋经鉴定为C级危房，尚未改造", None, None), ("住院自付比例 超过10%", part, None),
             ("今天天气很好", None, group), ("危房危房危房", part, None), ("", None, None),
             (None, part, None)]
    primed = ItemSuggester(checklist)
    primed.prime(asked)
    assert len(primed._cache) == 4  # the blank descriptions need no scoring
    alone = ItemSuggester(checklist)
    for description, in_part, in_group in asked:
        assert primed.suggest(description, in_part, in_group) == \
            alone.suggest(description, in_part, in_group)
    assert primed.suggest(*asked[0]).code is not None  # a real suggestion was compared
