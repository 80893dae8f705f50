import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { liveness } from './liveness';
import { NodeReadiness } from './readiness';
import { readinessAnswer } from './readiness-answer';

/**
 * Serves HTTP while the node starts, not only once it has: start-up waits for the broker's grant
 * on the node's inbox and for a first trust list (minutes, for a node registered a moment ago).
 * Meanwhile GET /health/live answers (so an orchestrator does not restart a node that waits),
 * GET /health/ready says what is missing, and everything else, GET /health included, answers 503
 * with problem details: nothing else works before the node has started. From then on Nest's
 * routes answer as usual.
 */
export async function listenWhileStarting(app: INestApplication, port: number, host: string): Promise<void> {
  const readiness = app.get(NodeReadiness);
  let started = false;
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (started) return next();
    void answerWhileStarting(request, response, readiness).catch(next);
  });
  await new Promise<void>((resolve, reject) => {
    const server = app.getHttpServer();
    server.once('error', reject);
    app.getHttpAdapter().listen(port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  await app.init();
  started = true;
}

async function answerWhileStarting(request: Request, response: Response, readiness: NodeReadiness): Promise<void> {
  if (request.method === 'GET' && request.path === '/health/live') {
    response.status(200).json(liveness());
    return;
  }
  const answer = readinessAnswer(await readiness.check());
  const problem = answer.status === 503
    ? { ...answer.body, detail: `starting: ${answer.body.detail}` }
    : { type: 'urn:imi:problem:not-ready', title: 'not ready', status: 503, detail: 'starting', notReady: [], checks: answer.body.checks };
  response.status(503).type('application/problem+json').send(JSON.stringify(problem));
}
