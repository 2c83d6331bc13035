/**
 * Where backups go besides the local disk: GitHub's artifact storage in the action. The contract is small on
 * purpose: it is the one seam of backup, so tests can run the real client against a local service.
 */
export interface ArtifactStore {
  /** Uploads files (already compressed: stored as they are) under one artifact name. */
  upload(name: string, files: string[], rootDir: string, retentionDays?: number): Promise<{ id: number; size: number }>;
  /** Downloads an artifact of this run, or of another run of the repository, into `dir`. */
  download(
    name: string,
    dir: string,
    from?: { runId: number; owner: string; repo: string; token: string },
  ): Promise<void>;
}

/** GitHub's artifact names may not hold " : < > | * ? \ / or line breaks; keep them short and plain. */
export function artifactName(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 200);
}
