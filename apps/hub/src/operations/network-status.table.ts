import type { MemberStateView, NetworkStatusView } from './network-status';

/** How long ago, in the largest whole unit: "4 s ago", "12 min ago", "3 h ago", "2 d ago". */
export function ago(at: string, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(at)) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Rows of cells as columns padded to their widest cell, two spaces apart. */
export function alignColumns(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
}

function counts(byCode: Record<string, number>): string {
  const entries = Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '-' : entries.map(([code, n]) => `${code} ${n}`).join(', ');
}

function trustList(state: MemberStateView, published: number): string {
  const { acknowledged } = state.trustList;
  if (acknowledged === null) return '-';
  return acknowledged === published ? `v${acknowledged}` : `v${acknowledged} (hub v${published})`;
}

function keyEpochs({ keyEpochs }: MemberStateView): string {
  const { current, epochs } = keyEpochs;
  if (epochs.length === 0) return '-';
  const by = (status: string) => epochs.filter((e) => e.status === status).length;
  const others = [by('revoked') > 0 ? `${by('revoked')} revoked` : '', by('destroyed') > 0 ? `${by('destroyed')} destroyed` : ''].filter(Boolean);
  return `${current === null ? 'none in force' : `e${current}`} (${by('active')} active${others.length > 0 ? `, ${others.join(', ')}` : ''})`;
}

/** The network status as `hub:cli status` prints it: one aligned row per member state. */
export function renderNetworkStatus(view: NetworkStatusView, now = new Date(view.generatedAt)): string {
  const header = ['NODE', 'STATUS', 'LAST SENT', 'LAST RECEIVED', 'INBOX LAG', 'REJECTED (1 H)', 'TRUST LIST', 'KEY EPOCHS'];
  const rows = view.memberStates.map((state) => [
    state.node,
    state.status,
    state.lastMessageSent ? `${state.lastMessageSent.type}, ${ago(state.lastMessageSent.at, now)}` : '-',
    state.lastMessageReceived ? ago(state.lastMessageReceived, now) : '-',
    state.inbox.lag === null ? `? (${state.inbox.unavailable ?? 'unknown'})` : String(state.inbox.lag),
    counts(state.rejectionsLastHour),
    trustList(state, view.trustListVersion),
    keyEpochs(state),
  ]);
  const lines = [
    `network status at ${view.generatedAt}: trust list v${view.trustListVersion} published, ${view.memberStates.length} member states`,
    '',
    ...alignColumns([header, ...rows]),
  ];
  const unauthenticated = counts(view.unauthenticatedRejectionsLastHour);
  if (unauthenticated !== '-') lines.push('', `rejected in the last hour without a valid signature (no member state named): ${unauthenticated}`);
  return lines.join('\n');
}
