"""The web editor in a real Chromium (Playwright): type, see the underline, fix, stay safe."""

from __future__ import annotations

import base64
import os
import shutil
import struct
import time

import pytest

import soat

pytestmark = pytest.mark.browser

SENTENCE = "Món này rất thich hợp."
WAIT_MS = 30_000


def wait_for_check(page, since: str | None = None) -> None:
    """Wait until a check newer than ``since`` (a ``data-checked`` stamp) has been rendered."""
    page.wait_for_function(
        "since => document.body.dataset.checked && document.body.dataset.checked !== since",
        arg=since,
        timeout=WAIT_MS,
    )


def checked_stamp(page) -> str | None:
    return page.evaluate("document.body.dataset.checked || null")


def mark_with_text(page, word: str):
    return page.locator("#backdrop mark", has_text=word).first


def click_on(page, locator) -> None:
    """Click where the element is drawn: the textarea lies on top of the backdrop."""
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def backdrop_matches_text(page) -> bool:
    return page.evaluate(
        "document.getElementById('backdrop').textContent === "
        "document.getElementById('text').value + '\\n'"
    )


def test_typing_underlines_the_error_and_a_click_applies_the_fix(page):
    page.locator("#text").press_sequentially(SENTENCE)
    mark = mark_with_text(page, "thich")
    mark.wait_for(timeout=WAIT_MS)
    colour = mark.evaluate("m => getComputedStyle(m).borderBottomColor")
    assert colour not in ("", "rgba(0, 0, 0, 0)")
    click_on(page, mark)
    popup = page.locator("#popup")
    popup.wait_for(state="visible")
    assert popup.locator(".msg").inner_text()
    popup.get_by_role("button", name="thích", exact=True).click()
    assert page.input_value("#text") == "Món này rất thích hợp."
    page.wait_for_function(
        "!document.querySelector('#backdrop mark') || "
        "![...document.querySelectorAll('#backdrop mark')].some(m => m.textContent === 'thích')",
        timeout=WAIT_MS,
    )
    # The fix went through the browser's editing commands, so undo takes it back.
    page.locator("#text").press("Control+z")
    assert page.input_value("#text") == SENTENCE


def test_hovering_an_underline_shows_the_message(page):
    page.fill("#text", SENTENCE)
    mark = mark_with_text(page, "thich")
    mark.wait_for(timeout=WAIT_MS)
    box = mark.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    page.locator("#popup").wait_for(state="visible")
    assert page.locator("#popup .fix", has_text="thích").count() == 1


def test_apply_all_gives_what_soat_fix_gives_and_counts_add_up(page):
    text = "Món này rất thich hợp. Tôi thich ăn phở.\nDễ thuong quá!"
    page.fill("#text", text)
    wait_for_check(page)
    counts = page.locator("#counts .count").all_inner_texts()
    assert sum(int(c) for c in counts) == page.locator("#backdrop mark").count() > 0
    page.click("#apply-all")
    page.wait_for_function("t => document.getElementById('text').value !== t", arg=text)
    assert page.input_value("#text") == soat.fix(text)


def test_restore_diacritics_rewrites_the_text(page):
    page.fill("#text", "toi di hoc")
    page.click("#restore")
    page.wait_for_function("() => document.getElementById('text').value !== 'toi di hoc'")
    assert page.input_value("#text") == soat.restore_diacritics("toi di hoc")


def test_interface_and_messages_switch_to_english_and_back(page):
    page.fill("#text", SENTENCE)
    wait_for_check(page)
    stamp = checked_stamp(page)
    page.click("#lang-toggle")
    assert page.inner_text("#check-now") == "Check"
    assert page.evaluate("document.documentElement.lang") == "en"
    wait_for_check(page, stamp)
    english = [i.localized("en") for i in soat.check(SENTENCE) if i.text == "thich"]
    assert page.locator("#issue-list .msg").first.inner_text() in english
    page.reload()
    page.wait_for_selector("body[data-ready='true']")
    assert page.inner_text("#check-now") == "Check"  # the choice is remembered
    page.click("#lang-toggle")
    assert page.inner_text("#check-now") == "Kiểm tra"


def test_the_level_menu_asks_for_the_surest_slips_only_or_for_more(page):
    text = (
        "Buổi hợp báo diễn ra sáng nay. "
        "Tôi hy vọng chung tôi có thể nhìn thấy phong độ tốt nhất của anh ấy."
    )
    page.fill("#text", text)
    wait_for_check(page)
    marked = page.locator("#backdrop mark").all_inner_texts()
    assert "hợp" in marked and "chung" in marked
    for level in ("strict", "picky", "default"):
        stamp = checked_stamp(page)
        page.select_option("#level", level)
        wait_for_check(page, stamp)
        expected = sorted(i.text for i in soat.check(text, level=level))
        assert sorted(page.locator("#backdrop mark").all_inner_texts()) == expected
    assert "chung" not in [i.text for i in soat.check(text, level="strict")]
    page.click("#lang-toggle")
    assert page.locator("#level option").all_inner_texts() == ["Default", "Picky", "Strict"]


def test_keep_quotes_leaves_the_quotation_unmarked_until_unchecked(page):
    text = "Ông kể: “Tôi luôn giữ bình tỉnh khi thi đấu”. Anh ấy luôn giữ bình tỉnh."
    page.fill("#text", text)
    wait_for_check(page)
    assert page.locator("#keep-quotes").is_checked()  # the library's default
    assert page.locator("#backdrop mark").all_inner_texts() == ["tỉnh"]
    stamp = checked_stamp(page)
    page.uncheck("#keep-quotes")
    wait_for_check(page, stamp)
    assert page.locator("#backdrop mark").all_inner_texts() == ["tỉnh", "tỉnh"]
    assert [i.offset for i in soat.check(text)] == [text.rindex("tỉnh")]


def test_hiding_a_category_removes_its_underlines(page):
    page.fill("#text", SENTENCE)
    wait_for_check(page)
    before = page.locator("#backdrop mark").count()
    page.locator("#counts button").first.click()
    assert page.locator("#backdrop mark").count() < before


def test_backdrop_lines_up_with_the_textarea(page):
    long_line = "Một dòng rất dài được gõ liền một mạch, " * 12
    text = f"Món này rất thich hợp.\n\n\n{long_line}\n\tThụt đầu dòng thich.\n\n"
    page.fill("#text", text)
    wait_for_check(page)
    assert backdrop_matches_text(page)
    heights = page.evaluate(
        "[document.getElementById('backdrop').scrollHeight,"
        " document.getElementById('text').scrollHeight]"
    )
    assert heights[0] == heights[1]
    lines = page.locator("#backdrop .line").count()
    assert lines == text.count("\n") + 1


def test_underlines_follow_random_edits_until_the_next_check(page):
    text = "\n".join(["Món này rất thich hợp, ai cũng khen.", "Ngày mai trời nắng."] * 15)
    page.fill("#text", text)
    wait_for_check(page)
    flagged = set(page.locator("#backdrop mark").all_inner_texts())
    assert "thich" in flagged
    broken = page.evaluate(
        """() => {
            const area = document.getElementById('text');
            const backdrop = document.getElementById('backdrop');
            let seed = 7;
            const random = n => (seed = (seed * 16807) % 2147483647) % n;
            const pieces = ['a', ' ', '\\n', 'xin chào ', '', '\\n\\n'];
            const problems = [];
            for (let step = 0; step < 60; step++) {
                const start = random(area.value.length + 1);
                const end = Math.min(area.value.length, start + random(4));
                area.setRangeText(pieces[random(pieces.length)], start, end, 'end');
                area.dispatchEvent(new Event('input', {bubbles: true}));
                const lines = backdrop.querySelectorAll('.line').length;
                if (backdrop.textContent !== area.value + '\\n') problems.push('text ' + step);
                if (lines !== area.value.split('\\n').length) problems.push('lines ' + step);
            }
            return problems;
        }"""
    )
    assert broken == []
    assert set(page.locator("#backdrop mark").all_inner_texts()) <= flagged
    # The lines re-rendered one by one equal a full render (hiding and showing a category).
    structure = "[...document.querySelectorAll('#backdrop .line')].map(l => l.innerHTML)"
    incremental = page.evaluate(structure)
    category = page.locator("#counts button").first
    category.click()
    category.click()
    assert page.evaluate(structure) == incremental


HOSTILE = (
    '<img src=x onerror="window.__pwned=1"> thich <script>window.__pwned=2</script>\n'
    '<b onmouseover="window.__pwned=3">thich</b> <iframe srcdoc="<script>parent.__pwned=4'
    '</script>"></iframe> &lt;b&gt; thich'
)


def test_markup_in_the_text_is_shown_as_text_and_never_runs(browser, server_url):
    # With the page's Content-Security-Policy bypassed, any HTML that reached the DOM would run.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(server_url + "/")
        page.wait_for_selector("body[data-ready='true']")
        page.fill("#text", HOSTILE)
        wait_for_check(page)
        mark = mark_with_text(page, "thich")
        click_on(page, mark)
        page.locator("#popup").wait_for(state="visible")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        injected = page.evaluate(
            "document.querySelectorAll('#backdrop > :not(div.line), #backdrop .line > :not(mark),"
            " #backdrop mark > *, #issue-list :is(img, script, b), #popup :is(img, script, b),"
            " iframe').length"
        )
        assert injected == 0
        assert backdrop_matches_text(page)
        assert page.input_value("#text") == HOSTILE
    finally:
        context.close()


def _article(chars: int) -> str:
    paragraph = (
        "Chiều qua, tại buổi hợp báo ở Hà Nội, đại diện Bộ Y tế cho biết số ca mắc mới đã giảm "
        "rõ rệt so với tuần trước. Món này rất thich hợp với người cao tuổi, theo các chuyên gia "
        "dinh dưỡng. Người dân được khuyến cáo tiếp tục giữ gìn vệ sinh và theo dõi sức khoẻ.\n"
    )
    return (paragraph * (chars // len(paragraph) + 1))[:chars]


def test_a_20000_character_article_stays_responsive(page):
    article = _article(20_000)
    page.fill("#text", article)
    wait_for_check(page)
    marks_before = page.locator("#backdrop mark").count()
    assert marks_before > 0
    page.evaluate(
        """() => {
            window.__longTasks = [];
            new PerformanceObserver(list => {
                for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
            }).observe({type: 'longtask'});
        }"""
    )
    textarea = page.locator("#text")
    textarea.press("Control+Home")
    started = time.monotonic()
    textarea.press_sequentially("Xin chào. ", delay=20)
    typing = time.monotonic() - started
    page.wait_for_timeout(100)
    # While the new check is pending, the old underlines moved with the text.
    assert backdrop_matches_text(page)
    marked = page.locator("#backdrop mark").all_inner_texts()
    assert "thich" in marked
    long_tasks = page.evaluate("window.__longTasks")
    assert max(long_tasks, default=0) < 200, long_tasks
    assert typing < 5
    assert page.input_value("#text").startswith("Xin chào. Chiều qua")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot_of_the_editor_with_an_issue_open(page, tmp_path):
    text = "Món này rất thich hợp. Tôi thich ăn phở.\nDễ thuong quá, ai cũng khen."
    page.fill("#text", text)
    wait_for_check(page)
    click_on(page, mark_with_text(page, "thich"))
    page.locator("#popup").wait_for(state="visible")
    path = tmp_path / "editor.png"
    page.screenshot(path=str(path))
    data = path.read_bytes()
    assert _png_size(data) == (1280, 800)
    assert len(data) > 20_000
    # Decode it in the browser: a real page has many colours, and the spelling colour (the
    # underline, the popup's border) must be in it.
    stats = page.evaluate(
        """async src => {
            const image = new Image();
            image.src = src;
            await image.decode();
            const canvas = document.createElement('canvas');
            canvas.width = image.width;
            canvas.height = image.height;
            const g = canvas.getContext('2d');
            g.drawImage(image, 0, 0);
            const pixels = g.getImageData(0, 0, image.width, image.height).data;
            const colours = new Set();
            let red = 0;
            for (let i = 0; i < pixels.length; i += 4) {
                colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
                if (pixels[i] > 190 && pixels[i + 1] < 80 && pixels[i + 2] < 80) red++;
            }
            return {colours: colours.size, red};
        }""",
        "data:image/png;base64," + base64.b64encode(data).decode(),
    )
    assert stats["colours"] > 100
    assert stats["red"] > 50
    keep = os.environ.get("SOAT_SCREENSHOT_DIR")
    if keep:
        shutil.copy(path, os.path.join(keep, "editor.png"))
