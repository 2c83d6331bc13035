import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INPUTS } from '../../src/config/inputs-spec.js';

const dirs = ['.github/workflows', 'examples/workflows'];
const files = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(d, f)),
);

describe.each(files)('workflow %s', (file) => {
  const text = readFileSync(file, 'utf8');
  const wf = parse(text);
  const steps = Object.values(
    wf.jobs as Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>,
  ).flatMap((j) => j.steps);

  test('has triggers, least-privilege permissions, and jobs with runners and steps', () => {
    expect(wf.on).toBeDefined();
    expect(wf.permissions.contents).toBe('read');
    expect(Object.keys(wf.permissions).filter((k) => k !== 'contents' && k !== 'pull-requests')).toEqual([]);
    for (const job of Object.values(wf.jobs as Record<string, { 'runs-on': string; steps: unknown[] }>)) {
      expect(job['runs-on']).toBeTruthy();
      expect(job.steps.length).toBeGreaterThan(0);
    }
  });

  test('pins every third-party action by commit SHA with a version comment', () => {
    // This action itself appears by its release tag, which users pin to the release's commit in their copy.
    for (const line of text
      .split('\n')
      .filter((l) => /uses: /.test(l) && !/uses: (\.\/|pg-migration-gate\/pg-migration-gate@v\d+$)/.test(l))) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d/);
    }
  });

  const ours = steps.filter((s) => s.uses === './' || s.uses?.startsWith('pg-migration-gate/pg-migration-gate@'));

  test('passes only inputs the action declares', () => {
    for (const step of ours) {
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(INPUTS)).toContain(input);
    }
  });

  test('a gated apply is bound to its environment with id-token: write, or says allow-ungated', () => {
    const jobs = Object.values(
      wf.jobs as Record<
        string,
        {
          environment?: string;
          permissions?: Record<string, string>;
          steps: { uses?: string; with?: Record<string, string> }[];
        }
      >,
    );
    for (const job of jobs) {
      for (const step of job.steps.filter(
        (s) => ours.includes(s) && ['apply', 'restore'].includes(s.with?.command ?? ''),
      )) {
        if (String(step.with?.['allow-ungated']) === 'true') continue;
        expect(job.environment).toBe(step.with?.environment);
        expect(job.permissions).toMatchObject({ 'id-token': 'write', actions: 'read' });
      }
    }
  });
});
