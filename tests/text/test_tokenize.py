from soat.text.tokenize import tokenize


def kinds(text):
    return [(t.kind, t.text) for t in tokenize(text)]


def test_words_numbers_and_punctuation():
    assert kinds("Tôi có 12.000 đồng, 3,5%.") == [
        ("word", "Tôi"),
        ("word", "có"),
        ("number", "12.000"),
        ("word", "đồng"),
        ("punct", ","),
        ("percent", "3,5%"),
        ("punct", "."),
    ]


def test_urls_emails_hashtags_mentions_emoji():
    found = kinds("Xem https://vnexpress.net/a-b.html, gửi a.b@x.vn #VN @nam 😀👍🏽")
    assert ("url", "https://vnexpress.net/a-b.html") in found
    assert ("email", "a.b@x.vn") in found
    assert ("hashtag", "#VN") in found
    assert ("mention", "@nam") in found
    assert ("emoji", "😀👍🏽") in found


def test_dates_and_times():
    assert kinds("ngày 6/2/2017 lúc 19:45 và 7h30")[1] == ("date", "6/2/2017")
    assert ("time", "19:45") in kinds("lúc 19:45")
    assert ("time", "7h30") in kinds("lúc 7h30")


def test_sentence_starts():
    tokens = tokenize("Trời mưa. Tôi ở nhà\nHôm nay")
    starts = [t.text for t in tokens if t.sentence_start]
    assert starts == ["Trời", "Tôi", "Hôm"]


def test_vni_residue_stays_one_word():
    assert kinds("vie65t nam") == [("word", "vie65t"), ("word", "nam")]
