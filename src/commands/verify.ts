import type { Config } from '../config/config.js';
import type { RestoreContext } from '../engine/restore-database.js';
import { verifyChange } from '../engine/verify-change.js';
import type { Report } from '../model/report.js';

/** The verify command: the pull request's check (src/engine/verify-change.ts). */
export function verify(config: Config, ctx: RestoreContext): Promise<Report> {
  return verifyChange(config, ctx);
}
