/**
 * What the sign-in page costs over the wire: the built server with its demo data, Debian chromium
 * with an empty cache, every response counted until the sign-in form is there. Reports bytes sent
 * (as compressed on the wire) and decoded, for JavaScript, CSS and everything, beside the number of
 * web modules, so growth with each module is visible. Byte counts do not depend on machine load.
 *
 *   npm run build && node --import tsx bench/web-bytes.ts [--budget-js-kb 200] [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, startServer } from '../e2e/harness.ts';

const { values } = parseArgs({
  options: { 'budget-js-kb': { type: 'string', default: '200' }, check: { type: 'boolean', default: false } },
});
const budgetKb = Number(values['budget-js-kb']);

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const responses: Array<{ url: string; type: string; wire: number; decoded: number; encoding: string }> = [];
  page.on('requestfinished', async (request) => {
    const response = await request.response();
    if (!response) return;
    const sizes = await request.sizes();
    const body = await response.body().catch(() => Buffer.alloc(0));
    responses.push({
      url: new URL(request.url()).pathname,
      type: request.resourceType(),
      wire: sizes.responseBodySize,
      decoded: body.length,
      encoding: response.headers()['content-encoding'] ?? 'identity',
    });
  });
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  await page.locator('input[name="username"]').waitFor();

  const kb = (n: number) => Math.round(n / 102.4) / 10;
  const sum = (list: typeof responses, key: 'wire' | 'decoded') => list.reduce((t, r) => t + r[key], 0);
  const scripts = responses.filter((r) => r.type === 'script');
  // The same files as a browser that accepts gzip only receives them: the budget is stated in gzip.
  const gzipBytes = scripts.reduce((total, r) => {
    const file = path.resolve('web/dist', `.${r.url}`);
    return total + fs.statSync(fs.existsSync(`${file}.gz`) ? `${file}.gz` : file).size;
  }, 0);
  const modulesFile = fs.readFileSync(path.resolve('web/src/app/modules.ts'), 'utf8');
  const moduleCount = (modulesFile.match(/^\s+\w+Module,$/gm) ?? []).length;
  const result = {
    at: new Date().toISOString(),
    webModules: moduleCount,
    requests: responses.length,
    javascript: {
      files: scripts.length,
      wireKb: kb(sum(scripts, 'wire')),
      gzipKb: kb(gzipBytes),
      decodedKb: kb(sum(scripts, 'decoded')),
    },
    all: { wireKb: kb(sum(responses, 'wire')), decodedKb: kb(sum(responses, 'decoded')) },
    encodings: [...new Set(responses.map((r) => r.encoding))],
    budgetJsKb: budgetKb,
    files: responses,
  };
  // `--check` (npm test): the budget only, nothing written to bench/results.
  const check = values.check;
  const file = check
    ? '(nothing written: --check)'
    : `bench/results/${result.at.replace(/[:.]/g, '-').slice(0, 19)}-web-bytes.json`;
  if (!check) {
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  }
  console.log(`sign-in page: ${result.requests} requests, ${result.webModules} web modules`);
  console.log(
    `  JavaScript: ${scripts.length} files, ${result.javascript.wireKb} KB on the wire (${result.encodings.join(', ')}), ${result.javascript.gzipKb} KB with gzip, ${result.javascript.decodedKb} KB decoded (budget ${budgetKb} KB with gzip)`,
  );
  console.log(
    `  everything: ${result.all.wireKb} KB on the wire, ${result.all.decodedKb} KB decoded; encodings ${result.encodings.join(', ')}`,
  );
  console.log(`  written to ${file}`);
  if (result.javascript.gzipKb > budgetKb) {
    console.log(
      `OVER BUDGET: the sign-in page's JavaScript is ${result.javascript.gzipKb} KB with gzip, budget ${budgetKb} KB`,
    );
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.stop();
}
