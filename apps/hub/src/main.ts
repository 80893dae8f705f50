import 'reflect-metadata';
import { createLogger, loggingFromEnv, PinoNestLogger, useProcessLogger } from '@imi/logging';
import { startTracing } from '@imi/telemetry';
import { NestFactory } from '@nestjs/core';
import { hubConfigFromEnv } from './config';
import { HubModule } from './hub.module';

// JSON lines on stdout (LOG_FORMAT=pretty for a terminal); kafkajs' lines go through the same logger.
const logger = createLogger(loggingFromEnv('hub', 'HUB'));
useProcessLogger(logger);

async function bootstrap(): Promise<void> {
  const config = hubConfigFromEnv();
  startTracing('imi-hub');
  // Its HTTP API only reads: a stop cuts open keep-alive connections rather than wait for clients that keep them busy.
  const app = await NestFactory.create(HubModule.forRoot(config), { logger: new PinoNestLogger(logger), forceCloseConnections: true });
  app.enableShutdownHooks();
  await app.listen(config.httpPort, config.httpHost);
  logger.info(`hub listening on http://${config.httpHost}:${config.httpPort}`);
}

void bootstrap().catch((error) => {
  logger.fatal({ err: error }, `hub failed to start: ${error.message}`);
  process.exit(1);
});
