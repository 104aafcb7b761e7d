"""The inline stylesheet and script of the HTML report (no network: everything is embedded)."""

CSS = """
:root { --bg:#f6f7f9; --panel:#ffffff; --ink:#1f2937; --muted:#64748b; --line:#e2e8f0;
  --code:#f8fafc; --mark:#fff7d6; --accent:#2563eb;
  --critical:#b91c1c; --high:#dc2626; --medium:#b45309; --low:#0e7490; }
@media (prefers-color-scheme: dark) {
  :root { --bg:#0f1115; --panel:#171a21; --ink:#e5e7eb; --muted:#94a3b8; --line:#2a2f3a;
    --code:#11141a; --mark:#3a3320; --accent:#60a5fa;
    --critical:#f87171; --high:#f87171; --medium:#fbbf24; --low:#22d3ee; } }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width:1080px; margin:0 auto; padding:28px 24px 64px; }
h1 { font-size:22px; margin:0 0 4px; } h2 { font-size:16px; margin:32px 0 12px; }
.sub { color:var(--muted); margin:0 0 20px; }
code, pre, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size:12.5px; }
.cards { display:flex; gap:12px; flex-wrap:wrap; }
.card { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:12px 16px; min-width:120px; }
.card b { display:block; font-size:22px; } .card span { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
table { border-collapse:collapse; background:var(--panel); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:6px 12px; border-bottom:1px solid var(--line); }
th { color:var(--muted); font-weight:600; font-size:12px; }
.filters { display:flex; gap:8px; flex-wrap:wrap; align-items:center; margin:8px 0 16px; }
.filters input[type=search] { flex:1; min-width:220px; padding:7px 10px; border-radius:6px;
  border:1px solid var(--line); background:var(--panel); color:var(--ink); }
.chip { border:1px solid var(--line); background:var(--panel); color:var(--ink); border-radius:999px;
  padding:4px 12px; cursor:pointer; font-size:12px; }
.chip[aria-pressed=false] { opacity:.45; }
.finding { background:var(--panel); border:1px solid var(--line); border-radius:8px; margin-bottom:10px; }
.finding-head { all:unset; display:flex; gap:10px; align-items:baseline; width:100%; padding:11px 14px;
  cursor:pointer; box-sizing:border-box; }
.finding-head:focus-visible { outline:2px solid var(--accent); border-radius:8px; }
.finding-head .title { font-weight:600; flex:1; }
.finding code, .finding-head code { background:var(--code); border:1px solid var(--line); border-radius:4px; padding:0 4px; font-size:12px; }
.finding-head .loc { color:var(--muted); }
.sev { font-size:11px; font-weight:700; text-transform:uppercase; padding:1px 8px; border-radius:4px;
  border:1px solid currentColor; }
.sev.critical { color:var(--critical); } .sev.high { color:var(--high); }
.sev.medium { color:var(--medium); } .sev.low { color:var(--low); }
.status { font-size:11px; color:var(--muted); border:1px dashed var(--line); padding:0 6px; border-radius:4px; }
.finding-body { padding:0 16px 16px; border-top:1px solid var(--line); }
.finding-body p { margin:10px 0; }
.label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; margin:14px 0 4px; }
.frame { background:var(--code); border:1px solid var(--line); border-radius:6px; overflow:auto; margin:4px 0; }
.frame .where { color:var(--muted); padding:4px 10px; border-bottom:1px solid var(--line); font-size:12px; }
.frame pre { margin:0; padding:6px 0; }
.frame pre.evidence { padding:8px 12px; }
.frame .ln { display:block; padding:0 10px; white-space:pre; }
.frame .ln.marked { background:var(--mark); box-shadow: inset 3px 0 0 var(--high); }
.frame .no { color:var(--muted); display:inline-block; width:3.2em; text-align:right; margin-right:12px; user-select:none; }
ol.trace { margin:4px 0; padding-left:28px; } ol.trace li { margin:2px 0; }
.ctx { font-weight:600; } .ctx0 { color:#a21caf; } .ctx1 { color:#2563eb; } .ctx2 { color:#059669; } .ctx3 { color:#b45309; }
@media (prefers-color-scheme: dark) { .ctx0 { color:#e879f9; } .ctx1 { color:#60a5fa; } .ctx2 { color:#34d399; } .ctx3 { color:#fbbf24; } }
figure.diagram { margin:8px 0; background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px; overflow:auto; }
figure.diagram svg { max-width:100%; height:auto; display:block; margin:0 auto; }
figure.diagram figcaption { color:#64748b; font-size:12px; padding:4px; }
.fix { border-left:3px solid #16a34a; padding:6px 10px; background:var(--code); border-radius:0 6px 6px 0; }
.empty { color:var(--muted); padding:12px; }
"""

JS = """
(function () {
  const items = Array.from(document.querySelectorAll('.finding'));
  const search = document.getElementById('q');
  const chips = Array.from(document.querySelectorAll('.chip[data-sev]'));
  const none = document.getElementById('none');
  function apply() {
    const q = (search.value || '').toLowerCase();
    const on = new Set(chips.filter(c => c.getAttribute('aria-pressed') === 'true').map(c => c.dataset.sev));
    let shown = 0;
    for (const el of items) {
      const ok = on.has(el.dataset.severity) && (!q || el.dataset.text.includes(q));
      el.hidden = !ok; if (ok) shown++;
    }
    none.hidden = shown !== 0;
  }
  chips.forEach(c => c.addEventListener('click', () => {
    c.setAttribute('aria-pressed', c.getAttribute('aria-pressed') === 'true' ? 'false' : 'true'); apply(); }));
  search.addEventListener('input', apply);
  for (const el of items) {
    const head = el.querySelector('.finding-head'), body = el.querySelector('.finding-body');
    head.addEventListener('click', () => {
      const open = head.getAttribute('aria-expanded') === 'true';
      head.setAttribute('aria-expanded', open ? 'false' : 'true'); body.hidden = open; });
  }
  if (location.hash) { const el = document.getElementById(location.hash.slice(1));
    if (el) el.querySelector('.finding-head').click(); }
  apply();
})();
"""
