import { DefaultArtifactClient } from '@actions/artifact';
import type { ArtifactStore } from '../backup/artifact-store.js';

/** The artifact store of a GitHub Actions run, through the toolkit's own client. */
export function actionsArtifactStore(): ArtifactStore {
  const client = new DefaultArtifactClient();
  return {
    async upload(name, files, rootDir, retentionDays) {
      // The dump is compressed already: store it as it is (compression level 0).
      const r = await client.uploadArtifact(name, files, rootDir, { retentionDays, compressionLevel: 0 });
      if (r.id === undefined) throw new Error(`artifact ${name} was not created`);
      return { id: r.id, size: r.size ?? 0 };
    },
    async download(name, dir, from) {
      const findBy = from ? { token: from.token, workflowRunId: from.runId, repositoryOwner: from.owner, repositoryName: from.repo } : undefined;
      const { artifact } = await client.getArtifact(name, findBy ? { findBy } : undefined);
      await client.downloadArtifact(artifact.id, { path: dir, findBy });
    },
  };
}
