import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent by each part of the running system (from /proc): which process the pipeline's
 * time goes to. Kafka, Postgres and Apicurio run beside the hub and nodes on the same two cores,
 * so every millisecond they spend per exchange is taken from the pipeline.
 */
export type Component = 'hub' | 'node FR' | 'node DE' | 'kafka' | 'postgres' | 'schema registry' | 'bench driver';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export class CpuMeter {
  private start = new Map<number, { component: Component; ticks: number }>();

  /** `pids` names the hub and node processes, which the command line alone does not tell apart. */
  constructor(private readonly pids: Record<number, Component>) {}

  begin(): void {
    this.start = snapshot(this.pids);
  }

  /** CPU milliseconds per component since begin(), counting processes that came or went. */
  end(): Record<Component, number> {
    const now = snapshot(this.pids);
    const total = {} as Record<Component, number>;
    for (const [pid, { component, ticks }] of now) {
      const before = this.start.get(pid)?.ticks ?? 0;
      total[component] = (total[component] ?? 0) + ((ticks - before) * 1000) / TICKS_PER_SECOND;
    }
    return total;
  }
}

function snapshot(pids: Record<number, Component>): Map<number, { component: Component; ticks: number }> {
  const out = new Map<number, { component: Component; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const component = pids[pid] ?? classify(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), pid);
      if (!component) continue;
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, { component, ticks: Number(fields[11]) + Number(fields[12]) }); // utime + stime
    } catch {
      // the process ended between listing and reading
    }
  }
  return out;
}

function classify(cmdline: string, pid: number): Component | null {
  if (pid === process.pid) return 'bench driver';
  if (cmdline.includes('kafka.Kafka')) return 'kafka';
  if (cmdline.includes('apicurio')) return 'schema registry';
  if (cmdline.startsWith('postgres') || cmdline.includes('/bin/postgres')) return 'postgres';
  return null;
}
