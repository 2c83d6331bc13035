import { readFileSync } from 'node:fs';

/**
 * The action's start-up is on every job's clock: dist/index.js holds what every run needs, and the artifact client,
 * octokit and age are chunks loaded by the command that uses them. A static import of any of them would put its
 * code back into the entry file; each marker below is a definition found only in that library.
 */
test.each([
  ['@actions/artifact (Azure storage)', 'BlobServiceClient'],
  ['@actions/github (octokit)', 'function getOctokit'],
  ['age-encryption', 'class Encrypter'],
])('%s is not in the action entry file, only in a chunk', (_name, marker) => {
  expect(readFileSync('dist/index.js', 'utf8')).not.toContain(marker);
});
