import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** base64url, as in a JWT. */
const b64url = (s: string) => Buffer.from(s).toString('base64url');

/**
 * A local server speaking the protocol @actions/artifact uses: the results service's Twirp JSON API
 * (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL) and Azure Blob Storage's block upload
 * (Put Block, Put Block List) and download, so the real client uploads and downloads against it.
 */
export class FakeArtifactService {
  /** name -> the uploaded bytes (the zip the client built), once finalized. */
  readonly artifacts = new Map<string, { id: number; bytes: Buffer; size: string; hash?: string }>();
  readonly calls: string[] = [];
  private blocks = new Map<string, Buffer>();
  private pending = new Map<string, Buffer>();
  private server?: Server;
  private base = '';
  private nextId = 7001;
  /** Answer CreateArtifact with this HTTP status (a failing upload); 403 is not retried by the client. */
  failCreateWith?: number;

  async start(): Promise<{ url: string; token: string }> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
    const token = `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify({ scp: 'Actions.ExampleScope Actions.Results:run-backend-1:job-backend-1' }))}.sig`;
    return { url: `${this.base}/`, token };
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, this.base);
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname);
    if (twirp) {
      const method = twirp[1];
      const reqBody = JSON.parse(body.toString() || '{}');
      this.calls.push(method);
      if (method === 'CreateArtifact' && this.failCreateWith)
        return json(this.failCreateWith, { code: 'permission_denied', msg: 'artifact storage refused the upload' });
      if (method === 'CreateArtifact')
        return json(200, {
          ok: true,
          signed_upload_url: `${this.base}/devstoreaccount1/artifacts/${encodeURIComponent(reqBody.name)}?sig=upload`,
        });
      if (method === 'FinalizeArtifact') {
        const bytes = this.pending.get(reqBody.name) ?? Buffer.alloc(0);
        const id = this.nextId++;
        this.artifacts.set(reqBody.name, { id, bytes, size: reqBody.size, hash: reqBody.hash });
        return json(200, { ok: true, artifact_id: String(id) });
      }
      if (method === 'ListArtifacts') {
        const list = [...this.artifacts].filter(
          ([name, a]) =>
            (!reqBody.name_filter || reqBody.name_filter === name) &&
            (!reqBody.id_filter || String(reqBody.id_filter) === String(a.id)),
        );
        return json(200, {
          artifacts: list.map(([name, a]) => ({
            workflow_run_backend_id: 'run-backend-1',
            workflow_job_run_backend_id: 'job-backend-1',
            database_id: String(a.id),
            name,
            size: a.size,
            created_at: new Date().toISOString(),
          })),
        });
      }
      if (method === 'GetSignedArtifactURL')
        return json(200, { signed_url: `${this.base}/download/${encodeURIComponent(reqBody.name)}?sig=download` });
      return json(404, { code: 'not_found', msg: method });
    }
    const blob = /^\/devstoreaccount1\/artifacts\/([^/]+)$/.exec(url.pathname);
    if (blob && req.method === 'PUT') {
      const name = decodeURIComponent(blob[1]);
      const headers = {
        'x-ms-request-id': 'r',
        'x-ms-version': '2024-11-04',
        etag: '"e"',
        'last-modified': new Date().toUTCString(),
      };
      if (url.searchParams.get('comp') === 'block') {
        this.blocks.set(`${name}|${url.searchParams.get('blockid')}`, body);
        res.writeHead(201, headers);
        return void res.end();
      }
      if (url.searchParams.get('comp') === 'blocklist') {
        const ids = [...body.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)</g)].map((m) => m[1]);
        this.pending.set(name, Buffer.concat(ids.map((id) => this.blocks.get(`${name}|${id}`) ?? Buffer.alloc(0))));
        res.writeHead(201, headers);
        return void res.end();
      }
      this.pending.set(name, body);
      res.writeHead(201, headers);
      return void res.end();
    }
    const download = /^\/download\/([^/]+)$/.exec(url.pathname);
    if (download && req.method === 'GET') {
      const a = this.artifacts.get(decodeURIComponent(download[1]));
      if (!a) return json(404, {});
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': a.bytes.length });
      return void res.end(a.bytes);
    }
    json(404, { message: `no route ${req.method} ${url.pathname}` });
  }
}

/**
 * A FakeArtifactService for each test of the calling describe block, with the runner variables that point the
 * real @actions/artifact client at it.
 */
export function useArtifactService(): { service: () => FakeArtifactService; env: () => Record<string, string> } {
  let service: FakeArtifactService;
  let env: Record<string, string>;
  beforeEach(async () => {
    service = new FakeArtifactService();
    const { url, token } = await service.start();
    env = { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: url };
  });
  afterEach(async () => {
    await service.stop();
  });
  return { service: () => service, env: () => env };
}
