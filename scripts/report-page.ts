// The report as a person sees it on GitHub: the pull request comment and the job summary rendered by a
// GitHub-flavoured Markdown renderer into a page styled like GitHub's. The screenshots in docs/screenshots/ are
// taken of these pages (npm run screenshots); a test re-renders them and compares with the hashes recorded there.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import type { Report } from '../src/model/report.js';
import { publishable } from '../src/report/publishable.js';

export const SCREENSHOT_DIR = 'docs/screenshots';
/** What each screenshot was rendered from: the report fixture, and the sha256 of the page and of the image. */
export const RECORD = `${SCREENSHOT_DIR}/rendered-from.json`;

export type Form = 'comment' | 'summary';

export interface Shot {
  name: string;
  /** A report of a real verify run, captured by `npm run screenshots -- --capture`. */
  report: string;
  form: Form;
}

export const SHOTS: readonly Shot[] = [
  { name: 'passing-comment', report: '__fixtures__/reports/passing.json', form: 'comment' },
  { name: 'warning-comment', report: '__fixtures__/reports/warning.json', form: 'comment' },
  { name: 'failing-comment', report: '__fixtures__/reports/failing.json', form: 'comment' },
  { name: 'failing-summary', report: '__fixtures__/reports/failing.json', form: 'summary' },
  { name: 'large-comment', report: '__fixtures__/reports/large.json', form: 'comment' },
];

export interface RecordEntry {
  report: string;
  form: Form;
  /** sha256 of the rendered page. */
  html: string;
  /** sha256 of the PNG taken of it. */
  png: string;
}

export const sha256 = (data: string | Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** The Markdown the action would publish for the report, in the form asked for. */
export function markdownOf(report: Report, form: Form): string {
  const { summary, comment } = publishable(report, {
    secrets: [],
    reportPath: '/home/runner/work/_temp/pg-migration-gate/report.json',
    sarif: false,
  });
  return form === 'comment' ? comment : summary;
}

// A subset of GitHub's own stylesheet (github-markdown-css, light theme): what the report's Markdown uses.
const CSS = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, "Liberation Sans", sans-serif, "Noto Color Emoji"; }
.frame { margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; }
.head { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; color: #59636e; }
.head b { color: #1f2328; }
.markdown-body { padding: 16px; word-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0; }
p, ul, ol, table, pre, details { margin: 0 0 16px; }
h3 { margin: 24px 0 16px; font-size: 1.25em; font-weight: 600; line-height: 1.25; }
ul, ol { padding-left: 2em; }
li + li { margin-top: .25em; }
li > ul { margin: .25em 0 0; }
a { color: #0969da; text-decoration: none; }
code { padding: .2em .4em; font: 85%/1 ui-monospace, SFMono-Regular, Menlo, "DejaVu Sans Mono", monospace; background: #818b981f; border-radius: 6px; }
pre { padding: 16px; background: #f6f8fa; border-radius: 6px; overflow: auto; }
pre code { padding: 0; background: none; font-size: 85%; line-height: 1.45; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
summary { cursor: pointer; }
`;

/** The page GitHub would show: the Markdown rendered with GitHub's flavour (a comment keeps single line breaks). */
export function renderPage(markdown: string, form: Form): string {
  const body = marked.parse(markdown, { gfm: true, breaks: form === 'comment', async: false });
  // The summary is shot with its folded parts opened, as a reader who clicks them sees it.
  const head =
    form === 'comment' ? '<b>github-actions</b> bot commented' : '<b>verify</b> summary, every folded part opened';
  const open = form === 'summary' ? "document.querySelectorAll('details').forEach((d) => { d.open = true; });" : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>pg-migration-gate ${form}</title><style>${CSS}</style></head>
<body><div class="frame"><div class="head">${head}</div><div class="markdown-body">
${body}</div></div>
<script>${open}document.body.dataset.height = String(Math.ceil(document.querySelector('.frame').getBoundingClientRect().bottom) + 16);</script>
</body></html>
`;
}

/** A shot's page, from its report fixture. */
export function pageOf(shot: Shot): string {
  const report = JSON.parse(readFileSync(shot.report, 'utf8')) as Report;
  return renderPage(markdownOf(report, shot.form), shot.form);
}
