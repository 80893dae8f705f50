import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { withProblemResponses } from './problem-responses';
import { withServerConstraints } from './server-constraints';

/** The node's OpenAPI document: served at /api-docs, and the source of the web app's typed client. */
export function openApiDocument(app: INestApplication, country: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`IMI network node ${country}`)
    .setDescription('Information requests, alerts and notifications between competent authorities of the member states. Every error is RFC 9457 problem details.')
    .setVersion('0.1')
    // Every endpoint but sign-in and health takes the session token from POST /sessions.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return withProblemResponses(withServerConstraints(SwaggerModule.createDocument(app, config), app));
}
