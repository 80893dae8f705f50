#!/usr/bin/env node
// `npm run api:generate`: the node's OpenAPI document (apps/node/openapi.json) and the web app's
// typed client types generated from it (apps/web/src/api/schema.d.ts, openapi-typescript).
// `--check` (run by `npm test`) regenerates both into a temporary folder and fails if the
// checked-in files differ: the client cannot drift from the API. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = { document: join(root, 'apps/node/openapi.json'), types: join(root, 'apps/web/src/api/schema.d.ts') };
const check = process.argv.includes('--check');
const out = check ? { document: join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json'), types: join(tmpdir(), `schema-${process.pid}.d.ts`) } : files;

execFileSync(process.execPath, [join(root, 'dist/apps/node/src/openapi-cli.js'), out.document], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules/openapi-typescript/bin/cli.js'), out.document, '-o', out.types], { stdio: ['ignore', 'ignore', 'inherit'] });

if (check) {
  const stale = Object.keys(files).filter((k) => !existsSync(files[k]) || readFileSync(files[k], 'utf8') !== readFileSync(out[k], 'utf8'));
  if (stale.length > 0) {
    console.error(`out of date with the API: ${stale.map((k) => files[k].slice(root.length + 1)).join(', ')}; run \`npm run api:generate\` and commit`);
    process.exit(1);
  }
  console.log('OpenAPI document and web client types are current');
}
