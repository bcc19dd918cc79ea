// One API instance of the pushes benchmark (bench/pushes.mjs), in its own process: boots the built
// app on the benchmark database with no outbox timer, then publishes (stores the push, then runs one
// release round) or drains the outbox on the parent's command and answers with the time it took.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../apps/api/dist/apps/api/src/${path}`);
const { createApp } = dist('app.factory.js');
const { DemoSeedService } = dist('seed/demo-seed.service.js');
const { PushesService } = dist('pushes/pushes.service.js');
const { OutboxDispatcher } = dist('pushes/outbox-dispatcher.js');
const { OutboxJob } = dist('pushes/outbox.job.js');
const { AudienceResolver } = dist('pushes/audience-resolver.js');
const { DataSource } = require('typeorm');

const app = await createApp({ logLevels: ['error'] });
await app.init();
if (process.env.BENCH_SEED === '1') await app.get(DemoSeedService).seed();
process.send({ ready: true });

process.on('message', async (message) => {
  const started = performance.now();
  if (message.cmd === 'publish') {
    const [staff] = await app.get(DataSource).query("SELECT id, regionId, institutionId FROM staff_accounts WHERE username = 'clinic1.admin'");
    const auth = { accountId: staff.id, role: 'clinicAdmin', regionId: staff.regionId, institutionId: staff.institutionId };
    // The request's work (the push stored as releasing), then the release job's round (as the timer would run it).
    const answered = await app.get(PushesService).create(auth, message.push);
    const answerMs = performance.now() - started;
    const released = await app.get(OutboxJob).release();
    const [push] = (await app.get(PushesService).list(auth)).filter((p) => p.id === answered.id);
    process.send({ cmd: 'publish', ms: performance.now() - started, answerMs, released, answered, push });
  } else if (message.cmd === 'resolve') {
    const recipients = await app.get(AudienceResolver).resolve(app.get(DataSource).manager, message.audience, new Date().toISOString().slice(0, 10));
    process.send({ cmd: 'resolve', ms: performance.now() - started, count: recipients.length });
  } else if (message.cmd === 'drain') {
    const handled = await app.get(OutboxDispatcher).drain();
    process.send({ cmd: 'drain', ms: performance.now() - started, handled });
  } else if (message.cmd === 'stop') {
    await app.close();
    process.exit(0);
  }
});
