import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { hubConfigFromEnv } from './config';
import { HubModule } from './hub.module';

async function bootstrap(): Promise<void> {
  const config = hubConfigFromEnv();
  // Its HTTP API only reads: a stop cuts open keep-alive connections rather than wait for clients that keep them busy.
  const app = await NestFactory.create(HubModule.forRoot(config), { logger: ['log', 'warn', 'error'], forceCloseConnections: true });
  app.enableShutdownHooks();
  await app.listen(config.httpPort, '127.0.0.1');
  console.log(`hub listening on http://127.0.0.1:${config.httpPort}`);
}

void bootstrap().catch((error) => {
  console.error(`hub failed to start: ${error.message}`);
  process.exit(1);
});
