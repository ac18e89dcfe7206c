import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The built web app. Vite names every file under assets/ by its content hash, so a browser keeps
 * those for a year without asking again; everything else (index.html above all) is revalidated on
 * each load, so a new release reaches the ward at the next page load. The build writes .br and .gz
 * beside each file (web/vite.config.ts); the file matching the browser's Accept-Encoding is sent as
 * it is, with no compression work per request.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite writes only content-hashed files to assets/ (and their .br/.gz). */
export const isHashedAsset = (filePath: string) => /[\\/]assets[\\/]/.test(filePath);

export async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: true,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('cache-control', isHashedAsset(filePath) ? IMMUTABLE : 'no-cache');
    },
  });
}
