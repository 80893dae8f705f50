import 'reflect-metadata';
import { createNodeApp } from './app';
import { nodeConfigFromEnv } from './config';

async function bootstrap(): Promise<void> {
  const config = nodeConfigFromEnv();
  const app = await createNodeApp(config, ['log', 'warn', 'error']);
  await app.listen(config.httpPort, '127.0.0.1');
  console.log(`node ${config.country} listening on ${config.tls ? 'https' : 'http'}://127.0.0.1:${config.httpPort} (web application: /app/, OpenAPI: /api-docs)`);
}

void bootstrap().catch((error) => {
  console.error(`node failed to start: ${error.message}`);
  process.exit(1);
});
