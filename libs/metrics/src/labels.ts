import { isMessageType } from '@imi/envelope';

/**
 * Label values come from closed sets only: a node code, a message type, a rejection code, an
 * outcome. Anything else (a forged envelope's type, a value no check vouched for) becomes one
 * fixed word, so no personal value, name or free text can reach a label, and a hostile sender
 * cannot grow the number of series.
 */
export const UNKNOWN_LABEL = 'unknown';

/** Node codes: two capital letters (member states, EC) or HUB. */
export function nodeLabel(code: string | null | undefined): string {
  return typeof code === 'string' && /^(?:[A-Z]{2}|HUB)$/.test(code) ? code : UNKNOWN_LABEL;
}

/** A message type the network defines, else `unknown`. */
export function messageTypeLabel(type: string | null | undefined): string {
  return typeof type === 'string' && isMessageType(type) ? type : UNKNOWN_LABEL;
}

/** Rejection codes are kebab-case words of the protocol (RejectionCode); anything else is `unknown`. */
export function rejectionCodeLabel(code: string | null | undefined): string {
  return typeof code === 'string' && /^[a-z]+(?:-[a-z]+){0,4}$/.test(code) && code.length <= 40 ? code : UNKNOWN_LABEL;
}

/** One of the values given, else `unknown`. */
export function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | typeof UNKNOWN_LABEL {
  return allowed.includes(value as T) ? (value as T) : UNKNOWN_LABEL;
}
