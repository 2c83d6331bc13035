import type { Config } from '../config/config.js';
import type { CommandContext } from '../engine/context.js';
import { planChange } from '../engine/plan-change.js';
import type { Report } from '../model/report.js';

/** The plan command: what an apply would do now, read-only (src/engine/plan-change.ts). */
export function plan(config: Config, ctx: CommandContext): Promise<Report> {
  return planChange(config, ctx);
}
