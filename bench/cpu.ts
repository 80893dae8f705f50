import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent by each part of the running system (from /proc): which process the pipeline's
 * time goes to. Kafka, Postgres and Apicurio run beside the hub and nodes on the same two cores,
 * so every millisecond they spend per exchange is taken from the pipeline. Write system calls are
 * counted too: socket writes were among the largest items of every profile here (a third of the
 * hub's busy time, a sixth of node FR's), so round trips to Postgres, Kafka and the HTTP client
 * cost more than most code.
 */
export type Component = 'hub' | 'node FR' | 'node DE' | 'kafka' | 'postgres' | 'schema registry' | 'bench driver' | 'http floor';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Sample {
  component: Component;
  ticks: number;
  /** write(2), writev(2)… calls so far (syscw in /proc/<pid>/io). */
  writes: number;
}

export interface ComponentUsage {
  cpuMs: Record<Component, number>;
  writeCalls: Record<Component, number>;
}

export class CpuMeter {
  private start = new Map<number, Sample>();

  /** `pids` names the hub and node processes, which the command line alone does not tell apart. */
  constructor(private readonly pids: Record<number, Component>) {}

  begin(): void {
    this.start = snapshot(this.pids);
  }

  /** CPU milliseconds and write calls per component since begin(), counting processes that came or went. */
  end(): ComponentUsage {
    const now = snapshot(this.pids);
    const usage: ComponentUsage = { cpuMs: {} as Record<Component, number>, writeCalls: {} as Record<Component, number> };
    for (const [pid, { component, ticks, writes }] of now) {
      const before = this.start.get(pid);
      usage.cpuMs[component] = (usage.cpuMs[component] ?? 0) + ((ticks - (before?.ticks ?? 0)) * 1000) / TICKS_PER_SECOND;
      usage.writeCalls[component] = (usage.writeCalls[component] ?? 0) + writes - (before?.writes ?? 0);
    }
    return usage;
  }
}

function snapshot(pids: Record<number, Component>): Map<number, Sample> {
  const out = new Map<number, Sample>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const component = pids[pid] ?? classify(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), pid);
      if (!component) continue;
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const writes = Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
      out.set(pid, { component, ticks: Number(fields[11]) + Number(fields[12]), writes }); // utime + stime
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
