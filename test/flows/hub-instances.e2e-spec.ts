import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { createKafka, idempotentProducer, topicNames } from '@imi/messaging';
import { InboundProcessor } from '../../apps/node/src/messaging/inbound.processor';
import { isFenced, routerTransactionalId } from '../../apps/hub/src/routing/partition-claim';
import { PartitionClaims } from '../../apps/hub/src/routing/partition-claims';
import { ROUTER_GROUP, RoutingConsumer } from '../../apps/hub/src/routing/routing.consumer';
import { kafkaCredentials, stackEndpoints } from '../stack/endpoints';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';

const ROOT = join(__dirname, '../..');

/** A hub instance as it ships, in a process of its own, so that it can be killed outright. */
interface HubProcess {
  id: string;
  child: ChildProcess;
  /** Its log lines: which ingress partitions it claimed, from which committed offset. */
  lines: string[];
}

/**
 * Several hub instances share `hub.ingress` through the router's consumer group. One is killed
 * (SIGKILL) in the middle of traffic and another joins; every message still arrives exactly once
 * where it is applied. The test also shows the fencing that makes it so with kafkajs: a producer of
 * an instance that lost its partition cannot commit after the new owner claimed it.
 */
describe('several hub instances', () => {
  let network: TestNetwork;
  let buildDir: string;
  let kafka: Kafka;
  const processes: HubProcess[] = [];

  beforeAll(async () => {
    // The hub compiled the way `npm run build` does, into a folder that still sees node_modules.
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    buildDir = mkdtempSync(join(ROOT, '.cache', 'hub-instance-'));
    const swc = spawnSync(join(ROOT, 'node_modules/.bin/swc'), ['apps/hub/src', 'libs', '-d', buildDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'], { cwd: ROOT, encoding: 'utf8' });
    if (swc.status !== 0) throw new Error(`compiling the hub failed: ${swc.stderr}`);
    cpSync(join(ROOT, 'apps/hub/migrations'), join(buildDir, 'apps/hub/migrations'), { recursive: true });
    // The broker's smallest session timeout: a killed instance's partitions move after 6 s.
    network = await TestNetwork.start(THREE_NODES, { hubRouterSessionTimeoutMs: 6000 });
    kafka = createKafka(stackEndpoints().kafkaBrokers, 'hub-instances-test', kafkaCredentials('hub'));
  });

  afterAll(async () => {
    await Promise.all(processes.map(({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }));
    await network?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  function startHub(id: string): HubProcess {
    const child = spawn(process.execPath, [join(buildDir, 'apps/hub/src/main.js')], {
      cwd: ROOT, env: { PATH: process.env.PATH, ...network.hubEnv, HUB_INSTANCE_ID: id, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hub: HubProcess = { id, child, lines: [] };
    const collect = (chunk: Buffer) => hub.lines.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    processes.push(hub);
    return hub;
  }

  async function groupMembers(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([`${network.prefix}${ROUTER_GROUP}`]);
      return groups[0]?.state === 'Stable' ? groups[0].members.length : -1;
    } finally {
      await admin.disconnect();
    }
  }

  const claimedBy = (hub: HubProcess) => hub.lines.filter((l) => /routes \S+ partition \d+ from offset \d+/.test(l));

  type Sent = { id: string; from: ReturnType<typeof actingFor>; to: 'FR' | 'DE' };
  const authority = (code: string, id: string) => actingFor(network.node(code), id);
  const send = async (from: ReturnType<typeof actingFor>, to: string): Promise<Sent> => {
    const r = await from.post('/requests', {
      addresseeAuthorityId: to, legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson', givenNames: 'Instance', dateOfBirth: '1980-01-01' },
    });
    expect(r.status).toBe(201);
    return { id: r.body.id as string, from, to: to === 'FR-CNOM' ? 'FR' : 'DE' };
  };
  /** Requests across the three nodes: DE → FR, FR → DE, ES → DE. */
  const burst = (n: number) => Promise.all(Array.from({ length: n }, (_, i) =>
    i % 3 === 0 ? send(authority('DE', 'DE-BE-AEK'), 'FR-CNOM') : send(i % 3 === 1 ? authority('FR', 'FR-CNOM') : authority('ES', 'ES-MSAN'), 'DE-BE-AEK')));

  /** Each request is at its addressee exactly once and, accepted there, reaches its requester as accepted; every receipt came back. */
  async function deliveredExactlyOnce(sent: Sent[]): Promise<void> {
    for (const request of sent) {
      const addressee = request.to === 'FR' ? authority('FR', 'FR-CNOM') : authority('DE', 'DE-BE-AEK');
      await eventually(async () => expect((await addressee.get(`/requests/${request.id}`)).status).toBe(200), 60_000);
      expect((await addressee.post(`/requests/${request.id}/accept`)).body.state).toBe('accepted');
    }
    for (const request of sent) {
      await eventually(async () => expect((await request.from.get(`/requests/${request.id}`)).body.state).toBe('accepted'), 60_000);
    }
    const ids = new Set(sent.map((r) => r.id));
    for (const code of ['DE', 'FR', 'ES']) {
      const db = network.node(code).db;
      expect(await db.query('SELECT id, count(*) AS copies FROM requests GROUP BY id HAVING count(*) > 1')).toEqual([]);
      await eventually(async () => expect(await db.query('SELECT message_id FROM deliveries WHERE delivered_at IS NULL')).toEqual([]), 60_000);
      const held = await db.query<{ id: string }>('SELECT id FROM requests WHERE role = $1', ['addressee']);
      expect(held.filter((r) => ids.has(r.id))).toHaveLength(sent.filter((r) => r.to === code).length);
    }
  }

  it('routes every message exactly once while an instance is killed and another joins', async () => {
    const router = network.hub!.get(RoutingConsumer);
    const second = startHub('2');
    await eventually(async () => expect(await groupMembers()).toBe(2), 30_000);

    const sent = await burst(9);
    await eventually(async () => expect(claimedBy(second).length).toBeGreaterThan(0), 20_000);
    const partitionsOfSecond = claimedBy(second).map((l) => Number(/partition (\d+)/.exec(l)![1]));
    // Killed outright mid-traffic: no leave-group, no commit; its partitions move when its session times out.
    const during = burst(9);
    second.child.kill('SIGKILL');
    sent.push(...(await during));
    await eventually(async () => expect(await groupMembers()).toBe(1), 30_000);
    sent.push(...(await burst(9)));
    // This instance claimed the dead one's partitions and routes them from what that one committed.
    await eventually(async () => expect([...router.routed.keys()]).toEqual(expect.arrayContaining(partitionsOfSecond)), 30_000);
    const third = startHub('3');
    await eventually(async () => expect(await groupMembers()).toBe(2), 30_000);
    sent.push(...(await burst(6)));

    expect(new Set(sent.map((r) => r.id)).size).toBe(33);
    await deliveredExactlyOnce(sent);

    // Each instance routed: this one its own partitions and then the killed one's; the one that joined, those it was given.
    expect(partitionsOfSecond.length).toBeGreaterThan(0);
    expect(claimedBy(third).length).toBeGreaterThan(0);
    const duplicates = ['DE', 'FR', 'ES'].map((code) => `${code} ${network.node(code).app!.get(InboundProcessor).counts.duplicate}`);
    process.stdout.write(`hub instances: routed by instance 1 per partition ${JSON.stringify(Object.fromEntries(router.routed))}; claims: instance 2 ${partitionsOfSecond}, instance 3 ${claimedBy(third).map((l) => /partition (\d+) from offset (\d+)/.exec(l)!.slice(1).join('@'))}; inbox duplicates dropped: ${duplicates.join(', ')}\n`);
  });

  it('takes back partitions claimed behind its back by an instance that then died, and routes them exactly once', async () => {
    const router = network.hub!.get(RoutingConsumer);
    for (const hub of processes) if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGTERM');
    await eventually(async () => expect(router.partitions).toEqual([0, 1, 2]), 30_000);
    const routedHere = () => [...router.routed.values()].reduce((a, b) => a + b, 0);
    const sent: Sent[] = [];
    // A group join between the other's claims and this instance's next batch would claim every
    // partition anew and route without a fence (right too, but not what this test is about): on
    // a loaded machine a late rebalance can do that, so the case is tried again until it ran
    // within one generation of the group.
    let withinOneGeneration = false;
    for (let attempt = 1; attempt <= 3 && !withinOneGeneration; attempt++) {
      await eventually(async () => expect(await groupMembers()).toBe(1), 30_000);
      const before = routedHere();
      sent.push(...(await burst(6)));
      // Routed here, so this instance holds claims when the other claims behind its back.
      await eventually(async () => expect(routedHere()).toBeGreaterThanOrEqual(before + 6), 30_000);
      const joinsBefore = router.joins;
      const fencesBefore = router.fences;
      // An instance cut off from an older generation claims every partition, then dies without routing.
      const claimer = new PartitionClaims(kafka, network.prefix, `${network.prefix}${ROUTER_GROUP}`, topicNames(network.prefix).ingress);
      await claimer.connect();
      for (const partition of [0, 1, 2]) await claimer.claim(partition);
      await claimer.close();
      sent.push(...(await burst(9)));
      await deliveredExactlyOnce(sent);
      withinOneGeneration = router.joins === joinsBefore;
      // This instance was fenced where it held a claim, paused, and claimed the partition back.
      if (withinOneGeneration) expect(router.fences).toBeGreaterThan(fencesBefore);
    }
    expect(withinOneGeneration).toBe(true);
  });

  it('fences a producer of an instance that lost its partition: after the new owner claimed it, it commits nothing', async () => {
    const prefix = `${network.prefix}fencing.`;
    const topics = topicNames(prefix);
    const out = topics.inbox('DE');
    const group = `${prefix}${ROUTER_GROUP}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: topics.ingress, numPartitions: 1 }, { topic: out, numPartitions: 1 }] });
    await admin.disconnect();
    const offsets = (offset: string) => ({ consumerGroupId: group, topics: [{ topic: topics.ingress, partitions: [{ partition: 0, offset }] }] });

    // The old owner routes a batch and commits it, then starts another.
    const zombie = idempotentProducer(kafka, { transactionalId: routerTransactionalId(prefix, 0) });
    await zombie.connect();
    const first = await zombie.transaction();
    await first.sendBatch({ topicMessages: [{ topic: out, messages: [{ key: 'k', value: 'committed before the claim' }] }] });
    await first.sendOffsets(offsets('7'));
    await first.commit();
    const open = await zombie.transaction();
    await open.sendBatch({ topicMessages: [{ topic: out, messages: [{ key: 'k', value: 'open at the claim' }] }] });
    await open.sendOffsets(offsets('9'));

    // The new owner claims the partition: the open transaction is aborted, the committed batch counted as routed.
    const claims = new PartitionClaims(kafka, prefix, group, topics.ingress);
    await claims.connect();
    try {
      const claim = await claims.claim(0);
      expect(claim.committed).toBe(7n);
      const late = await open.commit().then(() => null, (error: unknown) => error);
      expect(isFenced(late)).toBe(true);
      await zombie.disconnect();

      // What the inbox's (read-committed) consumer sees, and the group's offset: the first batch only.
      const check = kafka.admin();
      await check.connect();
      const [committed] = await check.fetchOffsets({ groupId: group, topics: [topics.ingress] });
      await check.disconnect();
      expect(committed.partitions[0].offset).toBe('7');
      expect(await readCommitted(kafka, out)).toEqual(['committed before the claim']);
    } finally {
      await claims.close();
    }
  });
});

/** The values a read-committed consumer sees on a one-partition topic, up to its end. */
async function readCommitted(kafka: Kafka, topic: string): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  const [end] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${topic}.reader`, readUncommitted: false });
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  // Aborted records and transaction markers never reach eachBatch, but their batches are reported as processed.
  const done = new Promise<void>((resolve) => {
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (BigInt(payload.lastOffset) + 1n >= BigInt(end.high)) resolve();
    });
  });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
  await done;
  await consumer.disconnect();
  return values;
}
