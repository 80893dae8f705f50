import { randomBytes } from 'node:crypto';
import { nodeUsername, nodeVhost, systemPermissions, systemUsername } from './topology';

/**
 * The RabbitMQ management HTTP API, as its administrator (URL with user and password):
 * vhosts, users and their permissions. Used by the node CLI and the tests, never by the node.
 */
export class RabbitmqManagement {
  private readonly base: string;
  private readonly authorization: string;

  constructor(managementUrl: string) {
    const url = new URL(managementUrl);
    this.authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
    this.base = url.toString().replace(/\/$/, '');
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.base}/api${path}`, {
      method,
      headers: { authorization: this.authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok && !(method === 'DELETE' && response.status === 404)) {
      throw new Error(`RabbitMQ management ${method} ${path.split('/').slice(0, 2).join('/')}: HTTP ${response.status}`);
    }
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  async putVhost(vhost: string): Promise<void> {
    await this.call('PUT', `/vhosts/${encodeURIComponent(vhost)}`, { description: 'IMI node back-office bridge', default_queue_type: 'quorum' });
  }

  async deleteVhost(vhost: string): Promise<void> {
    await this.call('DELETE', `/vhosts/${encodeURIComponent(vhost)}`);
  }

  async putUser(username: string, password: string): Promise<void> {
    await this.call('PUT', `/users/${encodeURIComponent(username)}`, { password, tags: '' });
  }

  async deleteUser(username: string): Promise<void> {
    await this.call('DELETE', `/users/${encodeURIComponent(username)}`);
  }

  async putPermissions(vhost: string, username: string, permissions: { configure: string; write: string; read: string }): Promise<void> {
    await this.call('PUT', `/permissions/${encodeURIComponent(vhost)}/${encodeURIComponent(username)}`, permissions);
  }

  /** Messages of a queue, for operators and tests: taken off the queue (ackmode ack_requeue_false) or left (requeue true). */
  async getMessages(vhost: string, queue: string, count: number, requeue = true): Promise<{ payload: string; properties: Record<string, unknown> }[]> {
    return (await this.call('POST', `/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}/get`, {
      count, ackmode: requeue ? 'ack_requeue_true' : 'ack_requeue_false', encoding: 'auto',
    })) as { payload: string; properties: Record<string, unknown> }[];
  }
}

const drawPassword = () => randomBytes(24).toString('base64url');

function withUser(amqpBaseUrl: string, username: string, password: string, vhost: string): string {
  const url = new URL(amqpBaseUrl);
  url.username = encodeURIComponent(username);
  url.password = encodeURIComponent(password);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  return url.toString();
}

/**
 * A node's vhost and its own user, which declares its exchanges and queues there and nothing
 * elsewhere. Returns the node's AMQP_URL (a new password each time: the previous one stops working).
 */
export async function setUpNodeVhost(
  management: RabbitmqManagement, amqpBaseUrl: string, country: string, vhost = nodeVhost(country), username = nodeUsername(country),
): Promise<{ vhost: string; amqpUrl: string }> {
  const password = drawPassword();
  await management.putVhost(vhost);
  await management.putUser(username, password);
  await management.putPermissions(vhost, username, { configure: '.*', write: '.*', read: '.*' });
  return { vhost, amqpUrl: withUser(amqpBaseUrl, username, password, vhost) };
}

/** A system's AMQP user on its node's vhost, with exactly its own resources (topology.ts). */
export async function setUpSystemUser(
  management: RabbitmqManagement, amqpBaseUrl: string, country: string, systemId: string, vhost = nodeVhost(country),
): Promise<{ username: string; password: string; amqpUrl: string }> {
  const username = systemUsername(country, systemId);
  const password = drawPassword();
  await management.putUser(username, password);
  await management.putPermissions(vhost, username, systemPermissions(systemId));
  return { username, password, amqpUrl: withUser(amqpBaseUrl, username, password, vhost) };
}
