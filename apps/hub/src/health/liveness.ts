/** Liveness in terminus' result shape: answering at all is the check (the event loop runs). */
export interface LivenessView {
  status: 'ok';
  details: { process: { status: 'up'; uptimeSeconds: number } };
}

export function liveness(): LivenessView {
  return { status: 'ok', details: { process: { status: 'up', uptimeSeconds: Math.round(process.uptime()) } } };
}
