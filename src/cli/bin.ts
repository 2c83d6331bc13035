#!/usr/bin/env node
import '../foundation/process-settings.js';
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
