// The floor: a bare Fastify route that returns constant JSON and touches no database. It runs in a
// worker thread of the benchmark process, so it has an event loop of its own (as the real server has
// its own process) and does not share one with the load generator on the main thread.
import { Worker } from 'node:worker_threads';

export const FLOOR_PATH = '/floor';
/** The same shape and size as the real /api/health answer. */
const FLOOR_BODY = { status: 'ok', database: 'sqlite', version: '0.0.0' };

export interface FloorServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the floor server in a worker thread; resolves once it listens on 127.0.0.1. */
export function startFloor(): Promise<FloorServer> {
  const worker = new Worker(new URL('./floor-worker.mjs', import.meta.url), {
    workerData: { path: FLOOR_PATH, body: FLOOR_BODY },
  });
  let exited = false;
  const exit = new Promise<void>((done) =>
    worker.once('exit', () => {
      exited = true;
      done();
    }),
  );
  const stop = async () => {
    if (exited) return;
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exit;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    worker.once('error', (error) => reject(error));
    void exit.then(() => reject(new Error('the floor server stopped before it listened')));
    worker.once('message', (message: { port: number }) => {
      resolve({ url: `http://127.0.0.1:${message.port}`, stop });
    });
  });
}
