import { ChaosNetwork, Country } from './network';

/** The node did not answer, or answered that it could not serve now (5xx): the call may or may not have taken effect. */
export class NodeUnavailable extends Error {
  /**
   * No answer in time while the node may still be working on the call: it may yet take effect,
   * so whether it did can only be read once the node is surely done with it.
   */
  constructor(message: string, readonly inDoubt = false) {
    super(message);
  }
}

/** How long the driver gives a call that timed out to finish on the node before reading whether it took effect. */
export const IN_DOUBT_MS = 60_000;

/** The node refused the call (4xx other than 401/404): what it says, for the driver to check against the state. */
export class NodeRefused extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(`refused with ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export interface Answer<T> {
  status: number;
  body: T;
}

/**
 * A case handler's REST calls against one node. A session lost (401) is renewed by signing in
 * again; anything else that is not an answer is NodeUnavailable, for the caller to resolve.
 */
export class NodeClient {
  private session: Promise<string> | null = null;

  constructor(
    private readonly network: ChaosNetwork,
    readonly country: Country,
  ) {}

  private token(): Promise<string> {
    if (!this.session) {
      this.session = this.network.session(this.country);
      this.session.catch(() => (this.session = null));
    }
    return this.session;
  }

  /** Signs in again before the 15-minute session runs out. */
  renew(): void {
    this.session = null;
  }

  async call<T = any>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await this.token();
      } catch (error) {
        throw new NodeUnavailable(`sign-in at ${this.country}: ${(error as Error).message}`);
      }
      let response: Response;
      try {
        response = await fetch(`${this.network.node(this.country).process.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        throw new NodeUnavailable(`${method} ${path} at ${this.country}: ${(error as Error).message}`, timedOut && method === 'POST');
      }
      const text = await response.text().catch(() => null);
      // The answer cut off: the call is resolved like one that got none (the node finished with it).
      if (text === null) throw new NodeUnavailable(`${method} ${path} at ${this.country}: answer ${response.status} cut off`);
      if (response.status === 401 && attempt < 2) {
        this.session = null;
        continue;
      }
      if (response.status >= 500) throw new NodeUnavailable(`${method} ${path} at ${this.country}: ${response.status} ${text.slice(0, 200)}`);
      return { status: response.status, body: text ? JSON.parse(text) : null };
    }
  }

  /** The resource, or null when the node does not have it (404). */
  async find<T = any>(path: string): Promise<T | null> {
    const answer = await this.call<T>('GET', path);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw new NodeRefused(answer.status, answer.body);
    return answer.body;
  }
}
