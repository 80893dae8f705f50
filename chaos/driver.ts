import { AREA, AUTHORITY, COUNTRIES, ChaosNetwork, Country } from './network';
import { DrivenAlert, DrivenRequest, Ledger } from './ledger';
import { ExchangeWatch, Seen } from './exchange-watch';
import { IN_DOUBT_MS, NodeClient, NodeRefused, NodeUnavailable } from './node-client';

/** Every ordered pair of member states: the driver cycles through them. */
export const PAIRS: [Country, Country][] = COUNTRIES.flatMap((from) => COUNTRIES.filter((to) => to !== from).map((to) => [from, to] as [Country, Country]));

/** The order of the run's exchanges: `alerts` alerts spread evenly among `requests` requests. */
export function exchangePlan(requests: number, alerts: number): ('request' | 'alert')[] {
  const total = requests + alerts;
  const plan: ('request' | 'alert')[] = [];
  for (let i = 0, a = 0; i < total; i++) {
    const alertDue = a < alerts && (i + 1) * alerts >= (a + 1) * total;
    plan.push(alertDue ? 'alert' : 'request');
    if (alertDue) a++;
  }
  return plan;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long one step may wait for a node to come back or a message to arrive before the exchange is given up as stuck. */
const STEP_TIMEOUT_MS = 10 * 60_000;

/**
 * Drives information requests through the whole flow (send, accept, disclosure of the person,
 * answer, acceptance of the answer, close) and alerts with one rectification, over the nodes'
 * REST API, with bounded concurrency. A call that fails because its node is down is never
 * simply sent again: the driver first checks whether it took effect (by the request's state,
 * or by finding its own reference in the list), so the driver itself never makes a duplicate.
 */
export class TrafficDriver {
  readonly clients: Record<Country, NodeClient>;
  private readonly run: string;
  private done = 0;
  private readonly watch: ExchangeWatch;
  private readonly renewal: NodeJS.Timeout;

  constructor(
    readonly network: ChaosNetwork,
    readonly ledger: Ledger,
    log: (message: string) => void = () => undefined,
  ) {
    this.clients = Object.fromEntries(COUNTRIES.map((c) => [c, new NodeClient(network, c)])) as Record<Country, NodeClient>;
    this.run = network.prefix.replace(/\.$/, '');
    this.watch = new ExchangeWatch(network, 300, log);
    // Sessions last 15 minutes: sign in again every 10.
    this.renewal = setInterval(() => Object.values(this.clients).forEach((c) => c.renew()), 10 * 60_000);
  }

  get completed(): number {
    return this.done;
  }

  /** `requests` requests and `alerts` alerts, spread over every pair, `concurrency` flows at a time. */
  async drive(requests: number, alerts: number, concurrency: number, progress?: (done: number, total: number) => void): Promise<void> {
    const plan = exchangePlan(requests, alerts);
    const total = plan.length;
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < plan.length) {
        const n = next++;
        const [from, to] = PAIRS[n % PAIRS.length];
        if (plan[n] === 'alert') await this.alertFlow(this.newAlert(n, from));
        else await this.requestFlow(this.newRequest(n, from, to, false));
        this.done++;
        progress?.(this.done, total);
      }
    }));
  }

  newRequest(n: number | string, from: Country, to: Country, canary: boolean): DrivenRequest {
    const request: DrivenRequest = { kind: 'request', ref: `${this.run}-${canary ? 'canary' : 'r'}${n}`, from, to, expectedState: canary ? 'sent' : 'closed', canary };
    this.ledger.requests.push(request);
    return request;
  }

  private newAlert(n: number, from: Country): DrivenAlert {
    const alert: DrivenAlert = { kind: 'alert', ref: `${this.run}-a${n}`, from, to: COUNTRIES.filter((c) => c !== from), expectedVersion: 2 };
    this.ledger.alerts.push(alert);
    return alert;
  }

  /** The whole information request flow; a step that cannot be completed marks the request failed and ends it. */
  async requestFlow(r: DrivenRequest): Promise<void> {
    const requester = this.clients[r.from];
    const addressee = this.clients[r.to];
    try {
      r.id = await this.createRequest(r);
      if (r.canary) return;
      const path = `/requests/${r.id}`;
      await this.seen(r.to, 'request', r.id, (v) => v !== null, 'arrival at the addressee');
      await this.transition(addressee, path, 'accept', undefined, (v) => v.state !== 'sent');
      await this.seen(r.to, 'request', r.id, (v) => v?.disclosed === true, 'disclosure of the person');
      await this.transition(addressee, path, 'answer', {
        final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }, { questionId: 'pq.free-text', answer: 'General medicine' }],
      }, (v) => ['answered', 'answer-accepted', 'closed'].includes(v.state));
      await this.seen(r.from, 'request', r.id, (v) => ['answered', 'answer-accepted', 'closed'].includes(v?.state ?? ''), 'the answer at the requester');
      await this.transition(requester, path, 'accept-answer', undefined, (v) => ['answer-accepted', 'closed'].includes(v.state));
      await this.transition(requester, path, 'close', undefined, (v) => v.state === 'closed');
    } catch (error) {
      r.failure = (error as Error).message;
    }
  }

  /** POST /requests; after a lost answer, the request is looked for by its reference before it is sent again. */
  async createRequest(r: DrivenRequest): Promise<string> {
    const client = this.clients[r.from];
    const marker = `Chaos exchange ${r.ref}`;
    const n = Number(/(\d+)$/.exec(r.ref)?.[1] ?? 0);
    const body = {
      addresseeAuthorityId: AUTHORITY[r.to], legislativeArea: AREA,
      replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: marker }],
      subject: { familyName: `Chaosperson-${r.ref}`, givenNames: 'Wiesława', dateOfBirth: '1983-11-02', registerNumber: `CHAOS-${n}` },
    };
    return this.create(client, '/requests', body, `/requests?role=requester&otherAuthorityId=${AUTHORITY[r.to]}&sort=sent-desc&limit=100`,
      (item) => (item.questions as { freeText: string | null }[]).some((q) => q.freeText === marker));
  }

  async alertFlow(a: DrivenAlert): Promise<void> {
    const sender = this.clients[a.from];
    const content = (rectified: boolean) => ({
      person: { familyName: `Chaosperson-${a.ref}`, givenNames: 'Wiesława', dateOfBirth: '1968-05-17' },
      profession: 'Medical doctor', decidingAuthority: `Chaos tribunal ${a.ref}`, scope: rectified ? 'restriction' : 'prohibition',
      ...(rectified ? { scopeDetail: 'No surgery' } : {}), periodFrom: '2026-11-20', decisionDate: new Date().toISOString().slice(0, 10),
    });
    try {
      a.id = await this.create(sender, '/alerts', {
        kind: 'professional-qualifications-alert', recipients: { authorityIds: a.to.map((c) => AUTHORITY[c]) }, content: content(false),
      }, '/alerts?role=sender&sort=sent-desc&limit=100',
      (item) => (item.versions as { content: { decidingAuthority?: string } }[]).some((v) => v.content.decidingAuthority === `Chaos tribunal ${a.ref}`));
      const path = `/alerts/${a.id}`;
      for (const to of a.to) await this.seen(to, 'alert', a.id, (v) => v !== null, `the alert at ${to}`);
      await this.transition(sender, path, 'rectify', { content: content(true) }, (v) => v.version >= 2);
      for (const to of a.to) await this.seen(to, 'alert', a.id, (v) => (v?.version ?? 0) >= 2, `the rectification at ${to}`);
    } catch (error) {
      a.failure = (error as Error).message;
    }
  }

  /**
   * Creates an exchange (201 answers its id). When the node did not answer, the driver looks for
   * its own reference among the exchanges sent since just before the attempt: found, the first
   * attempt took effect and is not repeated; not found, it is sent again.
   */
  private async create(client: NodeClient, path: string, body: unknown, listPath: string, isOurs: (item: any) => boolean): Promise<string> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
      const attemptStart = Date.now();
      try {
        const answer = await client.call<{ id: string }>('POST', path, body);
        if (answer.status !== 201) throw new NodeRefused(answer.status, answer.body);
        return answer.body.id;
      } catch (error) {
        if (!(error instanceof NodeUnavailable) || Date.now() > deadline) throw error;
        this.ledger.retries++;
        // A call still running on the node could take effect after the check: let it finish first.
        if (error.inDoubt) await sleep(IN_DOUBT_MS);
      }
      for (;;) {
        await sleep(delay);
        try {
          const found = await this.findOwn(client, listPath, isOurs, attemptStart - 60_000);
          if (found) {
            this.ledger.foundAfterLostAnswer++;
            return found;
          }
          break;
        } catch (error) {
          if (!(error instanceof NodeUnavailable) || Date.now() > deadline) throw error;
        }
      }
    }
  }

  private async findOwn(client: NodeClient, listPath: string, isOurs: (item: any) => boolean, since: number): Promise<string | null> {
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; sentAt: string }[]; nextCursor: string | null } | null = await client.find(cursor ? `${listPath}&cursor=${encodeURIComponent(cursor)}` : listPath);
      if (!page) return null;
      for (const item of page.items) {
        if (isOurs(item)) return item.id;
        if (Date.parse(item.sentAt) < since) return null;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return null;
  }

  /**
   * One action on an exchange. Before any retry, and after a refusal, the driver reads the
   * exchange: if it is already where the action leads, the action took effect and is done.
   */
  private async transition(client: NodeClient, path: string, action: string, body: unknown, reached: (view: any) => boolean): Promise<void> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (let delay = 500; ; delay = Math.min(delay * 2, 5000)) {
      try {
        const answer = await client.call('POST', `${path}/${action}`, body);
        if (answer.status === 200) return;
        const now = await client.find(path);
        if (now && reached(now)) return;
        throw new NodeRefused(answer.status, answer.body);
      } catch (error) {
        if (!(error instanceof NodeUnavailable) || Date.now() > deadline) throw error;
        this.ledger.retries++;
        // A call still running on the node could take effect after the check: let it finish first.
        if (error.inDoubt) await sleep(IN_DOUBT_MS);
      }
      for (;;) {
        await sleep(delay);
        try {
          const now = await client.find(path);
          if (now && reached(now)) {
            this.ledger.foundAfterLostAnswer++;
            return;
          }
          break;
        } catch (error) {
          if (!(error instanceof NodeUnavailable) || Date.now() > deadline) throw error;
        }
      }
    }
  }

  /** Waits until the exchange is as `reached` wants it on the node (messages cross Kafka asynchronously; nodes may be down meanwhile). */
  seen(country: Country, kind: 'request' | 'alert', id: string, reached: (seen: Seen | null) => boolean, what: string, timeoutMs = STEP_TIMEOUT_MS): Promise<void> {
    return this.watch.until(country, kind, id, reached, what, timeoutMs);
  }

  stop(): void {
    this.watch.stop();
    clearInterval(this.renewal);
  }
}
