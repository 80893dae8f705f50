import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** As `npm start` runs hub and nodes (scripts/start.mjs): a heap of 192 MB. */
const HEAP_FLAG = '--max-old-space-size=192';

/** A spawned hub or node process, with its memory sampled while it runs. */
export class MeasuredProcess {
  private peakRssKb = 0;
  private sampler: NodeJS.Timeout | null = null;
  readonly log: string[] = [];

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      // BENCH_LOG_DIR keeps each process's whole output (<name>.log), for a look after a run.
      const file = process.env.BENCH_LOG_DIR ? join(process.env.BENCH_LOG_DIR, `${name.replace(/\s+/g, '-')}.log`) : null;
      stream?.on('data', (chunk: Buffer) => {
        if (file) appendFileSync(file, chunk);
        this.log.push(chunk.toString());
        if (this.log.length > 200) this.log.shift();
      });
    }
  }

  static start(name: string, script: string, env: Record<string, string>): MeasuredProcess {
    // BENCH_NODE_ARGS (e.g. "--prof") reaches every hub and node process: for profiling a run.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [HEAP_FLAG, ...nodeArgs, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    // A bench that dies must not leave a hub or node behind: the next run would find its ports taken.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    return new MeasuredProcess(name, child);
  }

  async waitHealthy(url: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited: ${this.log.join('').slice(-2000)}`);
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} not healthy at ${url}`);
  }

  /** Current resident set size in MiB, from /proc. */
  rssMb(): number {
    return kb(this.child.pid!, 'VmRSS') / 1024;
  }

  /** Starts (or restarts) the peak-RSS window for one phase of the benchmark. */
  startSampling(): void {
    this.peakRssKb = 0;
    this.stopSampling();
    this.sampler = setInterval(() => {
      this.peakRssKb = Math.max(this.peakRssKb, kb(this.child.pid!, 'VmRSS'));
    }, 100);
  }

  stopSampling(): number {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    return Math.round(this.peakRssKb / 1024);
  }

  /** The process's lifetime high-water mark of resident memory, in MiB. */
  highWaterMb(): number {
    return Math.round(kb(this.child.pid!, 'VmHWM') / 1024);
  }

  async stop(): Promise<void> {
    // Exited already, by itself or on a signal (a Nest app re-raises SIGTERM after its shutdown hooks).
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

function kb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
