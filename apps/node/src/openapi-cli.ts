import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { findSchemasDir } from '@imi/envelope';
import { NodeModule } from './node.module';
import { openApiDocument } from './openapi/openapi-document';

/**
 * `npm run api:generate`: writes the node's OpenAPI document to the file given (the web app's
 * typed client is generated from it). Nest's preview mode reads the controllers without
 * creating any provider, so nothing connects to Postgres, Kafka or the registry.
 */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: openapi-cli <out.json>');
  const config = {
    country: 'CC', databaseUrl: 'postgres://unused', kafkaBrokers: [], schemaRegistryUrl: 'http://unused', topicPrefix: '', keysDir: '',
    hubPublicKey: { kty: 'OKP', crv: 'Ed25519', x: '', kid: 'unused' }, schemasDir: findSchemasDir(), httpPort: 0, httpHost: '127.0.0.1',
  };
  const app = await NestFactory.create(NodeModule.forRoot(config as never), { preview: true, logger: false, abortOnError: false });
  const document = openApiDocument(app, 'CC');
  document.info.title = 'IMI network node';
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

main().catch((error) => {
  console.error(`OpenAPI document not written: ${error.message}`);
  process.exit(1);
});
