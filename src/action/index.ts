// The same process settings as the CLI's, before anything else loads: the action is a short run too.
import '../foundation/process-settings.js';
import { run } from './main.js';

await run();
