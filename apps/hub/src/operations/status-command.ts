import type { NetworkStatusView } from './network-status';
import { renderNetworkStatus } from './network-status.table';

/** Where `hub:cli status` asks: --hub, else HUB_URL, else the hub `npm start` runs. */
export function hubUrl(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return (given ?? env.HUB_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
}

/** `hub:cli status`: the hub's GET /operations/network, as a table (or the JSON itself). */
export async function networkStatus(url: string, json: boolean): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${url}/operations/network`, { signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    throw new Error(`the hub at ${url} did not answer (${(error as Error).message}); is it running? (--hub URL or HUB_URL)`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 200);
    try {
      detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
    } catch {
      // not problem details: the start of the body says enough
    }
    throw new Error(`the hub at ${url} answered ${response.status}: ${detail}`);
  }
  return json ? text : renderNetworkStatus(JSON.parse(text) as NetworkStatusView);
}
