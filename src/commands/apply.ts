import type { Config } from '../config/config.js';
import { productionApply } from '../apply/pipeline.js';
import type { Report } from '../model/report.js';
import type { BackupContext } from './backup.js';

export interface ApplyContext extends BackupContext {
  appliedBy: string;
  /** The database is a throwaway server this process started: no backup is taken of it. */
  throwaway?: boolean;
}

/** The apply command: the production pipeline (src/apply/pipeline.ts). */
export function apply(config: Config, ctx: ApplyContext): Promise<Report> {
  return productionApply(config, ctx);
}
