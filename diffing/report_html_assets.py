"""The stylesheet and script inlined into every HTML report.

Rules: both are constants, so the report's Content-Security-Policy can allow
exactly them by hash and nothing else (no inline handlers, no ``style``
attributes, no URL of any kind). Fonts come from the system: a font stack that
finds a CJK face on Windows, macOS and Linux.
"""

from __future__ import annotations

__all__ = ["CSS", "JS"]

CSS = """
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-alt: #f6f8fa;
  --del-bg: #ffebe9; --del-fg: #82071e; --ins-bg: #dafbe1; --ins-fg: #116329;
  --cur: #0969da;
  --ui: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
        "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --text: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
          "WenQuanYi Micro Hei", system-ui, sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { font-family: var(--ui); color: var(--fg); background: #fff; }
body { margin: 0 auto; padding: 0 16px 48px; max-width: 1400px; line-height: 1.6; font-size: 15px; }
h1 { font-size: 20px; margin: 16px 0 8px; word-break: break-all; }
h2 { font-size: 16px; margin: 16px 0 8px; }
a { color: var(--cur); }
code { font-family: var(--mono); font-size: 12px; word-break: break-all; }
table { border-collapse: collapse; }
.docs th, .docs td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; vertical-align: top; }
.docs th { background: var(--bg-alt); font-weight: 600; white-space: nowrap; }
.docs td { word-break: break-all; }
.summary { display: flex; flex-wrap: wrap; gap: 6px 8px; align-items: center; margin: 10px 0; padding: 0;
  list-style: none; }
.summary li { border: 1px solid var(--line); border-radius: 12px; padding: 0 10px; font-size: 13px; }
.summary li.zero { color: var(--muted); border-style: dashed; }
.summary li.similarity { font-weight: 600; }
.same-banner { padding: 8px 12px; background: var(--ins-bg); border: 1px solid #aceebb; }
.options { font-size: 13px; color: var(--muted); margin: 6px 0; }
.options ul { display: inline; margin: 0; padding: 0; list-style: none; }
.options li { display: inline-block; margin-right: 10px; white-space: nowrap; }
.options li code { color: var(--fg); }
.toolbar { display: none; position: sticky; top: 0; z-index: 2; background: #fff; gap: 8px;
  align-items: center; padding: 6px 0; border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.js .toolbar { display: flex; }
.toolbar button { font: inherit; font-size: 13px; padding: 2px 10px; border: 1px solid var(--line);
  border-radius: 6px; background: var(--bg-alt); cursor: pointer; }
.toolbar button:hover { background: #eaeef2; }
.toolbar button:disabled { opacity: .45; cursor: default; }
.toolbar kbd { font-family: var(--mono); font-size: 11px; border: 1px solid var(--line); border-radius: 3px;
  padding: 0 3px; background: #fff; }
.toolbar label { font-size: 13px; cursor: pointer; user-select: none; }
#position { font-size: 13px; color: var(--muted); min-width: 6em; }
.toc { font-size: 13px; margin: 8px 0 12px; }
.toc summary { cursor: pointer; font-weight: 600; }
.toc ol { columns: 16em; column-gap: 24px; margin: 6px 0; padding-left: 20px; }
.toc li { break-inside: avoid; }
.toc .n { color: var(--muted); }
table.diff { width: 100%; table-layout: fixed; margin-top: 8px; }
table.diff col.op { width: 3.2em; }
table.diff th { position: sticky; top: 38px; background: var(--bg-alt); z-index: 1; text-align: left;
  font-weight: 600; padding: 4px 8px; border: 1px solid var(--line); font-size: 13px; word-break: break-all; }
table.diff td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
td.text { font-family: var(--text); white-space: pre-wrap; overflow-wrap: anywhere; }
td.empty { background: repeating-linear-gradient(135deg, #fff 0 6px, var(--bg-alt) 6px 12px); }
td.op { text-align: center; font-size: 12px; color: var(--muted); line-height: 1.3; padding: 4px 2px; }
td.op b { display: block; font-size: 14px; color: var(--fg); }
.place { display: inline-block; font-family: var(--ui); font-size: 11px; color: var(--muted);
  border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-right: 6px; line-height: 1.5;
  white-space: nowrap; }
.moved-text { color: var(--muted); }
.note { display: block; font-family: var(--ui); font-size: 12px; color: var(--muted); }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through;
  text-decoration-color: rgba(130, 7, 30, .55); }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline;
  text-decoration-color: rgba(17, 99, 41, .45); text-underline-offset: 2px; }
tbody.op-deleted td.text del, tbody.op-inserted td.text ins { background: none; }
tbody.op-deleted td.a { background: var(--del-bg); }
tbody.op-inserted td.b { background: var(--ins-bg); }
tbody.op-modified td.op { box-shadow: inset 3px 0 #d4a72c; }
tbody.op-inserted td.op { box-shadow: inset 3px 0 #1a7f37; }
tbody.op-deleted td.op { box-shadow: inset 3px 0 #cf222e; }
tbody.op-moved td.op, tbody.origin td.op { box-shadow: inset 3px 0 #8250df; }
tbody.op-copied td.op { box-shadow: inset 3px 0 #1b7c83; }
tbody.op-split td.op, tbody.op-merged td.op { box-shadow: inset 3px 0 #bc4c00; }
tbody.origin td { background: #fbf8ff; }
tbody.op-equal td.text, tbody.op-renumbered td.text { color: #3d444d; }
tbody.change { scroll-margin-top: 80px; }
tbody.change:focus { outline: none; }
tbody.current td { border-top: 2px solid var(--cur); border-bottom: 2px solid var(--cur); }
tbody.current td.op { background: #ddf4ff; }
:target td { background-color: #fff8c5; }
.changes-only tbody.row:not(.change) { display: none; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html { background: #fff; }
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.5; }
  .toolbar, .js .toolbar, button { display: none !important; }
  .toc { display: none; }
  table.diff th { position: static; }
  thead { display: table-header-group; }
  tbody, tr { break-inside: avoid; page-break-inside: avoid; }
  tbody.current td { border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
  tbody.current td.op { background: none; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
"""The report's stylesheet (screen and A4 print)."""

JS = """
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var changes = Array.prototype.slice.call(document.querySelectorAll("tbody.change"));
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var position = document.getElementById("position");
  var only = document.getElementById("changes-only");
  var current = -1;

  function update() {
    position.textContent = (current < 0 ? "–" : String(current + 1)) + " / " + changes.length;
    prev.disabled = current <= 0;
    next.disabled = current >= changes.length - 1;
  }

  function go(index) {
    if (!changes.length) { return; }
    index = Math.max(0, Math.min(changes.length - 1, index));
    if (current >= 0) { changes[current].classList.remove("current"); }
    current = index;
    var target = changes[current];
    target.classList.add("current");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
    update();
  }

  function indexOf(node) {
    var body = node && node.closest ? node.closest("tbody.change") : null;
    return body ? changes.indexOf(body) : -1;
  }

  function setOnly(on) {
    only.checked = on;
    document.body.classList.toggle("changes-only", on);
    if (current >= 0) { changes[current].scrollIntoView({ block: "center" }); }
  }

  prev.addEventListener("click", function () { go(current < 0 ? 0 : current - 1); });
  next.addEventListener("click", function () { go(current + 1); });
  only.addEventListener("change", function () { setOnly(only.checked); });
  document.addEventListener("click", function (event) {
    var k = indexOf(event.target);
    if (k >= 0 && k !== current) {
      if (current >= 0) { changes[current].classList.remove("current"); }
      current = k;
      changes[current].classList.add("current");
      update();
    }
  });
  window.addEventListener("hashchange", function () {
    var k = indexOf(document.getElementById(location.hash.slice(1)));
    if (k >= 0) { go(k); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" && event.target.type !== "checkbox") { return; }
    if (tag === "TEXTAREA" || tag === "SELECT") { return; }
    if (event.key === "n" || event.key === "j") { go(current + 1); }
    else if (event.key === "p" || event.key === "k") { go(current < 0 ? 0 : current - 1); }
    else if (event.key === "c") { setOnly(!only.checked); }
    else { return; }
    event.preventDefault();
  });
  update();
})();
"""
"""The report's script: next/previous change, the changes-only switch, keys n/p, j/k and c."""
