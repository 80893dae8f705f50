import { Agent, request } from 'node:http';
import { sessionFor } from './http';
import { TestNetwork } from './network';

/**
 * A node stops while a client keeps it busy: the HTTP server's close waits for every open
 * connection, so a client reusing its keep-alive connection used to hold a stopping node until
 * the client stopped.
 */
describe('a node stopping under HTTP traffic', () => {
  let network: TestNetwork;

  beforeAll(async () => {
    network = await TestNetwork.start({
      nodes: [{ code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] }],
    });
  });

  afterAll(async () => {
    await network?.close();
  });

  it('stops while clients keep sending on their keep-alive connections', async () => {
    const url = network.node('FR').url;
    // A call that waits on the database, so the connections are busy, not idle, when the stop comes.
    const token = await sessionFor(network.node('FR'), 'FR-CNOM');
    let sending = true;
    const connectionHeaders: (string | undefined)[] = [];
    // node:http on kept-alive connections, as a load generator or a reverse proxy holds them.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const get = () => new Promise<void>((resolve, reject) => {
      const call = request(`${url}/requests`, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        connectionHeaders.push(response.headers.connection);
        response.resume();
        response.on('end', resolve);
      });
      call.on('error', reject);
      call.end();
    });
    const client = async () => {
      while (sending) {
        try {
          await get();
        } catch {
          break; // the server is gone
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(connectionHeaders.length).toBeGreaterThan(0);
    expect(connectionHeaders.every((h) => h === 'keep-alive')).toBe(true);

    const stopped = network.stopNode('FR').then(() => 'stopped' as const);
    const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 60_000).unref());
    const outcome = await Promise.race([stopped, hung]);
    sending = false;
    await Promise.all(clients);
    agent.destroy();
    expect(outcome).toBe('stopped');
    // What was asked while the node stopped was answered, each time ending its connection.
    expect(connectionHeaders).toContain('close');
    await network.startNode('FR');
  });
});
