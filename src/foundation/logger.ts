/**
 * How core modules speak. The action adapts it to `core.info` and log groups, the CLI to the console; both
 * redact secrets before anything is printed.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger that prints nothing (tests, library use). */
export const silentLogger: Logger = {
  info() {},
  warn() {},
  group: (_name, fn) => fn(),
};
