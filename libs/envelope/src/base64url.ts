export const b64u = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
export const fromB64u = (text: string): Buffer => Buffer.from(text, 'base64url');
