// A drift report as one self-contained HTML document (its style inline, nothing fetched), every
// text from the stores escaped.
import { escapeHtml as h } from '../output/escape';
import { summaryLine, type DriftReport, type RuleGroup } from './drift-report';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left}
.finding{margin:1rem 0 1.5rem}.severity{font-weight:600;text-transform:uppercase;font-size:.8rem}
.critical{color:#b42318}.warning{color:#9a6700}.info{color:#0969da}
blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:4px solid #d0d7de;color:#59636e}.source,.waiver{font-size:.9rem;color:#59636e}`;

const finding = (f: RuleGroup['findings'][number]): string =>
  [
    '<li class="finding">',
    `<span class="severity ${h(f.severity)}">${h(f.severity)}</span> ${h(f.status.toLowerCase())}: <strong>${h(f.subjectLabel)}</strong>. ${h(f.message)}.`,
    f.waiver
      ? `<div class="waiver">Waived by ${h(f.waiver.actor)} at ${h(f.waiver.waivedAt)}${f.waiver.expiresAt ? ` until ${h(f.waiver.expiresAt)}` : ''}: ${h(f.waiver.reason)}</div>`
      : '',
    `<blockquote>${h(f.source.cite.passage)}</blockquote>`,
    `<div class="source">Source: <cite>${h(f.source.cite.source)}</cite> (reference entry ${h(f.source.entry)})</div>`,
    '</li>',
  ].join('\n');

const group = (g: RuleGroup): string =>
  [
    `<section id="rule-${h(g.ruleId)}">`,
    `<h2>${h(g.title)}</h2>`,
    `<p>Rule <code>${h(g.ruleId)}</code>. ${h(g.explanation)}</p>`,
    '<ul>',
    ...g.findings.map(finding),
    '</ul>',
    '</section>',
  ].join('\n');

export const reportHtml = (report: DriftReport): string => {
  const run = report.run
    ? `Last check: ${h(report.run.checkedAt)} (run ${h(report.run.id)}, reference model version ${report.run.modelVersion}).`
    : 'No drift check was recorded by then: run <code>rolebook drift check</code> first.';
  const summary =
    report.groups.length > 0
      ? [
          '<table>',
          '<thead><tr><th>Rule</th><th>Highest severity</th><th>Findings</th></tr></thead>',
          '<tbody>',
          ...report.groups.map(
            (g) =>
              `<tr><td><a href="#rule-${h(g.ruleId)}">${h(g.title)}</a></td><td class="${h(g.severity)}">${h(g.severity)}</td><td>${g.findings.length}</td></tr>`,
          ),
          '</tbody>',
          '</table>',
        ]
      : ['<p>No open or waived finding.</p>'];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // nothing runs and nothing is fetched, whatever a text held: styles are the only inline content allowed
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Drift report: tenant ${h(report.tenant)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>Drift report: tenant ${h(report.tenant)}</h1>`,
    `<p>As of ${h(report.asOf)}. ${run}</p>`,
    `<p>${h(summaryLine(report))}</p>`,
    ...summary,
    ...report.groups.map(group),
    '</body>',
    '</html>',
    '',
  ].join('\n');
};
