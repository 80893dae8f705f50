import type { HealthCheckResult } from '@nestjs/terminus';
import { failing, readinessAnswer } from './readiness-answer';

describe('readinessAnswer', () => {
  it('is 200 with every check up', () => {
    const result: HealthCheckResult = { status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } }, error: {}, details: { database: { status: 'up' }, kafka: { status: 'up' } } };
    expect(readinessAnswer(result)).toEqual({ status: 200, body: { status: 'ready', checks: { database: 'up', kafka: 'up' } } });
  });

  it('is a 503 problem naming what is down, with no text from the checks', () => {
    const result: HealthCheckResult = {
      status: 'error',
      info: { database: { status: 'up' } },
      error: { kafka: { status: 'down', message: 'broker 127.0.0.1:19092 refused' }, 'trust-list': { status: 'down' } },
      details: { database: { status: 'up' }, kafka: { status: 'down', message: 'broker 127.0.0.1:19092 refused' }, 'trust-list': { status: 'down' } },
    };
    const answer = readinessAnswer(result);
    expect(answer).toEqual({
      status: 503,
      body: {
        type: 'urn:imi:problem:not-ready', title: 'not ready', status: 503, detail: 'not ready: kafka, trust-list', notReady: ['kafka', 'trust-list'],
        checks: { database: 'up', kafka: 'down', 'trust-list': 'down' },
      },
    });
    expect(JSON.stringify(answer)).not.toContain('refused');
    expect(failing(result)).toEqual(['kafka', 'trust-list']);
  });
});
