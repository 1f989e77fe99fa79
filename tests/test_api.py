import soat
from soat.issue import Issue, apply_fixes


def test_check_finds_a_non_word_with_the_right_fix_first():
    issues = soat.check("Món này rất thich hợp với trẻ em.", use_model=False)
    assert [(i.text, i.rule, i.replacements[0]) for i in issues] == [
        ("thich", "VI_NON_WORD", "thích")
    ]
    assert issues[0].offset == 12 and issues[0].length == 5


def test_offsets_point_into_the_callers_text_even_when_it_is_decomposed():
    import unicodedata

    text = unicodedata.normalize("NFD", "Người ấy rất thich hợp.")
    (issue,) = soat.check(text, use_model=False, enabled=["typos"], enabled_only=True)
    assert text[issue.offset : issue.end] == issue.text == "thich"


def test_fix_applies_only_the_first_replacements():
    text = "Nhiều nguời đến taị Hà Nội.\r\n  Rất thich.\u00a0"
    assert soat.fix(text, use_model=False) == "Nhiều người đến tại Hà Nội.\r\n  Rất thích.\u00a0"


def test_names_foreign_words_numbers_and_urls_are_not_flagged():
    text = "Ông Donald Trump dùng iPhone, xem YouTube lúc 19h30 ngày 6/2/2017 tại https://a.vn."
    assert [i for i in soat.check(text, use_model=False) if i.category == "typos"] == []


def test_check_is_safe_on_any_string():
    for text in ["", " ", "\x00", "😀" * 10, "\ud800", "a" * 10_000, "\u0301\u0301"]:
        assert isinstance(soat.check(text, use_model=False), list)


def test_a_stray_combining_mark_is_no_crash():
    # Found in the news corpus: "công tác,̀ sinh sống" (a grave accent after a comma).
    for text in ["\u0300", "a \u0300 b", "công tác,\u0300 sinh sống"]:
        for use_model in (False, True):
            issues = soat.check(text, use_model=use_model)
            assert all(text[i.offset : i.end] == i.text for i in issues)


def test_english_messages_are_available():
    (issue,) = soat.check("rất thich", use_model=False, lang="en")
    assert "not a Vietnamese syllable" in issue.localized("en")
    assert issue.to_dict("en")["message"].startswith("“thich” is not")


def test_apply_fixes_keeps_the_earlier_of_overlapping_issues():
    a = Issue(0, 3, "abc", "R", "typos", "error", "m", replacements=("x",))
    b = Issue(1, 3, "bcd", "R", "typos", "error", "m", replacements=("y",))
    assert apply_fixes("abcde", [b, a]) == "xde"
