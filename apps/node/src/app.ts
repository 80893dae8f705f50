import { INestApplication, LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES } from '@imi/domain';
import { HttpTraceInterceptor } from '@imi/telemetry';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { HttpMetrics } from '@imi/metrics';
import { NodeConfig } from './config';
import { HttpDrain } from './http-drain';
import { NodeModule } from './node.module';
import { openApiDocument } from './openapi/openapi-document';
import { mapBodyParserErrors } from './problem/body-parser-errors';
import { answerUndeclaredMethods } from './problem/method-not-allowed';
import { refuseRepeatedQueryParameters } from './problem/single-valued-query';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { useSecurityHeaders } from './web/security-headers';
import { serveWebApp } from './web/web-app';

/** Builds a node application; main.ts and the integration tests both start nodes this way. */
export async function createNodeApp(config: NodeConfig, logger: false | ('log' | 'warn' | 'error')[] | LoggerService = ['warn', 'error']): Promise<INestApplication> {
  const httpsOptions = config.tls ? { cert: config.tls.cert, key: config.tls.key, minVersion: 'TLSv1.2' as const } : undefined;
  const app = await NestFactory.create<NestExpressApplication>(NodeModule.forRoot(config), { logger, bodyParser: false, httpsOptions });
  // First: every answer is measured, those given before routing (a draining node's 503, a 405, a 413) too.
  app.use(app.get(HttpMetrics).middleware);
  app.use(app.get(HttpDrain).middleware);
  useSecurityHeaders(app);
  serveWebApp(app);
  // Built once, at the first request that needs it (routes are known by then): for /api-docs and the 405 answers alike.
  let built: OpenAPIObject | undefined;
  const document = () => (built ??= openApiDocument(app, config.country));
  answerUndeclaredMethods(app, document);
  app.use(refuseRepeatedQueryParameters);
  app.useBodyParser('json', { limit: '64kb' });
  // Attachments arrive as raw bytes of an accepted type; one byte over the limit is a 413 before any handler runs.
  app.useBodyParser('raw', { type: ATTACHMENT_CONTENT_TYPES, limit: ATTACHMENT_MAX_BYTES });
  app.use(mapBodyParserErrors);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ProblemDetailsFilter());
  // A span per REST call: the messages a call sends carry its trace to the hub and the recipient.
  app.useGlobalInterceptors(new HttpTraceInterceptor());
  app.enableShutdownHooks();
  SwaggerModule.setup('api-docs', app, document, { jsonDocumentUrl: 'api-docs/openapi.json' });
  return app;
}
