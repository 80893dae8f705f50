import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { parseEncryptionKid, TrustStore } from '@imi/envelope';
import { topicNames } from '@imi/messaging';
import { Database } from '@imi/persistence';
import { HubConfig } from '../config';
import { InjectHubConfig } from '../core.module';
import { UNAUTHENTICATED } from './activity-tally';
import { inboxLag } from './inbox-lag';

/** One encryption-key epoch of a member state, as the registry holds it (public metadata). */
export interface KeyEpochView {
  epoch: number | null;
  kid: string;
  status: 'active' | 'revoked' | 'destroyed';
  notBefore: string;
  notAfter: string | null;
}

/** What the hub knows of one member state's node: metadata only, never a message's content. */
export interface MemberStateView {
  node: string;
  status: string;
  /** The newest message the hub saw from this member state (routed, applied or rejected). */
  lastMessageSent: { at: string; type: string } | null;
  /** The newest message the hub routed to this member state's inbox. */
  lastMessageReceived: string | null;
  /** Records in its inbox its node has not read yet; null with the reason when the broker could not tell. */
  inbox: { lag: number | null; unavailable?: string };
  /** Its messages the hub rejected in the last hour, by rejection code. */
  rejectionsLastHour: Record<string, number>;
  /** The trust list version its node had in force at its latest audit checkpoint, and when the hub witnessed that. */
  trustList: { acknowledged: number | null; at: string | null };
  /** Its encryption-key epochs, oldest first; `current` is the newest active one whose period has begun. */
  keyEpochs: { current: number | null; epochs: KeyEpochView[] };
  signingKeys: { active: number; revoked: number };
}

export interface NetworkStatusView {
  generatedAt: string;
  /** The trust list version the hub publishes now. */
  trustListVersion: number;
  memberStates: MemberStateView[];
  /** Records whose signature did not check out (no member state can be named), by code, in the last hour. */
  unauthenticatedRejectionsLastHour: Record<string, number>;
}

/** How long the broker may take to answer the lag queries before the view goes out without them. */
const KAFKA_TIMEOUT_MS = 3000;

/**
 * The operator's view of the network (GET /operations/network, hub:cli status): per member
 * state its registry status, traffic the router saw, inbox lag, recent rejections, the trust list
 * version it acknowledged and its key epochs.
 */
@Injectable()
export class NetworkStatus implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(
    private readonly db: Database,
    private readonly kafka: Kafka,
    private readonly trust: TrustStore,
    @InjectHubConfig() private readonly config: HubConfig,
  ) {}

  async view(now = new Date()): Promise<NetworkStatusView> {
    const [nodes, activity, rejections, checkpoints, keys] = await Promise.all([
      this.db.query<{ code: string; status: string }>('SELECT code, status FROM nodes ORDER BY code'),
      this.db.query<{ node: string; last_sent_at: Date | null; last_sent_type: string | null; last_received_at: Date | null }>('SELECT * FROM member_state_activity'),
      this.db.query<{ node: string; code: string; count: string }>(
        `SELECT node, code, sum(count) AS count FROM member_state_rejections WHERE minute > $1::timestamptz - interval '1 hour' GROUP BY node, code ORDER BY node, code`,
        [now],
      ),
      this.db.query<{ node: string; trust_list_version: string | null; witnessed_at: Date }>('SELECT node, trust_list_version, witnessed_at FROM audit_checkpoints'),
      this.db.query<{ node: string; kid: string; use: 'sig' | 'enc'; status: KeyEpochView['status']; not_before: Date; not_after: Date | null }>(
        'SELECT node, kid, use, status, not_before, not_after FROM node_keys ORDER BY not_before, created_at',
      ),
    ]);
    const lags = await this.inboxLags(nodes.map((n) => n.code));
    const rejectedBy = (node: string) => Object.fromEntries(rejections.filter((r) => r.node === node).map((r) => [r.code, Number(r.count)]));
    return {
      generatedAt: now.toISOString(),
      trustListVersion: this.trust.version,
      memberStates: nodes.map(({ code, status }) => {
        const seen = activity.find((a) => a.node === code);
        const checkpoint = checkpoints.find((c) => c.node === code);
        const epochs: KeyEpochView[] = keys.filter((k) => k.node === code && k.use === 'enc').map((k) => ({
          epoch: parseEncryptionKid(k.kid)?.epoch ?? null, kid: k.kid, status: k.status, notBefore: k.not_before.toISOString(), notAfter: k.not_after?.toISOString() ?? null,
        }));
        const signing = keys.filter((k) => k.node === code && k.use === 'sig');
        return {
          node: code,
          status,
          lastMessageSent: seen?.last_sent_at ? { at: seen.last_sent_at.toISOString(), type: seen.last_sent_type ?? 'unknown' } : null,
          lastMessageReceived: seen?.last_received_at?.toISOString() ?? null,
          inbox: lags.get(code) ?? { lag: null, unavailable: 'not asked' },
          rejectionsLastHour: rejectedBy(code),
          trustList: {
            acknowledged: checkpoint?.trust_list_version ? Number(checkpoint.trust_list_version) : null,
            at: checkpoint?.trust_list_version ? checkpoint.witnessed_at.toISOString() : null,
          },
          keyEpochs: { current: currentEpoch(epochs, now), epochs },
          signingKeys: { active: signing.filter((k) => k.status === 'active').length, revoked: signing.filter((k) => k.status !== 'active').length },
        };
      }),
      unauthenticatedRejectionsLastHour: rejectedBy(UNAUTHENTICATED),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dropAdmin();
  }

  /**
   * Each node's inbox consumer group lag, read with the hub's own admin client: the hub's Kafka
   * user may describe every group (it is the broker's super user in the local stack and in the
   * chart). A broker that does not answer leaves the lag unknown, with the reason.
   */
  private async inboxLags(nodes: string[]): Promise<Map<string, MemberStateView['inbox']>> {
    const lags = new Map<string, MemberStateView['inbox']>();
    if (nodes.length === 0) return lags;
    const topics = topicNames(this.config.topicPrefix);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the broker did not answer in time')), KAFKA_TIMEOUT_MS)));
    try {
      await Promise.race([timeout, (async () => {
        this.admin ??= this.kafka.admin({ retry: { retries: 1 } });
        await this.admin.connect();
        const admin = this.admin;
        await Promise.all(nodes.map(async (node) => {
          const topic = topics.inbox(node);
          try {
            const [offsets, [committed]] = await Promise.all([
              admin.fetchTopicOffsets(topic),
              admin.fetchOffsets({ groupId: `${this.config.topicPrefix}node.${node}`, topics: [topic] }),
            ]);
            lags.set(node, { lag: inboxLag(offsets, committed?.partitions ?? []) });
          } catch (error) {
            lags.set(node, { lag: null, unavailable: kafkaReason(error) });
          }
        }));
      })()]);
    } catch (error) {
      await this.dropAdmin();
      for (const node of nodes) if (!lags.has(node)) lags.set(node, { lag: null, unavailable: kafkaReason(error) });
    } finally {
      clearTimeout(timer);
    }
    return lags;
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}

/** The newest epoch that is active and has begun, at `now`. */
export function currentEpoch(epochs: KeyEpochView[], now: Date): number | null {
  const inForce = epochs.filter((e) => e.status === 'active' && Date.parse(e.notBefore) <= now.getTime() && (e.notAfter === null || Date.parse(e.notAfter) > now.getTime()));
  const newest = inForce.sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore))[0];
  return newest?.epoch ?? null;
}

/** A broker error as an operator reads it: Kafka's error type (e.g. GROUP_AUTHORIZATION_FAILED: the hub's user may not describe the group), or its message. */
function kafkaReason(error: unknown): string {
  const { type, message } = error as { type?: string; message?: string };
  return type ?? message ?? String(error);
}
