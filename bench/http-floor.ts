import { join } from 'node:path';
import { CpuMeter } from './cpu';
import { postJson, postJsonWithFetch, PostJson } from './http-client';
import { closedLoop, postRequest } from './pipeline';
import { MeasuredProcess } from './processes';
import { round } from './stats';

export interface ClientFigures {
  requests: number;
  requestsPerSecond: number;
  /** CPU of server and client together, per request. */
  cpuMsPerRequest: number;
  clientCpuMsPerRequest: number;
  cpuMs: { server: number; client: number };
}

/** With the bench's client (node:http): what every exchange pays before any work of its own. */
export interface HttpFloor extends ClientFigures {
  /** The same requests sent with fetch, which the bench used before. */
  fetchForComparison: ClientFigures;
}

/**
 * The same POST /requests the pipeline phases send, from the same client at the same
 * concurrency, answered by a bare Nest server (bench/http-floor-server.ts): the HTTP part of an
 * exchange's cost, measured apart.
 */
export async function measureHttpFloor(count: number, concurrency: number): Promise<HttpFloor> {
  const port = 3950;
  const server = MeasuredProcess.start('http floor', join(__dirname, 'http-floor-server.js'), { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const measure = async (post: PostJson): Promise<ClientFigures> => {
    const run = (n: number) => closedLoop(n, concurrency, (i) => postRequest(url, 'bench-floor-token', i, post));
    await run(Math.min(2000, count)); // warm-up: JIT, sockets
    const cpu = new CpuMeter({ [server.child.pid!]: 'http floor' });
    cpu.begin();
    const start = performance.now();
    await run(count);
    const seconds = (performance.now() - start) / 1000;
    const { cpuMs } = cpu.end();
    const serverMs = cpuMs['http floor'] ?? 0;
    const clientMs = cpuMs['bench driver'] ?? 0;
    return {
      requests: count,
      requestsPerSecond: round(count / seconds),
      cpuMsPerRequest: round((serverMs + clientMs) / count, 3),
      clientCpuMsPerRequest: round(clientMs / count, 3),
      cpuMs: { server: round(serverMs), client: round(clientMs) },
    };
  };
  try {
    await server.waitHealthy(`${url}/health`);
    const floor = await measure(postJson);
    return { ...floor, fetchForComparison: await measure(postJsonWithFetch) };
  } finally {
    await server.stop();
  }
}
