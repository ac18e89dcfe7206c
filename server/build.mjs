// Bundles the server (and the domain package's TypeScript) into dist/main.js; npm packages stay external.
// CUSTODIA_BUILD_OUTFILE bundles to another file instead (main.test.ts runs the command from a bundle
// of the current source, ADR 0053).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const external = [
  ...Object.keys(pkg('./package.json').dependencies),
  ...Object.keys(pkg('../domain/package.json').dependencies),
].filter((name) => !name.startsWith('@custodia/'));

await build({
  entryPoints: ['src/main.ts'],
  outfile: process.env.CUSTODIA_BUILD_OUTFILE || 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
