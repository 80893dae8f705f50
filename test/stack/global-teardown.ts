import { stopLocalStack } from './local-stack';

/**
 * Stops what global-setup started. A local stack this run started is left running for the next
 * run on a developer's machine (the second start is the slow part), and stopped under CI=true.
 */
export default async function globalTeardown(): Promise<void> {
  const ownership = globalThis.__imiStack;
  if (ownership?.containers) await ownership.containers.stop();
  if (ownership?.localStackStartedHere && process.env.CI === 'true') stopLocalStack();
}
