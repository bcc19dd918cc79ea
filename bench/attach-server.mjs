// A further API instance for a benchmark, on a database bench/server.mjs prepared (DATABASE_URL may
// name another node of a cluster): boots the built app and tells the parent its port.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createApp } = require('../apps/api/dist/apps/api/src/app.factory.js');

const app = await createApp({ logLevels: ['error'] });
await app.listen({ port: 0, host: '127.0.0.1' });
process.send({ port: app.getHttpServer().address().port });
process.on('message', async (message) => {
  if (message === 'stop') {
    await app.close();
    process.exit(0);
  }
});
