/**
 * Field names that may hold personal data or secrets anywhere in a log line's structured fields:
 * a person's identity (names, birth date, identifiers), free texts and answers, message bodies,
 * and credentials. Code logs ids and codes only; this is the net under that rule, in one place.
 */
export const PERSONAL_FIELDS = [
  // a person
  'subject', 'person', 'familyName', 'givenNames', 'displayName', 'birthDate', 'dateOfBirth', 'placeOfBirth',
  'nationalId', 'nationalIdJustification', 'registerNumber', 'email', 'phone', 'address',
  // what case handlers write and what messages carry
  'freeText', 'text', 'comment', 'note', 'answer', 'answers', 'questions', 'body', 'payload', 'value', 'content', 'attachment',
  // credentials
  'password', 'token', 'secret', 'totp', 'totpSecret', 'authorization', 'cookie', 'set-cookie', 'sasl',
] as const;

/** How deep below the line's top level a personal field is still found (pino's paths take no `**`). */
const DEPTH = 3;

/**
 * pino `redact` paths for every personal field at the top level and up to DEPTH levels below it
 * (`familyName`, `*.familyName`, `*.*.familyName`…). pino's wildcards do not go into arrays'
 * objects, which is why log fields stay flat: ids and codes, never whole objects.
 */
export function redactPaths(fields: readonly string[] = PERSONAL_FIELDS, depth = DEPTH): string[] {
  const paths: string[] = [];
  for (const field of fields) {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
    for (let level = 0; level <= depth; level++) {
      const prefix = Array.from({ length: level }, () => '*').join('.');
      paths.push(level === 0 ? key : key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
    }
  }
  return paths;
}

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';
