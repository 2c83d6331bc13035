import type { Config } from '../config/config.js';
import { restoreDatabase, type RestoreContext } from '../engine/restore-database.js';
import type { Report } from '../model/report.js';

/** The restore command: a backup put back, guarded against undoing other sessions' work (src/engine/restore-database.ts). */
export function restore(config: Config, ctx: RestoreContext): Promise<Report> {
  return restoreDatabase(config, ctx);
}
