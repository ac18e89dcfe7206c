import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes NAME.br and NAME.gz beside every text file of the build, so the server sends the compressed
 * bytes as they are (@fastify/static preCompressed) and spends nothing per request: an old PC on a
 * slow prison network downloads a third of the JavaScript.
 */
function precompress(): Plugin {
  return {
    name: 'custodia-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = path.join(dir, fileName);
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(
          `${file}.br`,
          zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/**
 * The web app: built to web/dist, which the server serves (with a fallback to index.html). Libraries
 * go to their own long-cached chunks; each module's pages are a lazily loaded chunk of their own.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // A locale file's chunk is named by its namespace and language (locale-registry.en-….js), so
        // what a page downloads can be read from the file names.
        chunkFileNames: (chunk) => {
          const locale = /([^/]+)\/locales\/([a-z]+)\.json$/.exec(chunk.facadeModuleId ?? '');
          if (!locale) return 'assets/[name]-[hash].js';
          return `assets/locale-${locale[1] === 'app' ? 'common' : locale[1]}.${locale[2]}-[hash].js`;
        },
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
