/**
 * Whether the schema registry answers, for a readiness endpoint: one small GET (the schema types
 * it supports, Confluent's API) with a short timeout, its answer kept for a moment.
 */
export class RegistryProbe {
  private last: { at: number; ready: Promise<boolean> } | null = null;

  constructor(
    private readonly registryUrl: string,
    private readonly options: { cacheMs?: number; timeoutMs?: number } = {},
  ) {}

  ready(now = Date.now()): Promise<boolean> {
    if (this.last && now - this.last.at < (this.options.cacheMs ?? 1000)) return this.last.ready;
    const ready = this.check();
    this.last = { at: now, ready };
    return ready;
  }

  private async check(): Promise<boolean> {
    try {
      const response = await fetch(`${this.registryUrl.replace(/\/$/, '')}/schemas/types`, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 1000) });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }
}
