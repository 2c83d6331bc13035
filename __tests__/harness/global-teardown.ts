export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __pgServer?: { stop(): Promise<void> } }).__pgServer?.stop();
}
