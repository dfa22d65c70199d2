"""The uploaders' Chinese words go into CSS strings: nothing in them may end the string or the
<style> element."""

from paicha_geo.render.uploader import css_string, uploader_css


def test_quotes_backslashes_line_ends_and_angle_brackets_are_escaped():
    assert css_string('选择文件') == '"选择文件"'
    assert css_string('a"b\\c\n</style>') == '"a\\22 b\\5c c\\a \\3c /style\\3e "'


def test_the_limit_is_the_one_given_and_a_scope_prefixes_every_rule():
    rules = uploader_css(10, ".st-key-evidence-file")
    assert "单个文件不超过 10 MB" in rules and "20" not in rules
    assert rules.count(".st-key-evidence-file [data-testid") == 4
    assert "单个文件不超过 12.5 MB" in uploader_css(12.5)
