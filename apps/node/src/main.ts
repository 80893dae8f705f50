import 'reflect-metadata';
import { createLogger, loggingFromEnv, PinoNestLogger, useProcessLogger } from '@imi/logging';
import { startTracing } from '@imi/telemetry';
import { createNodeApp } from './app';
import { withBackOffice } from './back-office/back-office.config';
import { nodeConfigFromEnv } from './config';
import { listenWhileStarting } from './health/listen-while-starting';

// JSON lines on stdout (LOG_FORMAT=pretty for a terminal); kafkajs' lines go through the same logger.
const logger = createLogger(loggingFromEnv('node', process.env.NODE_COUNTRY ?? '-'));
useProcessLogger(logger);

async function bootstrap(): Promise<void> {
  const config = withBackOffice(nodeConfigFromEnv());
  startTracing(`imi-node-${config.country}`);
  const app = await createNodeApp(config, new PinoNestLogger(logger));
  await listenWhileStarting(app, config.httpPort, config.httpHost);
  logger.info(`node ${config.country} listening on ${config.tls ? 'https' : 'http'}://${config.httpHost}:${config.httpPort} (web application: /app/, OpenAPI: /api-docs)`);
  if (config.backOffice) logger.info(`node ${config.country} back-office bridge on ${new URL(config.backOffice.amqpUrl).host}${new URL(config.backOffice.amqpUrl).pathname} (AsyncAPI: /asyncapi.json)`);
}

void bootstrap().catch((error) => {
  logger.fatal({ err: error }, `node failed to start: ${error.message}`);
  process.exit(1);
});
