import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Database } from '@imi/persistence';
import { addSystem } from '../apps/node/src/back-office/provisioning';
import { RabbitmqManagement } from '../apps/node/src/back-office/rabbitmq-management';
import { systemNames } from '../apps/node/src/back-office/topology';
import { closedLoop, BenchNetwork } from './pipeline';
import { postJson } from './http-client';
import { LatencySummary, round, summarise } from './stats';

export interface AmqpLegResult {
  commands: number;
  concurrency: number;
  /** request.create commands through the bridge, publish to reply, `concurrency` in flight. */
  commandsPerSecond: number;
  /** The same operation over REST (POST /requests) from the same process, in the same conditions. */
  restPerSecond: number;
  /** One at a time, alternating: AMQP command → reply, and POST /requests → response. */
  latency: { amqp: LatencySummary; rest: LatencySummary; addedP50Ms: number; addedP99Ms: number };
}

const requestBody = (n: number) => ({
  addresseeAuthorityId: 'DE-BE-AEK',
  legislativeArea: 'professional-qualifications',
  replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: 'Does the diploma include the specialist training in general medicine?' }],
  subject: { familyName: `Amqp-${n}`, givenNames: 'Camille', dateOfBirth: '1980-01-01', registerNumber: `RPPS-${900000 + n}` },
});

/**
 * The AMQP leg: a back-office system of FR-CNOM sends `request.create` through node FR's bridge
 * (RabbitMQ, confirm channel, reply queue), against the same operation over REST in the same
 * run: commands per second with `concurrency` in flight, and the latency the bridge adds, one
 * operation at a time. The system is added only now, so the REST phases before ran without it.
 */
export async function measureAmqpLeg(network: BenchNetwork, commands: number, concurrency: number): Promise<AmqpLegResult> {
  const amqp = network.frAmqp;
  if (!amqp) throw new Error('node FR runs no back-office bridge (no RabbitMQ in the endpoints)');
  const frDb: Database = network.frDb;
  const management = new RabbitmqManagement(amqp.amqpManagementUrl);
  const credentials = await addSystem(frDb, management, amqp.amqpUrl, 'FR',
    { id: `bench-${randomUUID().slice(0, 8)}`, authorityId: 'FR-CNOM', roles: ['case-handler'] }, amqp.vhost);
  const systemId = credentials.username.replace(/^fr-system-/, '');
  const names = systemNames(systemId);
  // Nagle's algorithm off, as on the node: small commands are not held back waiting for acknowledgements.
  const connection = await connect(credentials.amqpUrl, { noDelay: true });
  connection.on('error', () => undefined);
  const pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  try {
    const channel = await connection.createConfirmChannel();
    // The node declares the system's queues within its poll interval.
    for (let attempt = 0; ; attempt++) {
      const probe = await connection.createChannel();
      probe.on('error', () => undefined);
      try {
        await probe.checkQueue(names.replyQueue);
        await probe.close();
        break;
      } catch (error) {
        if (attempt > 60) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await channel.consume(names.replyQueue, (m) => {
      if (!m) return;
      channel.ack(m);
      const reply = JSON.parse(m.content.toString()) as { status: string; problem?: { detail?: string } };
      const waiting = pending.get(String(m.properties.correlationId));
      pending.delete(String(m.properties.correlationId));
      if (reply.status === 'applied') waiting?.resolve();
      else waiting?.reject(new Error(`command refused: ${reply.problem?.detail}`));
    });
    // Events of the system's authority: read and acknowledged, as a system would.
    await channel.consume(names.eventQueue, (m) => m && channel.ack(m));
    let n = 0;
    const command = () => new Promise<void>((resolve, reject) => {
      const correlationId = randomUUID();
      pending.set(correlationId, { resolve, reject });
      channel.publish(names.commandExchange, '', Buffer.from(JSON.stringify(requestBody(++n))), {
        persistent: true, contentType: 'application/json', type: 'request.create', messageId: randomUUID(), correlationId, replyTo: names.replyQueue,
      }, (error) => error && reject(error));
    });
    const rest = async () => {
      const { status, text } = await postJson(`${network.frUrl}/requests`, requestBody(++n), { authorization: `Bearer ${network.frSession}` });
      if (status !== 201) throw new Error(`POST /requests answered ${status}: ${text}`);
    };
    const timed = async (body: () => Promise<void>) => {
      const start = performance.now();
      await body();
      return performance.now() - start;
    };

    // Warm-up, then throughput (commands, then REST the same way), then latency one at a time.
    await closedLoop(200, concurrency, () => command());
    const throughput = async (body: () => Promise<void>) => {
      const start = performance.now();
      await closedLoop(commands, concurrency, () => body());
      return round(commands / ((performance.now() - start) / 1000));
    };
    const commandsPerSecond = await throughput(command);
    const restPerSecond = await throughput(rest);
    const amqpTimes: number[] = [];
    const restTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      amqpTimes.push(await timed(command));
      restTimes.push(await timed(rest));
    }
    const amqpLatency = summarise(amqpTimes);
    const restLatency = summarise(restTimes);
    return {
      commands, concurrency, commandsPerSecond, restPerSecond,
      latency: { amqp: amqpLatency, rest: restLatency, addedP50Ms: round(amqpLatency.p50Ms - restLatency.p50Ms), addedP99Ms: round(amqpLatency.p99Ms - restLatency.p99Ms) },
    };
  } finally {
    await connection.close().catch(() => undefined);
    await management.deleteUser(credentials.username).catch(() => undefined);
  }
}
