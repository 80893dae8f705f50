import 'reflect-metadata';
import { createNodeApp } from './app';
import { withBackOffice } from './back-office/back-office.config';
import { nodeConfigFromEnv } from './config';
import { listenWhileStarting } from './health/listen-while-starting';

async function bootstrap(): Promise<void> {
  const config = withBackOffice(nodeConfigFromEnv());
  const app = await createNodeApp(config, ['log', 'warn', 'error']);
  await listenWhileStarting(app, config.httpPort, '127.0.0.1');
  console.log(`node ${config.country} listening on ${config.tls ? 'https' : 'http'}://127.0.0.1:${config.httpPort} (web application: /app/, OpenAPI: /api-docs)`);
  if (config.backOffice) console.log(`node ${config.country} back-office bridge on ${new URL(config.backOffice.amqpUrl).host}${new URL(config.backOffice.amqpUrl).pathname} (AsyncAPI: /asyncapi.json)`);
}

void bootstrap().catch((error) => {
  console.error(`node failed to start: ${error.message}`);
  process.exit(1);
});
