import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { FETCH_WAIT_MS, SupervisedConsumer, superviseConsumer, topicNames } from '@imi/messaging';
import { HubConfig } from '../config';
import { InjectHubConfig } from '../core.module';
import { HEADERS, MessageRejected } from '@imi/envelope';
import { HubMetrics } from '@imi/metrics';
import { AuditCheckpointHandler } from '../audit-witness/audit-checkpoint.handler';
import { RegistrationHandler } from '../directory/registration.handler';
import { routedOutcome } from '../metrics/routed-outcome';
import { NetworkActivity } from '../operations/network-activity';
import { isFenced, nextOffset, unrouted } from './partition-claim';
import { PartitionClaim, PartitionClaims } from './partition-claims';
import { RouteObservation } from './route-observation';
import { Router, RoutingOutcome } from './router';
import { TransactionOutputs } from './transaction-outputs';

export const ROUTER_GROUP = 'hub.router';

/** One routing transaction in the making: its outputs, and what is told once it committed. */
interface RoutingStep {
  outputs: TransactionOutputs;
  outcomes: RoutingOutcome[];
  rejected: number;
  /** The offset of its last ingress record. */
  lastOffset: string;
  seen: ReturnType<NetworkActivity['batch']>;
  observed: RouteObservation;
}
/** How many ingress partitions' batches one instance routes at once (at most the partitions it holds). */
const ROUTED_CONCURRENTLY = 8;
/** A batch routed for longer than this is reported (with the step it is at). */
const SLOW_BATCH_MS = 60_000;

/**
 * Consumes `hub.ingress` and produces the routed copies and rejections inside one Kafka
 * transaction together with the consumed offsets: a crash mid-batch routes nothing twice.
 * Several hub instances share the partitions through the consumer group; each partition is
 * routed under a transactional id of its own (see PartitionClaims), so an instance that lost a
 * partition without noticing (paused, cut off) is fenced and cannot commit it any more.
 */
@Injectable()
export class RoutingConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingConsumer.name);
  private consumer: Consumer | null = null;
  private supervision: SupervisedConsumer | null = null;
  private readonly group: string;
  private readonly topic: string;
  private readonly claims: PartitionClaims;
  /** The ingress partitions the group gave this instance at its last join. */
  private assigned = new Set<number>();
  /** Partitions another instance claimed since that join: paused here for a while (see route). */
  private readonly lost = new Set<number>();
  /** Records routed (or rejected, or applied) by this instance, per ingress partition: for operators and tests. */
  readonly routed = new Map<number, number>();
  /** How many times another instance's claim fenced this one's transaction. */
  fences = 0;
  /** How many generations of the group this instance joined (each one claims its partitions anew). */
  joins = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly router: Router,
    private readonly registrations: RegistrationHandler,
    private readonly checkpoints: AuditCheckpointHandler,
    private readonly activity: NetworkActivity,
    @InjectHubConfig() private readonly config: HubConfig,
    private readonly metrics: HubMetrics,
  ) {
    this.group = `${config.topicPrefix}${ROUTER_GROUP}`;
    this.topic = topicNames(config.topicPrefix).ingress;
    this.claims = new PartitionClaims(kafka, config.topicPrefix, this.group, this.topic);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.claims.connect();
    const consumer = this.kafka.consumer({
      groupId: this.group,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // Bounds how long a stop waits for the open fetch.
      maxWaitTimeInMs: FETCH_WAIT_MS,
      // How soon the partitions of an instance that died move to the others.
      sessionTimeout: this.config.routerSessionTimeoutMs,
      heartbeatInterval: Math.max(Math.floor(this.config.routerSessionTimeoutMs / 10), 500),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => this.joined(payload.memberAssignment[this.topic] ?? []));
    const start = async () => {
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        // Each partition commits under a transactional id of its own, so their transactions are
        // independent: routed side by side, one partition's five round trips to Kafka per batch
        // do not hold back the others' records.
        partitionsConsumedConcurrently: ROUTED_CONCURRENTLY,
        eachBatch: (payload) => this.route(payload),
      });
    };
    // A crash kafkajs deems final (an error it does not count as retriable) must not end routing for good: start again.
    this.supervision = superviseConsumer(consumer, start, { onCrash: (error) => this.logger.warn(`router restarts: ${error.message}`) });
    await start();
  }

  /** The ingress partitions the group gives this instance now. */
  get partitions(): number[] {
    return [...this.assigned].sort((a, b) => a - b);
  }

  /** Whether the router's consumer is in its group, for the readiness probe. */
  get ready(): boolean {
    return this.supervision?.ready ?? false;
  }

  async onApplicationShutdown(): Promise<void> {
    this.supervision?.stop();
    await this.consumer?.disconnect();
    await this.claims.close();
  }

  /**
   * A new generation of the group: every partition is claimed again, even one this instance kept,
   * since another instance may have held it in between (this one was cut off and rejoined).
   * Claimed at once, not at the first record: claiming aborts what a dead owner left open, which
   * holds back the nodes' read-committed consumers of every inbox it wrote to until then.
   */
  private joined(partitions: number[]): void {
    this.joins++;
    this.assigned = new Set(partitions);
    if (this.lost.size > 0) this.consumer?.resume([{ topic: this.topic, partitions: [...this.lost] }]);
    this.lost.clear();
    void this.claims.releaseAll();
    for (const partition of partitions) {
      this.claims.claim(partition).catch((error: Error) => this.logger.warn(`ingress partition ${partition} not claimed yet: ${error.message}`));
    }
  }

  /** Routes one batch; says so in the log if it is still at it after a minute (a stall would otherwise be silent). */
  private async route(payload: EachBatchPayload): Promise<void> {
    const progress = { stage: 'claiming the partition' };
    const { partition, messages } = payload.batch;
    const slow = setTimeout(() => this.logger.warn({ msg: `ingress partition ${partition}: a batch of ${messages.length} records is not routed after ${SLOW_BATCH_MS / 1000} s`, stage: progress.stage }), SLOW_BATCH_MS);
    slow.unref();
    try {
      await this.routeBatch(payload, progress);
    } finally {
      clearTimeout(slow);
    }
  }

  /**
   * Routes what the batch holds past the committed offset, in as few transactions as the send
   * size allows (TransactionOutputs): each commits its outputs with the offset after its last
   * record, so a backlog is routed in steps and a crash between them loses and repeats nothing.
   */
  private async routeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }: EachBatchPayload, progress: { stage: string }): Promise<void> {
    const partition = batch.partition;
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    if (!this.assigned.has(partition) || this.lost.has(partition)) return;
    const claim = await this.claims.claim(partition);
    const records = unrouted(batch.messages, claim.committed);
    let step = this.newStep(partition);
    for (const message of records) {
      if (!step.outputs.fits(message)) {
        // The next transaction starts at this record: commit the previous ones' outputs and offset.
        if (!(await this.commitStep(step, claim, message.offset, progress))) return this.fenced(partition, pause, heartbeat);
        resolveOffset(step.lastOffset);
        await heartbeat();
        if (!isRunning() || isStale()) return;
        step = this.newStep(partition);
      }
      progress.stage = 'inspecting its records';
      const record = { ...message, partition };
      const traced = step.observed.record(message.headers);
      let outcome = await this.router.inspect(record);
      if (outcome.kind === 'for-hub') outcome = await this.applyHere(outcome, message.headers?.[HEADERS.signature]?.toString() ?? '');
      if (outcome.kind === 'reject') step.rejected++;
      step.outcomes.push(outcome);
      step.seen.add(outcome);
      step.observed.outcome(traced.span, outcome);
      step.outputs.add(this.router.outputs(record, outcome, new Date(), traced.headers));
      step.lastOffset = message.offset;
    }
    if (step.outputs.records > 0 && !(await this.commitStep(step, claim, nextOffset(batch.lastOffset()), progress))) {
      return this.fenced(partition, pause, heartbeat);
    }
    resolveOffset(batch.lastOffset());
    progress.stage = 'heartbeat';
    await heartbeat();
  }

  private newStep(partition: number): RoutingStep {
    return {
      outputs: new TransactionOutputs(), outcomes: [], rejected: 0, lastOffset: '',
      seen: this.activity.batch(), observed: new RouteObservation(this.logger, partition),
    };
  }

  /** Produces a step's outputs and commits `next` as the partition's offset, in one transaction; false if another instance fenced it. */
  private async commitStep(step: RoutingStep, claim: PartitionClaim, next: string, progress: { stage: string }): Promise<boolean> {
    progress.stage = 'producing and committing';
    try {
      await this.claims.route(claim, step.outputs.topicMessages, next);
    } catch (error) {
      step.observed.failed(error);
      if (!isFenced(error)) throw error;
      return false;
    }
    this.routed.set(claim.partition, (this.routed.get(claim.partition) ?? 0) + step.outputs.records);
    step.observed.committed();
    // Counted once committed: records routed again after an aborted transaction are not counted twice.
    this.metrics.count(step.outcomes.map(routedOutcome));
    step.seen.committed();
    if (step.rejected > 0) this.logger.warn(`rejected ${step.rejected} of ${step.outputs.records} messages on partition ${claim.partition}`);
    return true;
  }

  /**
   * Another instance claimed this partition after us, and routes it from what was committed. If
   * the group moved on, the heartbeat fails and kafkajs rejoins. If not, the other is an instance
   * cut off from an older generation (it may even have died since): claim again once it has had
   * a session's time to learn it lost the partition.
   */
  private async fenced(partition: number, pause: EachBatchPayload['pause'], heartbeat: EachBatchPayload['heartbeat']): Promise<void> {
    this.logger.warn(`ingress partition ${partition} was claimed by another hub instance: paused here`);
    this.fences++;
    this.metrics.fenced.inc();
    this.lost.add(partition);
    const resume = pause();
    setTimeout(() => this.lost.delete(partition) && resume(), this.config.routerSessionTimeoutMs).unref();
    await heartbeat();
  }

  /**
   * A message for the hub itself (a directory update, an audit checkpoint) is applied in the
   * hub's database before the batch's transaction: a batch consumed again applies it again as a
   * no-op (by message id). `signature`: the sender's JWS header, verified by the router.
   */
  private async applyHere(outcome: Extract<RoutingOutcome, { kind: 'for-hub' }>, signature: string): Promise<RoutingOutcome> {
    try {
      const { envelope } = outcome;
      const applied = envelope.type === 'audit.checkpoint' ? await this.checkpoints.apply(envelope, signature) : await this.registrations.apply(envelope);
      return { ...outcome, duplicate: applied === 'duplicate' };
    } catch (error) {
      if (!(error instanceof MessageRejected)) throw error;
      return { kind: 'reject', code: error.code, reason: error.message, envelope: outcome.envelope, authenticatedSender: outcome.envelope.senderNode };
    }
  }
}
