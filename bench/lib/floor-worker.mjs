// The floor server, run by floor.ts in a worker thread (plain JavaScript: workers do not inherit
// the tsx loader on Node 20). A bare Fastify route with constant JSON, no database, no logging.
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get(workerData.path, async () => workerData.body);
await app.listen({ host: '127.0.0.1', port: 0 });
parentPort.on('message', (message) => {
  if (message === 'stop') app.close().then(() => parentPort.close());
});
parentPort.postMessage({ port: app.server.address().port });
