/* soát web editor.
 *
 * The text lives in a plain <textarea>, so typing, pasting, undo and Vietnamese input methods
 * behave as everywhere else. Behind it a "backdrop" repeats the same text with each issue wrapped
 * in a <mark>; the textarea is transparent, so the marks show through as underlines. Nothing the
 * user typed is ever parsed as HTML: the backdrop, the popup and the issue list are built with
 * createElement and textContent only.
 *
 * Flow: input -> shift the known issues past the edit (so underlines stay put while typing) ->
 * debounce -> POST v2/check (LanguageTool's API; its offsets count UTF-16 units, exactly like
 * JavaScript strings) -> render. Start reading at onInput() and runCheck().
 */
(function () {
  "use strict";

  var CATEGORIES = ["typos", "context", "names", "foreign", "style", "typography", "encoding",
    "informal"];

  var I18N = {
    vi: {
      tagline: "soát lỗi tiếng Việt, ngay trên máy",
      check: "Kiểm tra",
      checkTitle: "Kiểm tra ngay (Ctrl+Enter)",
      applyAll: "Sửa tất cả",
      applyAllTitle: "Áp dụng gợi ý đầu tiên của mọi lỗi đang hiện",
      restore: "Khôi phục dấu",
      restoreTitle: "Thêm dấu cho văn bản gõ không dấu (phần được chọn, hoặc cả bài)",
      level: "Mức soát",
      levelTitle: "Kỹ: báo thêm các lỗi ít chắc chắn hơn; chắc chắn: chỉ báo lỗi ngữ cảnh chắc nhất",
      levelDefault: "Thường",
      levelPicky: "Kỹ",
      levelStrict: "Chắc chắn",
      informal: "Văn nói",
      informalTitle: "Chấp nhận khẩu ngữ (bình luận, tin nhắn)",
      keepQuotes: "Giữ trích dẫn",
      keepQuotesTitle: "Không sửa từ theo ngữ cảnh trong ngoặc kép (lời trích dẫn giữ nguyên văn); vẫn báo âm tiết sai và lỗi chính tả quen thuộc",
      placeholder: "Dán hoặc gõ văn bản tiếng Việt vào đây…",
      textLabel: "Văn bản cần kiểm tra",
      summary: "Tổng quan",
      issues: "Các lỗi",
      langButton: "English",
      checking: "Đang kiểm tra…",
      restoring: "Đang khôi phục dấu…",
      noIssues: "Không thấy lỗi nào.",
      empty: "Chưa có văn bản.",
      found: function (n) { return n + " lỗi"; },
      chars: function (n) { return n.toLocaleString("vi-VN") + " ký tự"; },
      more: function (n) { return "… và " + n + " lỗi khác"; },
      ignore: "Bỏ qua",
      noFix: "Không có gợi ý sửa.",
      deleteIt: "(xoá)",
      failed: "Không kiểm tra được: ",
      offline: "không kết nối được máy chủ soát.",
      categories: {
        typos: "Chính tả", context: "Dùng từ theo ngữ cảnh", names: "Tên riêng",
        foreign: "Từ nước ngoài", style: "Văn phong", typography: "Dấu câu và khoảng trắng",
        encoding: "Mã hoá ký tự", informal: "Khẩu ngữ", other: "Khác"
      }
    },
    en: {
      tagline: "Vietnamese proofreading, on your own machine",
      check: "Check",
      checkTitle: "Check now (Ctrl+Enter)",
      applyAll: "Fix all",
      applyAllTitle: "Apply the first suggestion of every visible issue",
      restore: "Restore diacritics",
      restoreTitle: "Add tone marks to text typed without them (the selection, or everything)",
      level: "Level",
      levelTitle: "Picky: also report less certain issues; strict: only the surest context slips",
      levelDefault: "Default",
      levelPicky: "Picky",
      levelStrict: "Strict",
      informal: "Informal",
      informalTitle: "Accept spoken-style language (comments, chat)",
      keepQuotes: "Keep quotes",
      keepQuotesTitle: "No context changes inside quotation marks (a quotation keeps its wording); non-words and well-known misspellings are still reported",
      placeholder: "Paste or type Vietnamese text here…",
      textLabel: "Text to check",
      summary: "Summary",
      issues: "Issues",
      langButton: "Tiếng Việt",
      checking: "Checking…",
      restoring: "Restoring diacritics…",
      noIssues: "No issues found.",
      empty: "No text yet.",
      found: function (n) { return n + (n === 1 ? " issue" : " issues"); },
      chars: function (n) { return n.toLocaleString("en-US") + " characters"; },
      more: function (n) { return "… and " + n + " more"; },
      ignore: "Ignore",
      noFix: "No suggested fix.",
      deleteIt: "(delete)",
      failed: "Could not check: ",
      offline: "cannot reach the soát server.",
      categories: {
        typos: "Spelling", context: "Word in context", names: "Names",
        foreign: "Foreign words", style: "Style", typography: "Punctuation and spacing",
        encoding: "Character encoding", informal: "Informal language", other: "Other"
      }
    }
  };

  var LIST_LIMIT = 200;

  var textarea, backdrop, popup, statusLine, countsList, issueList;
  var lang = "vi";
  var issues = [];            // sorted by offset: {id, offset, length, text, message, ...}
  var text = "";              // the text the issues refer to (always the textarea's value)
  var paragraphs = [];        // the backdrop's lines: {start, end, node}; end is the "\n" index
  var hidden = {};            // category -> true when the user hid it
  var ignored = {};           // rule + "\u0000" + text -> true
  var nextId = 1;
  var checkTimer = 0;
  var sideTimer = 0;
  var inFlight = null;        // AbortController of the running check
  var composing = false;
  var popupIssue = null;
  var hoverTimer = 0;
  var hideTimer = 0;
  var lastStatus = { kind: "idle" };

  function t(key) { return I18N[lang][key]; }

  function categoryClass(category) {
    return "cat-" + (CATEGORIES.indexOf(category) >= 0 ? category : "other");
  }

  function categoryName(category) {
    var names = t("categories");
    return names[category] || names.other;
  }

  // Whitespace and empty strings made visible for the list and the fix buttons.
  function shown(value) {
    if (!value) { return t("deleteIt"); }
    if (value.trim()) { return value; }
    return value.replace(/ /g, "␣").replace(/\n/g, "↵").replace(/\t/g, "⇥")
      .replace(/[^␣↵⇥]/g, "·");
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  /* ---- issues kept in step with the text ---------------------------------------------- */

  function isVisible(issue) {
    return !hidden[issue.category] && !ignored[issue.rule + "\u0000" + issue.text];
  }

  function visibleIssues() {
    return issues.filter(isVisible);
  }

  function issueById(id) {
    for (var i = 0; i < issues.length; i++) {
      if (issues[i].id === id) { return issues[i]; }
    }
    return null;
  }

  // What an edit changed: old text[start, oldEnd) became new text[start, oldEnd + delta).
  function diff(oldText, newText) {
    var oldLen = oldText.length, newLen = newText.length;
    var limit = Math.min(oldLen, newLen);
    var start = 0;
    while (start < limit && oldText.charCodeAt(start) === newText.charCodeAt(start)) { start++; }
    var tail = 0;
    while (tail < limit - start &&
           oldText.charCodeAt(oldLen - 1 - tail) === newText.charCodeAt(newLen - 1 - tail)) {
      tail++;
    }
    return {
      start: start,
      oldEnd: oldLen - tail,
      delta: newLen - oldLen,
      changed: oldText.slice(start, oldLen - tail) + newText.slice(start, newLen - tail)
    };
  }

  // Move the issues behind an edit and forget the ones it touched; return the forgotten ones.
  function shiftIssues(edit) {
    var wordy = /[\p{L}\p{N}\p{M}]/u.test(edit.changed);
    var dropped = [];
    issues = issues.filter(function (issue) {
      var end = issue.offset + issue.length;
      var touched = (issue.offset < edit.oldEnd && end > edit.start) ||
        (wordy && (end === edit.start || issue.offset === edit.oldEnd));
      if (touched) { dropped.push(issue); }
      return !touched;
    });
    issues.forEach(function (issue) {
      if (issue.offset >= edit.oldEnd) { issue.offset += edit.delta; }
    });
    return dropped;
  }

  /* ---- the backdrop ------------------------------------------------------------------- */
  // One <div> per line, so an edit re-renders (and the browser re-lays out) only its lines.

  // Index of the first visible issue that may reach position ``at``.
  function firstIssueFrom(shownIssues, at) {
    var lo = 0, hi = shownIssues.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (shownIssues[mid].offset < at) { lo = mid + 1; } else { hi = mid; }
    }
    while (lo > 0 && shownIssues[lo - 1].offset + shownIssues[lo - 1].length > at) { lo--; }
    return lo;
  }

  function buildLine(start, end, shownIssues) {
    var stop = end < text.length ? end + 1 : end;   // the line's own "\n" belongs to it
    var line = el("div", "line");
    var cursor = start;
    for (var i = firstIssueFrom(shownIssues, start); i < shownIssues.length; i++) {
      var issue = shownIssues[i];
      if (issue.offset > end || (issue.offset === stop && stop > start)) { break; }
      var from = Math.max(issue.offset, start);
      var to = Math.min(issue.offset + issue.length, stop);
      if (from < cursor || to < from) { continue; }
      if (from > cursor) { line.appendChild(document.createTextNode(text.slice(cursor, from))); }
      var mark = el("mark", "issue " + categoryClass(issue.category) + " sev-" + issue.severity,
        text.slice(from, to));
      if (from === to) { mark.classList.add("point"); }
      if (issue === popupIssue) { mark.classList.add("active"); }
      mark.dataset.id = String(issue.id);
      line.appendChild(mark);
      cursor = to;
    }
    // The last line gets a "\n" too, so every line is as tall as in the textarea.
    line.appendChild(document.createTextNode(text.slice(cursor, stop) + (stop === end ? "\n" : "")));
    return line;
  }

  // Lines for text[start .. stop], where stop is the index of a "\n" or the text's length.
  function buildLines(start, stop, shownIssues) {
    var built = [];
    var position = start;
    for (;;) {
      var newline = text.indexOf("\n", position);
      var end = newline < 0 || newline > stop ? stop : newline;
      built.push({ start: position, end: end, node: buildLine(position, end, shownIssues) });
      if (end >= stop) { return built; }
      position = end + 1;
    }
  }

  function renderBackdrop() {
    paragraphs = buildLines(0, text.length, visibleIssues());
    var fragment = document.createDocumentFragment();
    paragraphs.forEach(function (line) { fragment.appendChild(line.node); });
    backdrop.replaceChildren(fragment);
    backdrop.scrollTop = textarea.scrollTop;
    backdrop.scrollLeft = textarea.scrollLeft;
  }

  // The line holding position ``at`` (old coordinates).
  function lineAt(at) {
    var lo = 0, hi = paragraphs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (paragraphs[mid].start <= at) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  // Re-render just the lines an edit (and the issues it dropped) touched.
  function updateBackdrop(edit, dropped) {
    if (!paragraphs.length) { renderBackdrop(); return; }
    var low = edit.start, high = edit.oldEnd;
    dropped.forEach(function (issue) {
      low = Math.min(low, issue.offset);
      high = Math.max(high, issue.offset + issue.length);
    });
    var first = lineAt(low), last = lineAt(high);
    var built = buildLines(paragraphs[first].start, paragraphs[last].end + edit.delta,
      visibleIssues());
    var after = paragraphs[last].node.nextSibling;
    for (var i = first; i <= last; i++) { backdrop.removeChild(paragraphs[i].node); }
    var fragment = document.createDocumentFragment();
    built.forEach(function (line) { fragment.appendChild(line.node); });
    backdrop.insertBefore(fragment, after);
    for (var j = last + 1; j < paragraphs.length; j++) {
      paragraphs[j].start += edit.delta;
      paragraphs[j].end += edit.delta;
    }
    paragraphs = paragraphs.slice(0, first).concat(built, paragraphs.slice(last + 1));
  }

  /* ---- the side panel ----------------------------------------------------------------- */

  function renderAll() {
    window.clearTimeout(sideTimer);
    renderBackdrop();
    renderSide();
  }

  // While the user types, the list waits until they pause: it is not needed keystroke by keystroke.
  function scheduleSide() {
    window.clearTimeout(sideTimer);
    sideTimer = window.setTimeout(renderSide, 400);
  }

  function renderSide() {
    var visible = visibleIssues();
    var counts = {};
    issues.forEach(function (issue) {
      if (!ignored[issue.rule + "\u0000" + issue.text]) {
        counts[issue.category] = (counts[issue.category] || 0) + 1;
      }
    });
    var countItems = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; });
    countsList.replaceChildren();
    if (!countItems.length) {
      countsList.appendChild(el("li", "empty", text.trim() ? t("noIssues") : t("empty")));
    }
    countItems.forEach(function (category) {
      var button = el("button", categoryClass(category));
      button.type = "button";
      button.dataset.category = category;
      button.setAttribute("aria-pressed", hidden[category] ? "false" : "true");
      button.appendChild(el("span", "swatch"));
      button.appendChild(el("span", "name", categoryName(category)));
      button.appendChild(el("span", "count", String(counts[category])));
      var item = el("li");
      item.appendChild(button);
      countsList.appendChild(item);
    });

    var fragment = document.createDocumentFragment();
    visible.slice(0, LIST_LIMIT).forEach(function (issue) {
      var button = el("button", categoryClass(issue.category));
      button.type = "button";
      button.dataset.id = String(issue.id);
      var change = el("span", "change");
      change.appendChild(el("span", "wrong", issue.text ? shown(issue.text) : "‸"));
      if (issue.replacements.length) {
        change.appendChild(document.createTextNode(" → " + shown(issue.replacements[0])));
      }
      button.appendChild(change);
      button.appendChild(el("span", "msg", issue.message));
      var item = el("li");
      item.appendChild(button);
      fragment.appendChild(item);
    });
    if (visible.length > LIST_LIMIT) {
      fragment.appendChild(el("li", "more", t("more")(visible.length - LIST_LIMIT)));
    }
    issueList.replaceChildren(fragment);
    document.getElementById("apply-all").disabled = !visible.some(function (issue) {
      return issue.replacements.length > 0;
    });
  }

  function setStatus(kind, detail) {
    lastStatus = { kind: kind, detail: detail };
    statusLine.classList.toggle("busy", kind === "checking" || kind === "restoring");
    statusLine.classList.toggle("error", kind === "error");
    var words;
    if (kind === "checking") { words = t("checking"); }
    else if (kind === "restoring") { words = t("restoring"); }
    else if (kind === "error") { words = t("failed") + detail; }
    else if (kind === "done") {
      var count = visibleIssues().length;
      words = (count ? t("found")(count) : t("noIssues")) + " · " + t("chars")(text.length) +
        " · " + detail + " ms";
    } else { words = ""; }
    statusLine.textContent = words;
  }

  /* ---- checking ----------------------------------------------------------------------- */

  function scheduleCheck(delay) {
    window.clearTimeout(checkTimer);
    if (delay === undefined) { delay = text.length > 5000 ? 900 : 500; }
    checkTimer = window.setTimeout(runCheck, delay);
  }

  function requestBody(fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
    body.append("motherTongue", lang);
    return body;
  }

  function errorMessage(response) {
    return response.json().then(function (body) {
      return (lang === "en" ? body.message_en : body.message) || response.statusText;
    }, function () { return response.status + " " + response.statusText; });
  }

  function runCheck() {
    window.clearTimeout(checkTimer);
    if (inFlight) { inFlight.abort(); }
    var sent = textarea.value;
    if (!sent.trim()) {
      issues = [];
      renderAll();
      setStatus("idle");
      return;
    }
    var controller = new AbortController();
    inFlight = controller;
    var started = performance.now();
    setStatus("checking");
    fetch("v2/check", {
      method: "POST",
      body: requestBody({
        text: sent,
        language: "vi-VN",
        level: document.getElementById("level").value,
        mode: document.getElementById("informal").checked ? "informal" : "edited",
        keepQuotes: document.getElementById("keep-quotes").checked ? "true" : "false"
      }),
      signal: controller.signal
    }).then(function (response) {
      if (!response.ok) {
        return errorMessage(response).then(function (message) { throw new Error(message); });
      }
      return response.json();
    }).then(function (result) {
      if (inFlight !== controller || textarea.value !== sent) { return; }
      inFlight = null;
      text = sent;
      issues = result.matches.map(toIssue);
      hidePopup();
      renderAll();
      setStatus("done", Math.round(performance.now() - started));
      document.body.dataset.checked = String(Date.now());
    }).catch(function (error) {
      if (controller.signal.aborted || inFlight !== controller) { return; }
      inFlight = null;
      setStatus("error", error instanceof TypeError ? t("offline") : error.message);
    });
  }

  function toIssue(match) {
    var extra = match.soat || {};
    return {
      id: nextId++,
      offset: match.offset,
      length: match.length,
      text: text.slice(match.offset, match.offset + match.length),
      message: match.message,
      shortMessage: match.shortMessage,
      replacements: match.replacements.map(function (r) { return r.value; }),
      category: extra.category || String(match.rule.category.id).toLowerCase(),
      severity: ["error", "warning", "style"].indexOf(extra.severity) >= 0 ? extra.severity : "error",
      rule: match.rule.id,
      description: match.rule.description
    };
  }

  /* ---- editing ------------------------------------------------------------------------ */

  function onInput() {
    var value = textarea.value;
    var edit = diff(text, value);
    var dropped = shiftIssues(edit);
    text = value;
    if (dropped.indexOf(popupIssue) >= 0) { hidePopup(); }
    updateBackdrop(edit, dropped);
    scheduleSide();
    if (inFlight) { inFlight.abort(); inFlight = null; }
    if (!composing) { scheduleCheck(); }
  }

  // Replace textarea[start:end] so that the browser's undo can take it back.
  function replaceRange(start, end, value) {
    var before = textarea.value;
    var expected = before.slice(0, start) + value + before.slice(end);
    var scroll = textarea.scrollTop;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(start, end);
    var done = false;
    try { done = document.execCommand("insertText", false, value); } catch (e) { done = false; }
    if (!done || textarea.value !== expected) {
      textarea.value = expected;
      textarea.setSelectionRange(start + value.length, start + value.length);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.scrollTop = scroll;
  }

  function applyFix(issue, value) {
    if (issues.indexOf(issue) < 0) { return; }   // already gone
    if (text.slice(issue.offset, issue.offset + issue.length) !== issue.text) { return; }
    hidePopup();
    replaceRange(issue.offset, issue.offset + issue.length, value);
  }

  function applyAll() {
    var chosen = [];
    var cursor = -1;
    visibleIssues().forEach(function (issue) {
      if (issue.replacements.length && issue.offset >= cursor) {
        chosen.push(issue);
        cursor = issue.offset + issue.length;
      }
    });
    if (!chosen.length) { return; }
    var first = chosen[0].offset;
    var last = chosen[chosen.length - 1];
    var end = last.offset + last.length;
    var pieces = [];
    var position = first;
    chosen.forEach(function (issue) {
      pieces.push(text.slice(position, issue.offset), issue.replacements[0]);
      position = issue.offset + issue.length;
    });
    hidePopup();
    replaceRange(first, end, pieces.join(""));
    scheduleCheck(50);
  }

  function restoreDiacritics() {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    if (start === end) { start = 0; end = textarea.value.length; }
    var original = textarea.value;
    var part = original.slice(start, end);
    if (!part.trim()) { return; }
    var button = document.getElementById("restore");
    button.disabled = true;
    setStatus("restoring");
    fetch("api/restore", { method: "POST", body: requestBody({ text: part }) })
      .then(function (response) {
        if (!response.ok) {
          return errorMessage(response).then(function (message) { throw new Error(message); });
        }
        return response.json();
      })
      .then(function (result) {
        if (textarea.value !== original) { return; }   // the user kept typing: do not clobber
        if (result.text !== part) { replaceRange(start, end, result.text); }
        scheduleCheck(50);
      })
      .catch(function (error) {
        setStatus("error", error instanceof TypeError ? t("offline") : error.message);
      })
      .then(function () { button.disabled = false; });
  }

  /* ---- the popup ---------------------------------------------------------------------- */

  function markFor(issue) {
    return backdrop.querySelector('mark[data-id="' + issue.id + '"]');
  }

  function showPopup(issue) {
    var mark = markFor(issue);
    if (!mark) { return; }
    window.clearTimeout(hideTimer);
    if (popupIssue !== issue) {
      var previous = popupIssue && markFor(popupIssue);
      if (previous) { previous.classList.remove("active"); }
      popupIssue = issue;
      fillPopup(issue);
    }
    mark.classList.add("active");
    popup.hidden = false;
    placePopup(mark);
  }

  function fillPopup(issue) {
    popup.className = "popup " + categoryClass(issue.category);
    popup.replaceChildren();
    popup.appendChild(el("div", "cat", issue.shortMessage || categoryName(issue.category)));
    popup.appendChild(el("div", "msg", issue.message));
    var fixes = el("div", "fixes");
    issue.replacements.slice(0, 8).forEach(function (value) {
      var button = el("button", value.trim() ? "fix" : "fix delete", shown(value));
      button.type = "button";
      button.addEventListener("click", function () { applyFix(issue, value); });
      fixes.appendChild(button);
    });
    if (!issue.replacements.length) { fixes.appendChild(el("span", "nofix", t("noFix"))); }
    popup.appendChild(fixes);
    var foot = el("div", "foot");
    foot.appendChild(el("span", "rule", issue.description || issue.rule));
    var ignore = el("button", "ignore", t("ignore"));
    ignore.type = "button";
    ignore.addEventListener("click", function () {
      ignored[issue.rule + "\u0000" + issue.text] = true;
      hidePopup();
      renderAll();
      setStatus(lastStatus.kind, lastStatus.detail);
    });
    foot.appendChild(ignore);
    popup.appendChild(foot);
  }

  function placePopup(mark) {
    var rect = mark.getClientRects()[0] || mark.getBoundingClientRect();
    var width = popup.offsetWidth, height = popup.offsetHeight;
    var left = Math.min(Math.max(8, rect.left), window.innerWidth - width - 8);
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight - 8) { top = Math.max(8, rect.top - height - 6); }
    popup.style.left = left + "px";
    popup.style.top = top + "px";
  }

  function hidePopup() {
    window.clearTimeout(hideTimer);
    if (popupIssue) {
      var mark = markFor(popupIssue);
      if (mark) { mark.classList.remove("active"); }
    }
    popupIssue = null;
    popup.hidden = true;
  }

  function issueAt(position) {
    var best = null;
    issues.forEach(function (issue) {
      if (isVisible(issue) && issue.offset <= position &&
          position <= issue.offset + issue.length && (!best || issue.length < best.length)) {
        best = issue;
      }
    });
    return best;
  }

  // The mark under the pointer: the textarea covers the backdrop, so look through it.
  function markAtPoint(x, y) {
    textarea.style.pointerEvents = "none";
    var target = document.elementFromPoint(x, y);
    textarea.style.pointerEvents = "";
    return target && target.tagName === "MARK" && backdrop.contains(target) ? target : null;
  }

  var hoverPoint = null;

  // Hit-testing forces a style update, so do it at most once a frame.
  function onMouseMove(event) {
    if (!hoverPoint) { window.requestAnimationFrame(function () { onHover(hoverPoint); }); }
    hoverPoint = { x: event.clientX, y: event.clientY };
  }

  function onHover(point) {
    hoverPoint = null;
    var mark = markAtPoint(point.x, point.y);
    window.clearTimeout(hoverTimer);
    if (mark) {
      var issue = issueById(Number(mark.dataset.id));
      window.clearTimeout(hideTimer);
      if (issue && issue !== popupIssue) {
        hoverTimer = window.setTimeout(function () { showPopup(issue); }, 250);
      }
    } else if (popupIssue) {
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(hidePopup, 450);
    }
  }

  function focusIssue(issue) {
    var mark = markFor(issue);
    if (mark) {
      textarea.scrollTop = Math.max(0, mark.offsetTop - textarea.clientHeight / 3);
      backdrop.scrollTop = textarea.scrollTop;
    }
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(issue.offset, issue.offset + issue.length);
    showPopup(issue);
  }

  /* ---- interface language ------------------------------------------------------------- */

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.dataset.i18n);
    });
    document.querySelectorAll("[data-i18n-title]").forEach(function (node) {
      node.title = t(node.dataset.i18nTitle);
    });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(function (node) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    });
    document.querySelectorAll("[data-i18n-aria]").forEach(function (node) {
      node.setAttribute("aria-label", t(node.dataset.i18nAria));
    });
    var toggle = document.getElementById("lang-toggle");
    toggle.textContent = t("langButton");
    toggle.lang = lang === "vi" ? "en" : "vi";
    document.title = lang === "vi" ? "soát — kiểm tra chính tả tiếng Việt"
      : "soát — Vietnamese proofreader";
    try { window.localStorage.setItem("soat.lang", lang); } catch (e) { /* private mode */ }
  }

  function toggleLanguage() {
    lang = lang === "vi" ? "en" : "vi";
    applyLanguage();
    hidePopup();
    renderSide();
    setStatus(lastStatus.kind, lastStatus.detail);
    if (textarea.value.trim()) { runCheck(); }
  }

  /* ---- wiring ------------------------------------------------------------------------- */

  function start() {
    textarea = document.getElementById("text");
    backdrop = document.getElementById("backdrop");
    popup = document.getElementById("popup");
    statusLine = document.getElementById("status");
    countsList = document.getElementById("counts");
    issueList = document.getElementById("issue-list");
    try {
      var saved = window.localStorage.getItem("soat.lang");
      if (saved === "en" || saved === "vi") { lang = saved; }
    } catch (e) { /* private mode */ }
    applyLanguage();
    text = textarea.value;

    textarea.addEventListener("input", onInput);
    textarea.addEventListener("compositionstart", function () { composing = true; });
    textarea.addEventListener("compositionend", function () { composing = false; scheduleCheck(); });
    textarea.addEventListener("scroll", function () {
      backdrop.scrollTop = textarea.scrollTop;
      backdrop.scrollLeft = textarea.scrollLeft;
      if (popupIssue) { hidePopup(); }
    });
    textarea.addEventListener("click", function () {
      if (textarea.selectionStart !== textarea.selectionEnd) { return; }
      var issue = issueAt(textarea.selectionStart);
      if (issue) { showPopup(issue); } else { hidePopup(); }
    });
    textarea.addEventListener("mousemove", onMouseMove);
    textarea.addEventListener("mouseleave", function () {
      window.clearTimeout(hoverTimer);
      if (popupIssue) { hideTimer = window.setTimeout(hidePopup, 450); }
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        runCheck();
      } else if (event.key === "Escape") {
        hidePopup();
      }
    });
    popup.addEventListener("mouseenter", function () { window.clearTimeout(hideTimer); });
    popup.addEventListener("mouseleave", function () {
      hideTimer = window.setTimeout(hidePopup, 450);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hidePopup(); }
    });
    document.addEventListener("mousedown", function (event) {
      if (!popup.hidden && !popup.contains(event.target) && event.target !== textarea) {
        hidePopup();
      }
    });
    window.addEventListener("resize", hidePopup);

    countsList.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-category]");
      if (!button) { return; }
      var category = button.dataset.category;
      hidden[category] = !hidden[category];
      hidePopup();
      renderAll();
      setStatus(lastStatus.kind, lastStatus.detail);
    });
    issueList.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-id]");
      var issue = button && issueById(Number(button.dataset.id));
      if (issue) { focusIssue(issue); }
    });
    document.getElementById("check-now").addEventListener("click", runCheck);
    document.getElementById("apply-all").addEventListener("click", applyAll);
    document.getElementById("restore").addEventListener("click", restoreDiacritics);
    document.getElementById("lang-toggle").addEventListener("click", toggleLanguage);
    document.getElementById("level").addEventListener("change", runCheck);
    document.getElementById("informal").addEventListener("change", runCheck);
    document.getElementById("keep-quotes").addEventListener("change", runCheck);

    renderAll();
    if (text.trim()) { scheduleCheck(0); }
    document.body.dataset.ready = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
