// Bundles the server (and the domain package's TypeScript) into dist/main.js; npm packages stay external.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const external = [
  ...Object.keys(pkg('./package.json').dependencies),
  ...Object.keys(pkg('../domain/package.json').dependencies),
].filter((name) => !name.startsWith('@custodia/'));

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
