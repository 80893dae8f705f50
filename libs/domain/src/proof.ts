import { InvalidRequest } from './errors';

/**
 * Blocked personal data leaves the node's normal views; it is retrieved only as proof of the
 * exchange, on one of these grounds, stated each time and audited.
 */
export type ProofGround = 'data-subject-consent' | 'overriding-public-interest';

export const PROOF_GROUNDS: readonly ProofGround[] = ['data-subject-consent', 'overriding-public-interest'];

export function checkProofRetrieval(personalData: 'available' | 'blocked' | 'deleted', ground: unknown, justification: unknown): { ground: ProofGround; justification: string } {
  if (!PROOF_GROUNDS.includes(ground as ProofGround)) throw new InvalidRequest(`the ground must be one of ${PROOF_GROUNDS.join(', ')}`);
  if (typeof justification !== 'string' || !justification.trim()) throw new InvalidRequest('a retrieval needs a justification');
  if (personalData === 'available') throw new InvalidRequest('the personal data is not blocked: it is in the normal view');
  if (personalData === 'deleted') throw new InvalidRequest('the personal data of this exchange has been deleted');
  return { ground: ground as ProofGround, justification: justification.trim() };
}
