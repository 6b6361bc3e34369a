#!/usr/bin/env node
// The built CLI (npm run build). From a checkout: npm ci && npm run build, then npx custodian.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write('custodian: the CLI is not built yet. Run "npm run build" first.\n');
  process.exit(1);
}
await import(built.href);
