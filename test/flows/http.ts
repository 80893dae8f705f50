import { RunningNode } from './network';

export interface HttpResult<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

/** A case handler's REST calls against one node, acting for one authority. */
export function actingFor(node: RunningNode, authorityId: string, language?: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, raw?: string): Promise<HttpResult<T>> => {
    const response = await fetch(`${node.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-authority-id': authorityId, ...(language ? { 'accept-language': language } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : null };
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
    postRaw: (path: string, raw: string) => call('POST', path, undefined, raw),
  };
}

/** Retries an assertion until it passes: messages cross Kafka asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
