import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadAppConfig } from './config/configuration';

async function bootstrap(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApp({ serveH5: process.env.SERVE_H5 !== '0' });
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  new Logger('Bootstrap').log(`Jiayi API listening on http://localhost:${config.port}/api (docs: /api/docs)`);
}

bootstrap().catch((error) => {
  console.error(JSON.stringify({ level: 'error', message: `boot failed: ${error instanceof Error ? error.message : String(error)}` }));
  process.exit(1);
});
