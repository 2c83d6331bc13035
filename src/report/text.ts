import { join } from 'node:path';
import type { Report } from '../model/report.js';
import { checkWords, findingsOf, markOf, notableLocks, TEXT_MARK } from './marks.js';

/**
 * The CLI's human output: the verdict, what ran or would run (each migration marked by its worst finding's
 * severity: ✗ error, ! warning, i note, ✓ none, - not run), then findings as `file:line:col  severity  rule  message`.
 * A plan or apply that stopped before its plan was made (no connection, another run's lock) shows no counts: it
 * knows none.
 */
export function renderText(r: Report): string {
  const out: string[] = [];
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const verdict = r.ok ? 'OK' : r.cancelled ? 'CANCELLED' : 'FAILED';
  out.push(`${r.command}: ${verdict}${r.target ? ` — ${r.target}` : ''} (history table ${r.historyTable})`);
  if (r.verify) {
    const v = r.verify;
    out.push(`${v.migrations.length} new migration(s) on top of ${v.deployed} deployed`);
    for (const m of v.migrations) {
      const mine = findingsOf(r, [m.file, m.downFile]);
      const [apply, ...checks] = checkWords(m, mine);
      out.push(
        `  ${TEXT_MARK[markOf(mine, m.apply !== 'not run')]} ${m.name}: ${apply}${m.applyMs !== undefined ? ` (${m.applyMs} ms)` : ''}${checks.map((c) => `, ${c}`).join('')}${m.transaction ? '' : ', no transaction'}`,
      );
      // Plain reads and writes (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) are left out here; the JSON has them all.
      for (const s of m.statements.filter((x) => notableLocks(x.locks).length || x.rewrites.length)) {
        const locks = notableLocks(s.locks)
          .map((l) => `${l.mode} ${l.relation}`)
          .join(', ');
        out.push(
          `      line ${s.line}: ${locks}${s.rewrites.length ? `; rewrites ${s.rewrites.join(', ')}` : ''} (${s.durationMs} ms${s.observed ? '' : ', documented'})`,
        );
      }
    }
    if (v.schemaChange.length) out.push('schema change:', ...v.schemaChange.map((c) => `  ${c}`));
  } else if (r.command === 'lint') {
    const counts = (['error', 'warning', 'info'] as const).map(
      (s) => `${r.findings.filter((f) => f.severity === s).length} ${s}(s)`,
    );
    out.push(`${r.findings.length} finding(s): ${counts.join(', ')}`);
  } else if (r.command === 'apply' && r.planHash) {
    out.push(`applied ${r.applied.length} of ${r.pending.length} pending migration(s)`);
    for (const a of r.applied) {
      const p = r.pending.find((x) => x.version === a.version);
      out.push(
        `  ${TEXT_MARK[markOf(findingsOf(r, [p?.file]), true)]} ${a.version} ${a.name} (${a.durationMs} ms${a.transaction ? '' : ', no transaction'}${a.attempts > 1 ? `, ${a.attempts} attempts` : ''})`,
      );
    }
    if (r.undone?.length) out.push(`undone by on-failure: undo, newest first: ${r.undone.length} migration(s)`);
    for (const u of r.undone ?? [])
      out.push(
        `  ${TEXT_MARK[markOf(findingsOf(r, [u.downFile]), true)]} ${u.version} ${u.name} with ${u.downFile} (${u.durationMs} ms${u.transaction ? '' : ', no transaction'})`,
      );
    if (r.afterFailure === 'restored') out.push('on-failure: restore took back what this run applied');
  } else if (r.command === 'plan' && r.planHash) {
    out.push(`${r.pending.length} pending migration(s)`);
    for (const p of r.pending)
      out.push(
        `  ${TEXT_MARK[markOf(findingsOf(r, [p.file]), true)]} ${p.version} ${p.name}${p.transaction ? '' : ` (no transaction: ${p.transactionNote})`}`,
      );
  }
  if (r.backup) {
    const b = r.backup;
    out.push(
      `backup: ${b.path} (${b.size} bytes, sha256 ${b.sha256})${b.artifactName ? ` uploaded as artifact ${b.artifactName} (${b.artifactId})` : ''}`,
      `restore with: ${b.restore}`,
    );
  }
  if (r.planHash) out.push(`plan hash: ${r.planHash}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  for (const f of r.findings) {
    const file = f.file && r.root ? join(r.root, f.file) : f.file;
    const where = file ? `${file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}` : '(database)';
    out.push(`${where}  ${f.severity}  ${f.rule}  ${f.message}${f.sqlstate ? ` [${f.sqlstate}]` : ''}`);
    if (f.help) out.push(`    help: ${f.help}`);
  }
  if (errors) out.push(`${errors} error(s)`);
  return out.join('\n');
}
