// The report's stylesheet: system fonts only, readable on screen and in print, colours shared by charts and tags.

/** CSS inlined into the page's single <style> element. */
export const STYLE = `
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee5;--bg:#f5f7fa;--panel:#fff;--accent:#1d4ed8;
--fail:#c62828;--unknown:#d99a00;--waived:#6a4fb3;--pass:#2e7d32;--na:#9aa5b1}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main,.wrap{max-width:1280px;margin:0 auto;padding:0 24px}main{padding-bottom:48px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:0 0 12px}h3{font-size:15px;margin:16px 0 8px}h4{margin:0 0 4px;font-size:13px}
code,pre{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-word;background:var(--bg);padding:6px 8px;border-radius:4px}
a{color:var(--accent)}
.top{background:#111827;color:#f9fafb;padding:20px 0}
.meta{display:flex;flex-wrap:wrap;gap:8px 28px;margin:0}.meta dt{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#9ca3af}.meta dd{margin:0}
nav.wrap{display:flex;gap:18px;font-size:13px;padding-top:12px;padding-bottom:12px}
section{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin:0 0 18px}
section.problems{border-left:5px solid var(--fail)}
.cards{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:10px;margin-bottom:10px}
.card{border:1px solid var(--line);border-left:5px solid var(--na);border-radius:6px;padding:8px 12px}
.card .n{display:block;font-size:24px;font-weight:650}.card .l{color:var(--muted);font-size:12px}
.card.o-fail{border-left-color:var(--fail)}.card.o-unknown{border-left-color:var(--unknown)}.card.o-waived{border-left-color:var(--waived)}.card.o-pass{border-left-color:var(--pass)}
.findings-line,.drift-line{margin:6px 0 14px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:12px;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line);white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}.muted,.sub{color:var(--muted);font-size:12px}.note{color:var(--muted);font-size:12.5px}.ok{color:var(--pass)}
.scroll{overflow-x:auto}
.areas td.bar{width:36%;min-width:160px;vertical-align:middle}.areas svg{display:block;width:100%;height:14px;border-radius:3px;background:var(--bg)}
.areas th[scope=row]{font-weight:500;white-space:nowrap}
rect.o-fail,.sw.o-fail{fill:var(--fail);background:var(--fail)}rect.o-unknown,.sw.o-unknown{fill:var(--unknown);background:var(--unknown)}
rect.o-waived,.sw.o-waived{fill:var(--waived);background:var(--waived)}rect.o-pass,.sw.o-pass{fill:var(--pass);background:var(--pass)}
rect.o-not_applicable,.sw.o-not_applicable{fill:var(--na);background:var(--na)}
.legend{display:flex;gap:16px;font-size:12px;color:var(--muted);margin-bottom:6px}.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}.panel h3{margin-top:0}.panel.wide{grid-column:1/-1}
.compact td,.compact th{padding:4px 6px}
button.link{background:none;border:0;padding:0;color:var(--accent);cursor:pointer;font:inherit;text-align:left;word-break:break-all}
button.link:hover{text-decoration:underline}
.tag,.sev{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11.5px;font-weight:600;white-space:nowrap}
.tag{color:#fff;background:var(--na)}.tag.o-fail{background:var(--fail)}.tag.o-unknown{background:var(--unknown);color:#1f2933}.tag.o-waived{background:var(--waived)}.tag.o-pass{background:var(--pass)}.tag.o-absent{background:#e5e7eb;color:var(--ink)}
.sev{border:1px solid currentColor}.sev-critical{color:#991b1b;background:#fde8e8}.sev-high{color:#b45309;background:#fff4e5}.sev-medium{color:#1e40af;background:#e8effd}.sev-low{color:#475569;background:#f1f5f9}
.count{color:var(--muted);font-weight:400}
#filters{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:8px 10px;margin-bottom:10px}
#filters label{display:flex;flex-direction:column;font-size:11.5px;color:var(--muted);gap:3px;min-width:0}
#filters select,#filters input{font:inherit;padding:5px 6px;border:1px solid var(--line);border-radius:4px;background:#fff;color:var(--ink);min-width:0;width:100%}
#filters .search{grid-column:1/span 5}#filters .actions{display:flex;align-items:flex-end;gap:8px}
.pager{display:flex;align-items:center;gap:10px;justify-content:space-between;margin:8px 0;font-size:13px}.pager div{display:flex;gap:6px;align-items:center}
button.btn{font:inherit;font-size:13px;padding:4px 12px;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}button.btn:disabled{opacity:.45;cursor:default}
.findings{table-layout:fixed}.findings col.c-o{width:92px}.findings col.c-s{width:96px}.findings col.c-r{width:21%}.findings col.c-t{width:25%}
.findings td{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.findings code{font-size:12px}
tr.row{cursor:pointer}tr.row:hover td{background:#f0f4ff}tr.row:focus{outline:2px solid var(--accent);outline-offset:-2px}tr.row[aria-expanded=true] td{background:#eef2ff;border-bottom-color:transparent}
tr.detail>td{white-space:normal;background:#fafbff;padding:12px 14px 16px}
.detail-grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px}
.detail-grid dl{display:grid;grid-template-columns:110px minmax(0,1fr);gap:4px 12px;margin:0}.detail-grid dt{color:var(--muted);font-size:12px}.detail-grid dd{margin:0;word-break:break-word}
.fix p{margin:0 0 10px}.fix ul{margin:0;padding-left:18px;word-break:break-all}
.empty{text-align:center;color:var(--muted);padding:24px}
@media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}#filters{grid-template-columns:repeat(2,1fr)}#filters .search{grid-column:1/-1}.detail-grid{grid-template-columns:1fr}}
@media (max-width:600px){main,.wrap{padding:0 10px}section{padding:12px 10px}nav.wrap{flex-wrap:wrap;gap:8px 14px}.grid{grid-template-columns:minmax(0,1fr)}
.findings,.findings tbody,.findings tr,.findings td{display:block;width:100%}.findings colgroup,.findings thead{display:none}
.findings tr.row{border-bottom:1px solid var(--line);padding:6px 0}.findings td{border:0;padding:2px 4px;white-space:normal;overflow-wrap:anywhere}
.findings td:first-child,.findings td:nth-child(2){display:inline-block;width:auto}.detail-grid dl{grid-template-columns:minmax(0,1fr)}
.areas td.bar{min-width:80px}.cards .n{font-size:20px}.meta{gap:6px 16px}}
.verdict{font-size:15px;font-weight:600;margin:0 0 12px;padding:10px 14px;border-radius:6px;border-left:6px solid var(--na);background:var(--bg)}
.verdict.v-blocking,.verdict.v-error{border-left-color:var(--fail)}.verdict.v-incomplete{border-left-color:var(--unknown)}.verdict.v-unknown{border-left-color:var(--unknown)}.verdict.v-failing,.verdict.v-waived{border-left-color:var(--waived)}.verdict.v-clean{border-left-color:var(--pass)}
.causes td{white-space:normal;overflow-wrap:anywhere}
@media print{body{background:#fff}nav,#filters,.pager{display:none}section{border:0;padding:0}.top{background:#fff;color:#000}}
`;
