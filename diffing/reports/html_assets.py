"""The stylesheet and script inlined into every HTML report.

Rules: both are constants, so the report's Content-Security-Policy can allow
exactly them by hash and nothing else (no inline handlers, no ``style``
attributes, no URL of any kind). Fonts come from the system: a font stack that
finds a CJK face on Windows, macOS and Linux.
"""

from __future__ import annotations

from diffing.reports.kit import FULL_WIDTH_PUNCTUATION

__all__ = ["CSS", "JS"]

CSS = FULL_WIDTH_PUNCTUATION + """
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
.legend { font-size: 13px; margin: 6px 0; }
.legend summary { cursor: pointer; color: var(--muted); }
.legend ul { margin: 4px 0; padding-left: 4px; list-style: none; }
.legend b { display: inline-block; min-width: 1.6em; text-align: center; }
.toolbar { display: none; position: sticky; top: 0; z-index: 2; background: #fff; gap: 6px 8px;
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
table.diff col.op { width: 3.4em; }
table.diff thead th { position: sticky; top: var(--bar, 0px); background: var(--bg-alt); z-index: 1;
  text-align: left; font-weight: 600; padding: 4px 8px; border: 1px solid var(--line); font-size: 13px;
  word-break: break-all; }
table.diff td, table.diff tbody th { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; }
table.diff tbody td { font-family: var(--text); white-space: pre-wrap; overflow-wrap: anywhere; }
table.diff tbody td:empty { background: repeating-linear-gradient(135deg, #fff 0 6px, var(--bg-alt) 6px 12px); }
table.diff tbody th { text-align: center; font-size: 14px; font-weight: 600; line-height: 1.3; padding: 4px 2px; }
tbody th small { display: block; font-size: 11px; font-weight: 400; color: var(--muted); }
tbody.e th, tbody.n th { color: var(--muted); font-weight: 400; }
td i { display: inline-block; font-family: var(--ui); font-style: normal; font-size: 11px; color: var(--muted);
  border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin-right: 6px; line-height: 1.5;
  white-space: nowrap; }
td .p { color: var(--muted); }
td .sm { display: none; }
td a, td span.n { display: block; font-family: var(--ui); font-size: 12px; color: var(--muted); }
.u { font-family: var(--mono); font-size: 11px; color: #cf222e; border: 1px dashed #cf222e; border-radius: 3px;
  padding: 0 2px; margin: 0 1px; white-space: nowrap; unicode-bidi: isolate; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through;
  text-decoration-color: rgba(130, 7, 30, .55); }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline;
  text-decoration-color: rgba(17, 99, 41, .45); text-underline-offset: 2px; }
tbody.d td:not(:empty) { background: var(--del-bg); }
tbody.i td:not(:empty) { background: var(--ins-bg); }
tbody.m th { box-shadow: inset 3px 0 #d4a72c; }
tbody.i th { box-shadow: inset 3px 0 #1a7f37; }
tbody.d th { box-shadow: inset 3px 0 #cf222e; }
tbody.v th, tbody.o th { box-shadow: inset 3px 0 #8250df; }
tbody.c th { box-shadow: inset 3px 0 #1b7c83; }
tbody.s th, tbody.g th { box-shadow: inset 3px 0 #bc4c00; }
tbody.o td { background: #fbf8ff; }
tbody.e td, tbody.n td { color: #3d444d; }
tbody { scroll-margin-top: calc(var(--bar, 0px) + var(--head, 0px) + 8px); }
table.diff tbody:focus { outline: none; }
tbody.current td, tbody.current th { border-top: 2px solid var(--cur); border-bottom: 2px solid var(--cur); }
tbody.current th { background: #ddf4ff; }
table.diff tbody:target td, table.diff tbody:target th { background-color: #fff8c5; }
.changes-only tbody.e, .changes-only tbody.n { display: none; }
@media (max-width: 600px) {
  body { padding: 0 6px 32px; font-size: 14px; }
  h1 { font-size: 17px; }
  table.diff col.op { width: 3em; }
  tbody th small { font-size: 10px; }
  table.diff td { padding: 2px 4px; }
  td i { white-space: normal; overflow-wrap: anywhere; }
  .docs code { font-size: 10px; }
  .toolbar button { padding: 2px 6px; }
}
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html { background: #fff; }
  body { max-width: none; padding: 0; font-size: 10pt; line-height: 1.5; }
  .toolbar, .js .toolbar, button { display: none !important; }
  .toc { display: none; }
  table.diff thead th { position: static; }
  thead { display: table-header-group; }
  tbody, tr { break-inside: avoid; page-break-inside: avoid; }
  tbody.current td, tbody.current th { border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
  tbody.current th { background: none; }
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
  var CHANGES = "table.diff tbody:not(.e):not(.n):not(.o)";
  var changes = Array.prototype.slice.call(document.querySelectorAll(CHANGES));
  changes.forEach(function (body) { body.tabIndex = -1; });
  var bar = document.getElementById("bar");
  var head = document.querySelector("table.diff thead");

  function measure() {
    root.style.setProperty("--bar", bar.offsetHeight + "px");
    root.style.setProperty("--head", (head ? head.offsetHeight : 0) + "px");
  }
  measure();
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(measure);
    observer.observe(bar);
    if (head) { observer.observe(head); }
  } else {
    window.addEventListener("resize", measure);
  }
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
    var body = node && node.closest ? node.closest(CHANGES) : null;
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
  function jump() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    var k = indexOf(target);
    if (k >= 0) { go(k); }
    else if (target) { target.scrollIntoView({ block: "start" }); }
  }
  window.addEventListener("hashchange", jump);
  if (location.hash) { jump(); }
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
