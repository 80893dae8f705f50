import { ATTACHMENT_MAX_BYTES, checkAttachment, InvalidAttachment } from './attachments';

const pdf = Buffer.from('%PDF-1.7\n% test diploma\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);

describe('checkAttachment', () => {
  it.each([
    ['application/pdf', pdf],
    ['image/png', png],
    ['image/jpeg', jpeg],
  ])('accepts %s whose bytes match', (contentType, content) => {
    expect(checkAttachment({ contentType, fileName: 'diploma.bin', content })).toBe(contentType);
  });

  it('accepts exactly the size limit', () => {
    const content = Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20);
    pdf.copy(content);
    expect(() => checkAttachment({ contentType: 'application/pdf', fileName: 'big.pdf', content })).not.toThrow();
  });

  it.each<[string, { contentType: string; fileName: string; content: Buffer }, string]>([
    ['an unsupported type', { contentType: 'application/x-msdownload', fileName: 'a.exe', content: Buffer.from('MZ') }, 'unsupported-type'],
    ['an empty file', { contentType: 'application/pdf', fileName: 'a.pdf', content: Buffer.alloc(0) }, 'empty'],
    ['one byte over the limit', { contentType: 'application/pdf', fileName: 'a.pdf', content: Buffer.concat([pdf, Buffer.alloc(ATTACHMENT_MAX_BYTES)]) }, 'too-large'],
    ['a PNG declared as PDF', { contentType: 'application/pdf', fileName: 'a.pdf', content: png }, 'content-mismatch'],
    ['a PDF declared as JPEG', { contentType: 'image/jpeg', fileName: 'a.jpg', content: pdf }, 'content-mismatch'],
    ['bytes shorter than the signature', { contentType: 'image/png', fileName: 'a.png', content: Buffer.from([0x89]) }, 'content-mismatch'],
    ['a path in the name', { contentType: 'application/pdf', fileName: '../etc/passwd', content: pdf }, 'bad-file-name'],
    ['a control character in the name', { contentType: 'application/pdf', fileName: 'a\u0000.pdf', content: pdf }, 'bad-file-name'],
    ['an empty name', { contentType: 'application/pdf', fileName: '', content: pdf }, 'bad-file-name'],
  ])('refuses %s', (_, input, reason) => {
    let caught: unknown;
    try {
      checkAttachment(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidAttachment);
    expect((caught as InvalidAttachment).reason).toBe(reason);
  });
});
