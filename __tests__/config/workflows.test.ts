import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INPUTS } from '../../src/config/inputs-spec.js';

const dirs = ['.github/workflows'];
const files = dirs.flatMap((d) => readdirSync(d).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(d, f)));

describe.each(files)('workflow %s', (file) => {
  const text = readFileSync(file, 'utf8');
  const wf = parse(text);
  const steps = Object.values(wf.jobs as Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>).flatMap((j) => j.steps);

  test('has triggers, least-privilege permissions, and jobs with runners and steps', () => {
    expect(wf.on).toBeDefined();
    expect(wf.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(wf.jobs as Record<string, { 'runs-on': string; steps: unknown[] }>)) {
      expect(job['runs-on']).toBeTruthy();
      expect(job.steps.length).toBeGreaterThan(0);
    }
  });

  test('pins every third-party action by commit SHA with a version comment', () => {
    for (const line of text.split('\n').filter((l) => /uses: /.test(l) && !/uses: \.\//.test(l))) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d/);
    }
  });

  test('passes only inputs the action declares', () => {
    for (const step of steps.filter((s) => s.uses === './')) {
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(INPUTS)).toContain(input);
    }
  });
});
