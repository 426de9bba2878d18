// Client script, part 1: reads the embedded data and filters its rows in memory. It runs inside the
// report page (plain ES2017, no modules); `client-table.ts` shares its scope.
import { ROW_FIELDS } from './data.js';

/** Reads the data, fills the filter controls and computes the rows that match them. */
export const FILTER_SCRIPT = String.raw`
var D = JSON.parse(document.getElementById('kg-data').textContent);
var S = D.s, R = D.rows, F = ${ROW_FIELDS}, N = R.length / F;
function str(i) { return i < 0 ? '' : S[i]; }
function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
function $(id) { return document.getElementById(id); }
function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
var controls = { area: $('f-area'), severity: $('f-severity'), rule: $('f-rule'), outcome: $('f-outcome'),
  repository: $('f-repository'), pipeline: $('f-pipeline'), q: $('f-q') };
var ruleById = {};
D.rules.forEach(function (r, i) { ruleById[r[0]] = i; });

function option(value, label) { var o = document.createElement('option'); o.value = value; o.textContent = label; return o; }
function fillSelects() {
  var areas = {};
  D.rules.forEach(function (r) { areas[r[3]] = true; });
  Object.keys(areas).map(Number).sort(function (a, b) { return a - b; }).forEach(function (a) {
    controls.area.appendChild(option(String(a), D.areas[a] ? a + ' ' + D.areas[a] : 'Other'));
  });
  D.severities.slice().reverse().forEach(function (s) { controls.severity.appendChild(option(s, s)); });
  D.rules.map(function (r) { return r[0]; }).sort().forEach(function (id) { controls.rule.appendChild(option(id, id)); });
  D.outcomes.forEach(function (o) { controls.outcome.appendChild(option(o, o)); });
}
// Repository and pipeline names are offered as suggestions once the field is first used.
function fillSuggestions(list, field) {
  if (list.childElementCount > 0) return;
  var seen = {}, names = [];
  D.targets.forEach(function (t) { var v = str(t[field]); if (v && !seen[v]) { seen[v] = true; names.push(v); } });
  names.sort();
  var frag = document.createDocumentFragment();
  names.forEach(function (v) { frag.appendChild(option(v, v)); });
  list.appendChild(frag);
}

// A name filter matches exactly when it names a known value, else as a case-insensitive substring.
function nameTest(value, field) {
  if (!value) return null;
  var exact = D.targets.some(function (t) { return str(t[field]) === value; });
  var lower = value.toLowerCase();
  return function (s) { return exact ? s === value : s.toLowerCase().indexOf(lower) >= 0; };
}
var hay = null;
function haystack(r) {
  var b = r * F, rule = D.rules[R[b]], t = D.targets[R[b + 1]], w = D.rowWaivers[r];
  var parts = [rule[0], rule[1], str(t[0]), str(t[2]), str(t[3]), str(R[b + 4]), str(R[b + 5]), str(R[b + 6]), str(R[b + 7])];
  if (w >= 0) parts.push(D.waivers[w][2], D.waivers[w][3]);
  return parts.join('\n').toLowerCase();
}
function matchingRows() {
  var v = {};
  Object.keys(controls).forEach(function (k) { v[k] = controls[k].value.trim(); });
  var ruleOk = D.rules.map(function (r) { return (!v.area || String(r[3]) === v.area) && (!v.rule || r[0] === v.rule); });
  var repo = nameTest(v.repository, 2), pipe = nameTest(v.pipeline, 3);
  var targetOk = D.targets.map(function (t) { return (!repo || repo(str(t[2]))) && (!pipe || pipe(str(t[3]))); });
  var sev = v.severity ? D.severities.indexOf(v.severity) : -1, out = v.outcome ? D.outcomes.indexOf(v.outcome) : -1;
  var terms = v.q ? v.q.toLowerCase().split(/\s+/) : [];
  if (terms.length > 0 && hay === null) { hay = new Array(N); for (var h = 0; h < N; h++) hay[h] = haystack(h); }
  var rows = new Int32Array(N), n = 0;
  next: for (var r = 0; r < N; r++) {
    var b = r * F;
    if (!ruleOk[R[b]] || !targetOk[R[b + 1]]) continue;
    if ((sev >= 0 && R[b + 3] !== sev) || (out >= 0 && R[b + 2] !== out)) continue;
    for (var i = 0; i < terms.length; i++) if (hay[r].indexOf(terms[i]) < 0) continue next;
    rows[n++] = r;
  }
  return rows.subarray(0, n);
}
`;
