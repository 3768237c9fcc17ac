#!/usr/bin/env node
// Entry point for the `vanthu` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
// CommonJS on purpose: it loads without libuv's thread pool, so the pool size below still takes effect.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// Raw messages are written and flushed from the thread pool; with the default 4 threads, flushes waiting on the
// disk hold up the parsers (about 5% of ingest throughput on two cores).
process.env.UV_THREADPOOL_SIZE ??= '16';

const cli = path.join(__dirname, '..', 'dist', 'mail-worker', 'cli', 'main.js');
if (!existsSync(cli)) {
  console.error('vanthu is not built yet: run `npm run build` (npm ci does it) / chưa biên dịch: chạy `npm run build`');
  process.exit(2);
}
import(pathToFileURL(cli).href);
