import type { Config } from '../config/config.js';
import type { RestoreContext } from '../engine/restore.js';
import { verifyChange } from '../engine/verify.js';
import type { Report } from '../model/report.js';

/** The verify command: the pull request's check (src/engine/verify.ts). */
export function verify(config: Config, ctx: RestoreContext): Promise<Report> {
  return verifyChange(config, ctx);
}
