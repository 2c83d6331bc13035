import type { ArtifactClient } from '@actions/artifact';
import type { ArtifactStore } from '../backup/artifact-store.js';

/**
 * The artifact store of a GitHub Actions run, through the toolkit's own client. The client (3.5 MB with the Azure
 * storage SDK behind it) is loaded on the first upload or download, not with the action: most runs touch no
 * artifact, and loading it was the larger part of the action's start-up.
 */
export function actionsArtifactStore(): ArtifactStore {
  let client: Promise<ArtifactClient> | undefined;
  const clientOf = () =>
    (client ??= import('@actions/artifact').then(({ DefaultArtifactClient }) => new DefaultArtifactClient()));
  return {
    async upload(name, files, rootDir, retentionDays) {
      // The dump is compressed already: store it as it is (compression level 0).
      const r = await (await clientOf()).uploadArtifact(name, files, rootDir, { retentionDays, compressionLevel: 0 });
      if (r.id === undefined) throw new Error(`artifact ${name} was not created`);
      return { id: r.id, size: r.size ?? 0 };
    },
    async download(name, dir, from) {
      const c = await clientOf();
      const findBy = from
        ? { token: from.token, workflowRunId: from.runId, repositoryOwner: from.owner, repositoryName: from.repo }
        : undefined;
      const { artifact } = await c.getArtifact(name, findBy ? { findBy } : undefined);
      await c.downloadArtifact(artifact.id, { path: dir, findBy });
    },
  };
}
