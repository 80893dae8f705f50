import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../stack/free-port';

/** Debian's package (`apt-get install prometheus`; .ci/run installs it). */
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  labels?: Record<string, string>;
}

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

/**
 * A Prometheus server of the test's own: a generated configuration, storage in a temporary
 * folder, a free port, every target scraped each second. Stopped (and its folder removed) by
 * `stop`.
 */
export class PrometheusServer {
  private constructor(
    readonly url: string,
    private readonly process: ChildProcess,
    private readonly dir: string,
    private readonly output: string[],
  ) {}

  static async start(targets: ScrapeTarget[]): Promise<PrometheusServer> {
    if (!existsSync(PROMETHEUS)) throw new Error(`no Prometheus at ${PROMETHEUS}: apt-get install prometheus (or set PROMETHEUS_BIN)`);
    const dir = mkdtempSync(join(tmpdir(), 'imi-prometheus-'));
    const config = {
      global: { scrape_interval: '1s', scrape_timeout: '900ms', evaluation_interval: '1s' },
      scrape_configs: [...new Set(targets.map((t) => t.job))].map((job) => ({
        job_name: job,
        static_configs: targets.filter((t) => t.job === job).map((t) => ({ targets: [t.address], labels: t.labels ?? {} })),
      })),
    };
    // JSON is YAML: Prometheus reads it as its configuration.
    writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(PROMETHEUS, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk) => output.push(chunk.toString()));
    const server = new PrometheusServer(`http://127.0.0.1:${port}`, child, dir, output);
    await server.waitReady();
    return server;
  }

  /** An instant PromQL query over the HTTP API; its samples with their values as numbers. */
  async query(promql: string): Promise<Sample[]> {
    const response = await fetch(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as { status: string; error?: string; data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] } };
    if (body.status !== 'success') throw new Error(`PromQL ${promql}: ${body.error}`);
    if (body.data.resultType !== 'vector') throw new Error(`PromQL ${promql}: a ${body.data.resultType}, not a vector`);
    return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  /** The health of every target as Prometheus sees it. */
  async targets(): Promise<{ job: string; health: string; lastError: string }[]> {
    const body = (await (await fetch(`${this.url}/api/v1/targets`)).json()) as { data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] } };
    return body.data.activeTargets.map((t) => ({ job: t.labels.job, health: t.health, lastError: t.lastError }));
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`prometheus exited with ${this.process.exitCode}: ${this.output.join('')}`);
      try {
        if ((await fetch(`${this.url}/-/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`prometheus not ready at ${this.url}: ${this.output.join('')}`);
  }
}
