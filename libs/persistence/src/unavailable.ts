/**
 * Whether an error means the database cannot be reached right now (refused or lost connection,
 * server shutting down or restarting, too many connections), rather than a fault of the query:
 * callers answer "unavailable, try again" instead of "internal error".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code)) return true;
    // Postgres classes 08 (connection exception) and 57P (operator intervention: admin shutdown, crash shutdown, cannot connect now), 53300 (too many connections).
    if (/^(08|57P)/.test(e.code) || e.code === '53300') return true;
  }
  // node-postgres's own errors for a connection that went away carry no code.
  return typeof e.message === 'string' && /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(e.message);
}
