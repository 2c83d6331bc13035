import type { TestServer } from './server.ts';

export default async function globalTeardown(): Promise<void> {
  await Promise.all(((globalThis as { __pgServers?: TestServer[] }).__pgServers ?? []).map((s) => s.stop()));
}
