#!/usr/bin/env node
// Entry point for the `vanthu` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/mail-worker/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('vanthu is not built yet: run `npm run build` (npm ci does it) / chưa biên dịch: chạy `npm run build`');
  process.exit(2);
}
await import(cli.href);
