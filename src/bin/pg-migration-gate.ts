#!/usr/bin/env node
import './startup.js';
import { main } from '../cli.js';

process.exitCode = await main(process.argv.slice(2));
