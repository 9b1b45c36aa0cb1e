#!/usr/bin/env node
// The published entry: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli.js';
main(process.argv.slice(2));
