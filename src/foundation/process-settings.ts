import nodeModule from 'node:module';
import { setFlagsFromString } from 'node:v8';

/**
 * Process settings for a short CLI run, applied before anything else is loaded (the bin imports this first).
 *
 * The parser is WebAssembly. V8 first compiles it with its baseline compiler, then recompiles the hottest
 * functions with its optimising compiler in background threads, and a process cannot exit before those jobs
 * finish: a one-file lint waited about 60 ms on Node 20 and 300 ms on Node 24 for code it never ran, and on a
 * thousand files the recompiling cost more than it saved. So no function is picked for recompiling: the filter
 * names a function index no module has (`--liftoff-only` would say the same, but Node 24 ignores it once started).
 * This must happen before the module is compiled, which is why it runs first.
 *
 * Node 22.1+ can cache compiled JavaScript between runs (in the OS temp folder); on Node 20 this does nothing.
 * WebAssembly has no such cache in Node: v8.serialize() of a WebAssembly.Module yields no code.
 */
setFlagsFromString('--wasm-tier-up-filter=2147483647');
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
