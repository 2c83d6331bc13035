// Screenshots of the report as GitHub shows it (npm run screenshots): each page of report-page.ts opened in headless
// Chromium (Debian's `chromium` package; CHROMIUM names another binary), saved to docs/screenshots/, with the
// hashes of page and image recorded so a test can tell when the report changed and the images did not.
// `-- --capture` first re-runs the real-world changes with verify on a throwaway PostgreSQL and rewrites the
// report fixtures the pages are rendered from.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { verify } from '../src/commands/verify.js';
import { parseConfig } from '../src/config/config.js';
import { startEmbeddedServer } from '../src/cli/embedded-server.js';
import { silentLogger } from '../src/foundation/logger.js';
import { realWorldChange, type Change } from './real-world-change.js';
import { pageOf, RECORD, SCREENSHOT_DIR, sha256, SHOTS, type RecordEntry } from './report-page.js';

/** The changes the fixtures are reports of. */
const CHANGES: Record<string, Change> = {
  passing: { project: 'docs-rs', deployed: 6, fresh: 1 },
  warning: { project: 'docs-rs', deployed: 12, fresh: 3 },
  failing: { project: 'docs-rs', deployed: 30, fresh: 3 },
  large: { project: 'docs-rs', deployed: 0, fresh: 33 },
};

async function capture(): Promise<void> {
  const server = await startEmbeddedServer();
  try {
    for (const [name, change] of Object.entries(CHANGES)) {
      const dir = realWorldChange(change);
      const config = parseConfig({
        command: 'verify',
        'migrations-dir': dir,
        'database-url': server.url,
        'base-ref': 'main',
      });
      const report = await verify(config, { databaseUrl: server.url, log: silentLogger });
      // As a workflow would show it: the folder as the repository names it, a service container as the target.
      const fixed = { ...report, root: 'migrations', target: 'localhost:5432/postgres' };
      writeFileSync(join('__fixtures__', 'reports', `${name}.json`), `${JSON.stringify(fixed, null, 2)}\n`);
      console.log(`captured ${name}: ${report.findings.length} finding(s), ok ${report.ok}`);
    }
  } finally {
    await server.stop();
  }
}

function shoot(): void {
  const chromium = process.env.CHROMIUM ?? 'chromium';
  const base = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--force-device-scale-factor=1',
    '--lang=en-US',
  ];
  const work = mkdtempSync(join(tmpdir(), 'pmg-shots-'));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const record: Record<string, RecordEntry> = {};
  for (const shot of SHOTS) {
    const html = pageOf(shot);
    const page = join(work, `${shot.name}.html`);
    writeFileSync(page, html);
    const url = pathToFileURL(page).href;
    // The page writes its own height into the DOM; the second run is a window exactly that tall.
    const dom = execFileSync(chromium, [...base, '--window-size=900,600', '--dump-dom', url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const height = Number(/data-height="(\d+)"/.exec(dom)?.[1] ?? 2000);
    const png = join(SCREENSHOT_DIR, `${shot.name}.png`);
    execFileSync(chromium, [...base, `--window-size=900,${height}`, `--screenshot=${join(process.cwd(), png)}`, url], {
      stdio: 'ignore',
    });
    record[`${shot.name}.png`] = {
      report: shot.report,
      form: shot.form,
      html: sha256(html),
      png: sha256(readFileSync(png)),
    };
    console.log(`${png}: 900x${height}`);
  }
  writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
}

if (process.argv.includes('--capture')) await capture();
shoot();
