import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** How the two linters are run and read, for the side-by-side comparison (lint-vs-squawk.ts). */

export interface Found {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
}

export interface Tool {
  name: string;
  /** The whole process, as a user runs it. */
  command(files: string[]): [string, string[]];
  /** Runs it with machine-readable output; the findings with files made relative to the working directory. */
  findings(files: string[]): Found[];
}

const rel = (f: string) => relative(process.cwd(), resolve(f));

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r.stdout;
}

/**
 * squawk-cli from the npm registry, as a user installs and runs it (its JS launcher, then the binary): installed
 * once into a folder of its own beside the compiled scripts, at the version of the @squawk-cli/linux-x64
 * devDependency (the binary the tests use).
 */
export function squawk(): Tool {
  const version = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies['@squawk-cli/linux-x64'] as string;
  const prefix = join('.build-scripts', 'peers', `squawk-cli-${version}`);
  const bin = join(prefix, 'node_modules', '.bin', 'squawk');
  if (!existsSync(bin)) {
    console.log(`installing squawk-cli@${version} from the npm registry into ${prefix}`);
    const r = spawnSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `squawk-cli@${version}`,
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0 || !existsSync(bin))
      throw new Error(`squawk-cli@${version} could not be installed from the npm registry`);
  }
  return {
    name: `squawk ${version}`,
    command: (files) => [bin, files],
    findings: (files) => {
      const out = run(bin, ['--reporter', 'json', ...files]).trim();
      const list: { file: string; rule_name: string; level: string }[] = out ? JSON.parse(out) : [];
      return list.map((f) => ({
        file: rel(f.file),
        rule: f.rule_name,
        severity: f.level.toLowerCase() === 'error' ? 'error' : 'warning',
      }));
    },
  };
}

/** This tool's CLI bundle: dist/cli.js, or BENCH_CLI (a bundle built with `node scripts/bundle.mjs <dir>`). */
export function gate(cli = process.env.BENCH_CLI ?? join('dist', 'cli.js')): Tool {
  if (!existsSync(cli)) throw new Error(`${cli} does not exist: run npm run build, or point BENCH_CLI at a bundle`);
  return {
    name: `pg-migration-gate (${cli})`,
    command: (files) => [process.execPath, [cli, 'lint', ...files]],
    findings: (files) => {
      const report = JSON.parse(run(process.execPath, [cli, 'lint', '--format', 'json', ...files]));
      return (report.findings as Found[])
        .filter((f) => f.file)
        .map((f) => ({ file: rel(f.file), rule: f.rule, severity: f.severity }));
    },
  };
}

export type Kind = 'dangerous' | 'safe' | 'hygiene';

export interface Case {
  kind: Kind;
  name: string;
  /** In order; for a folder, the earlier files are the migrations already deployed. */
  files: string[];
  /** Peer rules named on the case's `-- peers:` line. */
  peers: string[];
  /** The files under review: the last one, or for a safe case every file marked `-- safe:` (the rest set the scene). */
  reviewed: string[];
}

/** __fixtures__/lint-cases/<kind>/<name>.sql, or <name>/ holding several migrations in order. */
export function cases(root = join('__fixtures__', 'lint-cases')): Case[] {
  return (['dangerous', 'safe', 'hygiene'] as const).flatMap((kind) =>
    readdirSync(join(root, kind))
      .sort()
      .map((entry): Case => {
        const path = join(root, kind, entry);
        const files = statSync(path).isDirectory()
          ? readdirSync(path)
              .sort()
              .map((f) => join(path, f))
          : [path];
        const text = files.map((f) => readFileSync(f, 'utf8'));
        const peers = text
          .flatMap((t) => /^-- peers: (.*)$/m.exec(t)?.[1].split(/\s+/) ?? [])
          .filter((p) => p !== 'none');
        const reviewed = kind === 'safe' ? files.filter((_, i) => /^-- safe:/m.test(text[i])) : files.slice(-1);
        return { kind, name: entry.replace(/\.sql$/, ''), files, peers, reviewed };
      }),
  );
}

/** The findings that count for a case: warnings and errors (info is advice) on the files under review. */
export function counted(c: Case, found: Found[]): Found[] {
  const files = new Set(c.reviewed.map(rel));
  return found.filter((f) => files.has(f.file) && f.severity !== 'info');
}

/** Every real migration file in the repository: the public projects' folders and the layout scenarios. */
export function realFiles(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) =>
      statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith('.sql') ? [join(d, n)] : [],
    );
  return [...walk(join('__fixtures__', 'real-world')), ...walk(join('__fixtures__', 'migrations'))].sort();
}
