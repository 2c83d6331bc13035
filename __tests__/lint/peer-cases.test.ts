import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../src/commands/lint.js';
import { PEER_RULES } from '../../src/lint/peer-rules.js';
import { silentLogger } from '../../src/foundation/logger.js';
import type { Finding } from '../../src/model/report.js';
import { testConfig } from '../harness/config.js';

/**
 * The cases the comparison with squawk runs (npm run bench:lint-vs-squawk), held to their promise here: every
 * dangerous migration is flagged by the rules its peers' rules map to, and the recommended safe forms get no
 * warning at all. A case is a file, or a folder of migrations in order (the earlier ones already deployed).
 */
const root = join('__fixtures__', 'lint-cases');

function cases(kind: string) {
  return readdirSync(join(root, kind))
    .sort()
    .map((name) => {
      const path = join(root, kind, name);
      const files = statSync(path).isDirectory()
        ? readdirSync(path)
            .sort()
            .map((f) => join(path, f))
        : [path];
      return { name, files, text: files.map((f) => readFileSync(f, 'utf8')) };
    });
}

/** Linted as files given by path, in order, as `pg-migration-gate lint <files>` does. */
async function findings(files: string[]): Promise<Finding[]> {
  return (await lint(testConfig({ command: 'lint', 'migrations-dir': 'unused' }), { log: silentLogger, files }))
    .findings;
}

const mappedRules = (peer: string) => {
  const [tool, id] = peer.split(':');
  return PEER_RULES.find((p) => p.tool === tool && p.id === id)?.rules;
};

describe.each(cases('dangerous'))('dangerous: $name', ({ files, text }) => {
  test('is flagged by the rules its peers map to', async () => {
    const last = (await findings(files)).filter((f) => f.file === files[files.length - 1] && f.severity !== 'info');
    expect(last.length).toBeGreaterThan(0);
    const peers =
      /^-- peers: (.*)$/m
        .exec(text[text.length - 1])?.[1]
        .split(' ')
        .filter((p) => p !== 'none') ?? [];
    for (const peer of peers) {
      const rules = mappedRules(peer);
      expect(
        rules?.length ? `${peer}: ${last.some((f) => rules.includes(f.rule))}` : `${peer} is not in the peer table`,
      ).toBe(`${peer}: true`);
    }
  });
});

describe.each(cases('safe'))('safe: $name', ({ files, text }) => {
  test('gets no warning', async () => {
    // The files marked `-- safe:` are the recommended forms; the others set the scene.
    const forms = files.filter((_, i) => /^-- safe:/m.test(text[i]));
    expect(forms.length).toBeGreaterThan(0);
    const noisy = (await findings(files)).filter((f) => forms.includes(f.file!) && f.severity !== 'info');
    expect(noisy.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([]);
  });
});

describe.each(cases('hygiene'))('hygiene: $name', ({ files, text }) => {
  test('the peer rule maps to a rule here that reports it, or is left out', async () => {
    const found = (await findings(files)).filter((f) => f.file === files[files.length - 1]).map((f) => f.rule);
    for (const peer of /^-- peers: (.*)$/m.exec(text[text.length - 1])![1].split(' ')) {
      const rules = mappedRules(peer);
      expect(rules).toBeDefined();
      if (rules!.length) expect(`${peer}: ${found.some((r) => rules!.includes(r))}`).toBe(`${peer}: true`);
    }
  });
});
