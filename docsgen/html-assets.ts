/** Inline CSS and the optional filter script of the HTML docs pages (kept apart from the markup). */

export const PAGE_CSS = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff;display:flex}
nav#index{position:sticky;top:0;align-self:flex-start;height:100vh;overflow:auto;width:17em;flex:none;padding:12px 16px;background:#f6f8fa;border-right:1px solid #d0d7de;box-sizing:border-box}
nav h3{font-size:13px;text-transform:uppercase;color:#57606a;margin:14px 0 4px}
nav ul{list-style:none;margin:0;padding:0}nav li{margin:2px 0}nav input{width:100%;box-sizing:border-box}
main{padding:12px 28px 60px;max-width:72em;min-width:0}
h1{margin:8px 0 0}h2{border-bottom:1px solid #d0d7de;margin-top:36px}
.meta,.generated{color:#57606a;margin:4px 0}
article.message,.channel,.polling{border:1px solid #d0d7de;border-radius:6px;padding:4px 16px 12px;margin:16px 0}
article.message:target{border-color:#0969da;box-shadow:0 0 0 2px #0969da33}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}dt{font-weight:600;color:#57606a}dd{margin:0}
.badge{font-size:11px;border-radius:10px;padding:1px 7px;vertical-align:middle;font-weight:600}
.badge.state{background:#dafbe1;color:#1a7f37}.badge.hint{background:#fff8c5;color:#9a6700}.badge.control{background:#eaeef2;color:#57606a}
p.authority{padding:6px 10px;border-left:4px solid}p.authority.state{border-color:#1a7f37;background:#f0fff4}p.authority.hint{border-color:#9a6700;background:#fffbea}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:14px}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}thead th{background:#f6f8fa}
td p{margin:0}td.path code{white-space:nowrap}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f6f8fa;padding:0 3px;border-radius:3px}
pre.json{background:#f6f8fa;padding:8px 12px;overflow:auto;border-radius:6px}pre.json code{padding:0}
figure{margin:8px 0}figcaption{color:#57606a}
.none{color:#57606a}
@media (max-width:800px){body{display:block}nav#index{position:static;height:auto;width:auto}}`;

/** Unhides the filter box and hides index entries and message sections whose type does not match. */
export const FILTER_SCRIPT = `
(function(){var f=document.getElementById('filter');if(!f)return;f.hidden=false;
f.addEventListener('input',function(){var q=f.value.toLowerCase();
document.querySelectorAll('[data-name]').forEach(function(el){el.hidden=q!==''&&el.getAttribute('data-name').toLowerCase().indexOf(q)<0;});});})();`;
