import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';
import { SignedReport } from '../proof/proof.dto';
import { AccessReport } from './access-report.dto';

// A Unicode font: names in every EU language must print as written.
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = readFileSync(join(FONT_DIR, 'DejaVuSans.ttf'));
const BOLD = readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf'));

const PAGE = { width: 595, height: 842, margin: 50 };

/** Draws lines top to bottom, wrapping long ones and opening pages as needed. */
class Writer {
  private page!: PDFPage;
  private y = 0;

  constructor(private readonly pdf: PDFDocument, private readonly regular: PDFFont, private readonly bold: PDFFont) {
    this.newPage();
  }

  line(text: string, options: { size?: number; bold?: boolean; indent?: number; mono?: boolean } = {}): void {
    const size = options.size ?? 9;
    const font = options.bold ? this.bold : this.regular;
    const x = PAGE.margin + (options.indent ?? 0);
    for (const part of wrap(text, font, size, PAGE.width - PAGE.margin - x)) {
      if (this.y < PAGE.margin + size) this.newPage();
      this.page.drawText(part, { x, y: this.y, size, font, color: rgb(0, 0, 0) });
      this.y -= size * 1.4;
    }
  }

  gap(points = 6): void {
    this.y -= points;
  }

  private newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (t: string) => font.widthOfTextAtSize(t, size) <= width;
  const lines: string[] = [];
  let current = '';
  // Word by word; a word wider than the line (a signature) is cut by characters.
  for (const word of text.split(/(?<= )/)) {
    if (fits(current + word)) {
      current += word;
      continue;
    }
    if (current) lines.push(current.trimEnd());
    current = '';
    for (const char of word) {
      if (!fits(current + char)) {
        lines.push(current);
        current = '';
      }
      current += char;
    }
  }
  lines.push(current);
  return lines;
}

/** Flattens personal data to `path: value` lines, in the order stored. */
function flatten(value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${path}[${i + 1}]`, out));
  else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, path ? `${path}.${k}` : k, out);
  else out.push(`${path}: ${String(value)}`);
}

/**
 * The access report as a PDF for the person: what the node holds, then the node's signature
 * and how to check it. The signed report itself is attached to the PDF, so the check needs
 * nothing but the PDF and the node's public key.
 */
export async function renderAccessReportPdf(signed: SignedReport<AccessReport>): Promise<Buffer> {
  const { report, jws } = signed;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const w = new Writer(pdf, await pdf.embedFont(REGULAR, { subset: true }), await pdf.embedFont(BOLD, { subset: true }));
  pdf.setTitle('Right of access report');
  pdf.setSubject(`Personal data held by node ${report.node}, signed by the node`);
  pdf.setCreationDate(new Date(report.generatedAt));

  w.line('Right of access report', { size: 16, bold: true });
  w.line(`Node ${report.node} · produced ${report.generatedAt} for ${report.generatedFor}`);
  w.gap();
  w.line('Person', { bold: true, size: 11 });
  const identity: string[] = [];
  flatten(report.person, '', identity);
  for (const l of identity) w.line(l, { indent: 10 });
  w.gap();
  w.line(`Exchanges holding personal data about the person: ${report.exchanges.length}`, { bold: true, size: 11 });
  for (const e of report.exchanges) {
    w.gap();
    w.line(`${e.type} ${e.exchangeId}`, { bold: true });
    w.line(`Area ${e.legislativeArea} · this node: ${e.role} · ${Object.entries(e.authorities).map(([k, v]) => `${k} ${v}`).join(', ')}`, { indent: 10 });
    w.line(`State ${e.state} · sent ${e.sentAt}${e.closedAt ? ` · closed ${e.closedAt}` : ''} · personal data ${e.personalData}`, { indent: 10 });
    const lines: string[] = [];
    flatten(e.data, '', lines);
    for (const l of lines) w.line(l, { indent: 20 });
  }
  w.gap(12);
  w.line('Signature', { bold: true, size: 11 });
  w.line('This report is signed by the node as a compact JWS (RFC 7515, EdDSA); its payload is the report. The signed report is attached to this PDF as access-report.jws.', { indent: 10 });
  w.line(`Signing key: ${JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString('utf8')).kid}`, { indent: 10 });
  w.line('How to verify: take the node\'s public signing key with that id from the hub\'s signed trust list (GET /trust-list on the hub) and check the attached JWS with any JOSE library, e.g. jose: compactVerify(jws, key). The payload is the report shown above.', { indent: 10 });
  w.gap();
  w.line(jws, { size: 6, indent: 10 });
  await pdf.attach(Buffer.from(jws, 'utf8'), 'access-report.jws', { mimeType: 'application/jose', description: 'The signed report (compact JWS)' });
  return Buffer.from(await pdf.save());
}
