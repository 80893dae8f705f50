/**
 * Attachments (diplomas, certificates) as a case handler uploads them. Only document formats
 * whose first bytes can be checked are taken: what the bytes are must match what the
 * uploader says they are, so a renamed executable never reaches another administration.
 */
export type AttachmentContentType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: Readonly<Record<AttachmentContentType, readonly number[]>> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

export const ATTACHMENT_CONTENT_TYPES = Object.keys(SIGNATURES) as AttachmentContentType[];

/**
 * One attachment travels inside one sealed message, and messages are capped at 256 KiB; the
 * JWE's base64url costs a third more. 160 KiB leaves room for the envelope and the seal.
 */
export const ATTACHMENT_MAX_BYTES = 160 * 1024;

export type AttachmentRefusal = 'empty' | 'too-large' | 'unsupported-type' | 'content-mismatch' | 'bad-file-name';

export class InvalidAttachment extends Error {
  constructor(
    readonly reason: AttachmentRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidAttachment';
  }
}

export function isAttachmentContentType(type: string): type is AttachmentContentType {
  return Object.hasOwn(SIGNATURES, type);
}

/** Refuses what may not be attached; says why without quoting the content or the name. */
export function checkAttachment(input: { contentType: string; fileName: string; content: Uint8Array }): AttachmentContentType {
  const { contentType, fileName, content } = input;
  if (!isAttachmentContentType(contentType)) {
    throw new InvalidAttachment('unsupported-type', `attachments must be one of ${ATTACHMENT_CONTENT_TYPES.join(', ')}`);
  }
  if (content.length === 0) throw new InvalidAttachment('empty', 'the attachment is empty');
  if (content.length > ATTACHMENT_MAX_BYTES) {
    throw new InvalidAttachment('too-large', `attachments are limited to ${ATTACHMENT_MAX_BYTES} bytes`);
  }
  const signature = SIGNATURES[contentType];
  if (content.length < signature.length || signature.some((byte, i) => content[i] !== byte)) {
    throw new InvalidAttachment('content-mismatch', `the content is not ${contentType}`);
  }
  // A name is shown to the other party and stored; no paths, no control characters.
  if (!fileName || fileName.length > 200 || /[\/\\\u0000-\u001f\u007f]/.test(fileName)) {
    throw new InvalidAttachment('bad-file-name', 'the file name must be 1 to 200 characters, without path separators or control characters');
  }
  return contentType;
}
