import type { Config } from '../config/config.js';
import { productionApply } from '../engine/pipeline.js';
import type { ProductionContext } from '../engine/apply-run.js';
import type { Report } from '../model/report.js';

/** The apply command: the production pipeline (src/engine/pipeline.ts). */
export function apply(config: Config, ctx: ProductionContext): Promise<Report> {
  return productionApply(config, ctx);
}
