// Client script, part 2: shows the matching rows a page at a time, expands a row into its details,
// and wires the controls with one delegated listener per kind of event (none per row).

/** Rows per table page. */
export const PAGE_SIZE = 100;

/** Renders pages and details and handles filter input (debounced), paging and offender links. */
export const TABLE_SCRIPT = String.raw`
var PAGE = ${PAGE_SIZE}, view = new Int32Array(0), page = 0, open = {};
var body = $('rows'), status = $('status');
var SEVS = D.severities;
function tag(cls, text) { return '<span class="' + cls + '">' + esc(text) + '</span>'; }
function md(s) { return esc(s).replace(/\x60([^\x60]+)\x60/g, '<code>$1</code>'); }
function rowHtml(r) {
  var b = r * F, rule = D.rules[R[b]], t = D.targets[R[b + 1]], oc = D.outcomes[R[b + 2]], sev = SEVS[R[b + 3]];
  var where = esc(str(t[0])) + (str(t[1]) !== 'file' ? ' <span class="sub">' + esc(str(t[1])) + '</span>' : '');
  return '<tr class="row" data-r="' + r + '" tabindex="0" aria-expanded="' + (open[r] ? 'true' : 'false') + '">' +
    '<td>' + tag('tag o-' + oc, oc) + '</td><td>' + tag('sev sev-' + sev, sev) + '</td>' +
    '<td title="' + esc(rule[0]) + '"><code>' + esc(rule[0]) + '</code></td><td class="target">' + where + '</td>' +
    '<td class="msg" title="' + esc(str(R[b + 4])) + '">' + md(str(R[b + 4])) + '</td></tr>' + (open[r] ? detailHtml(r) : '');
}
function field(label, value, pre, code) {
  if (!value) return '';
  return '<dt>' + label + '</dt><dd>' + (pre ? '<pre>' + esc(value) + '</pre>' : code ? md(value) : esc(value)) + '</dd>';
}
function detailHtml(r) {
  var b = r * F, rule = D.rules[R[b]], t = D.targets[R[b + 1]], oc = D.outcomes[R[b + 2]], w = D.rowWaivers[r];
  var links = rule[6].filter(function (u) { return /^https?:\/\//.test(u); }).map(function (u) {
    return '<li><a href="' + esc(u) + '" rel="noopener noreferrer">' + esc(u) + '</a></li>'; }).join('');
  var waiver = w >= 0 ? D.waivers[w] : null;
  return '<tr class="detail"><td colspan="5"><div class="detail-grid"><dl>' +
    field(oc === 'unknown' ? 'Why unknown' : 'Message', str(R[b + 4]), false, true) +
    field('Rule', rule[0] + ' — ' + rule[1]) + field('Area', D.areas[rule[3]] ? rule[3] + ' ' + D.areas[rule[3]] : '') +
    field('Target', str(t[0]) + ' (' + str(t[1]) + ')') + field('Repository', str(t[2])) + field('Pipeline', str(t[3])) +
    field('Location', str(R[b + 6])) + field('JSON path', str(R[b + 7])) + field('Evidence', str(R[b + 5]), true) +
    (waiver ? field('Waiver', waiver[2] + ' — ' + waiver[3] + ', until ' + waiver[4] + ' (' + waiver[5] + ')') : '') +
    '</dl><div class="fix"><h4>Remediation</h4><p class="remediation">' + md(rule[5] || 'No remediation recorded for this rule.') + '</p>' +
    (rule[4] ? '<h4>About the rule</h4><p>' + md(rule[4]) + '</p>' : '') + (links ? '<h4>References</h4><ul>' + links + '</ul>' : '') +
    '</div></div></td></tr>';
}
function render() {
  var pages = Math.max(1, Math.ceil(view.length / PAGE));
  if (page >= pages) page = pages - 1;
  var start = page * PAGE, end = Math.min(view.length, start + PAGE), out = [];
  for (var i = start; i < end; i++) out.push(rowHtml(view[i]));
  body.innerHTML = out.join('') || '<tr><td colspan="5" class="empty">No rows match these filters.</td></tr>';
  status.textContent = view.length === 0 ? 'No matching rows' :
    'Rows ' + fmt(start + 1) + '–' + fmt(end) + ' of ' + fmt(view.length) + (view.length < N ? ' matching (' + fmt(N) + ' in all)' : '');
  $('page').textContent = 'Page ' + fmt(page + 1) + ' of ' + fmt(pages);
  $('prev').disabled = page === 0;
  $('next').disabled = page >= pages - 1;
}
function refresh() { view = matchingRows(); page = 0; open = {}; render(); }
var timer = 0;
function later() { clearTimeout(timer); timer = setTimeout(refresh, 200); }
function toggle(tr) {
  var r = Number(tr.getAttribute('data-r'));
  if (open[r]) delete open[r]; else open[r] = true;
  var next = tr.nextElementSibling;
  if (next && next.classList.contains('detail')) next.remove();
  if (open[r]) tr.insertAdjacentHTML('afterend', detailHtml(r));
  tr.setAttribute('aria-expanded', open[r] ? 'true' : 'false');
}
body.addEventListener('click', function (e) {
  var tr = e.target.closest('tr.row');
  if (tr && !window.getSelection().toString()) toggle(tr);
});
body.addEventListener('keydown', function (e) {
  var tr = e.target.closest('tr.row');
  if (tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); toggle(tr); }
});
$('filters').addEventListener('input', function (e) { if (e.target.tagName === 'INPUT') later(); else refresh(); });
$('filters').addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); refresh(); });
$('filters').addEventListener('reset', function () { clearTimeout(timer); setTimeout(refresh, 0); });
controls.repository.addEventListener('focus', function () { fillSuggestions($('repositories'), 2); }, { once: true });
controls.pipeline.addEventListener('focus', function () { fillSuggestions($('pipelines'), 3); }, { once: true });
$('prev').addEventListener('click', function () { page -= 1; render(); });
$('next').addEventListener('click', function () { page += 1; render(); });
document.addEventListener('click', function (e) {
  var b = e.target.closest('button[data-filter]');
  if (!b) return;
  Object.keys(controls).forEach(function (k) { controls[k].value = ''; });
  (controls[b.getAttribute('data-filter')] || controls.q).value = b.getAttribute('data-value');
  refresh();
  $('findings').scrollIntoView();
});
fillSelects();
$('table-ui').hidden = false;
refresh();
document.documentElement.setAttribute('data-ready', 'true');
`;
