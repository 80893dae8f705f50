import { Writable } from 'node:stream';
import { createLogger } from './process-logger';
import { PERSONAL_FIELDS, REDACTED, redactPaths } from './redaction';

/** A logger writing into an array, one parsed JSON object per line. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: createLogger({ service: 'node', node: 'DE', level: 'debug', destination }), lines, raw };
}

describe('log redaction', () => {
  it('makes a path for each personal field at the top level and below', () => {
    const paths = redactPaths(['familyName', 'set-cookie'], 2);
    expect(paths).toEqual(['familyName', '*.familyName', '*.*.familyName', '["set-cookie"]', '*["set-cookie"]', '*.*["set-cookie"]']);
    expect(redactPaths()).toHaveLength(PERSONAL_FIELDS.length * 4);
  });

  it('replaces personal values wherever they sit in a line, and keeps ids and codes', () => {
    const { logger, lines, raw } = capture();
    logger.warn({
      messageId: 'm-1', caseId: 'c-1', code: 'bad-signature',
      familyName: 'Marker-Family', subject: { givenNames: 'Marker-Given', dateOfBirth: '1901-02-03' },
      request: { questions: [{ freeText: 'Marker free text' }], body: 'Marker body' },
      headers: { authorization: 'Bearer marker-token', cookie: 'session=marker' },
      deep: { er: { still: { password: 'marker-password' } } },
    }, 'message rejected');
    expect(lines[0]).toMatchObject({
      level: 'warn', msg: 'message rejected', service: 'node', node: 'DE', messageId: 'm-1', caseId: 'c-1', code: 'bad-signature',
      familyName: REDACTED, subject: REDACTED, request: { questions: REDACTED, body: REDACTED },
      headers: { authorization: REDACTED, cookie: REDACTED }, deep: { er: { still: { password: REDACTED } } },
    });
    expect(raw[0]).not.toMatch(/marker/i);
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });
});
