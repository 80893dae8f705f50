import { Agent, request } from 'node:http';

/**
 * The load generator's HTTP client: node:http on kept-alive connections. It shares the two cores
 * with what it measures, and costs about a third of fetch's CPU per request here (the HTTP floor
 * measures both), so it leaves that time to the pipeline.
 */
const agent = new Agent({
  keepAlive: true,
  // An idle connection is closed here before the server's keep-alive timeout (5 s in Node) closes it under a request.
  timeout: 4000,
});

export interface Answer {
  status: number;
  text: string;
}

export type PostJson = (url: string, body: unknown, headers?: Record<string, string>) => Promise<Answer>;

export const postJson: PostJson = async (url, body, headers = {}) => {
  const payload = JSON.stringify(body);
  try {
    return await post(url, payload, headers);
  } catch (error) {
    // The server closed a kept-alive connection as the request left on it: the request never
    // reached it, so it is sent again once (Node's documented remedy, `request.reusedSocket`).
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
      return post(url, payload, headers);
    }
    throw error;
  }
};

/** The same through fetch, which the bench used before: measured beside it in the HTTP floor. */
export const postJsonWithFetch: PostJson = async (url, body, headers = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
};

function post(url: string, payload: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(payload);
  });
}
