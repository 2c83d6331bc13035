import { parseConfig, type Config } from '../../src/config/config.js';
import type { RawConfig } from '../../src/config/inputs-spec.js';

/** A config as a user would write it, with short timeouts suited to tests. */
export function testConfig(raw: RawConfig): Config {
  return parseConfig({ 'lock-wait': '5s', ...raw });
}
