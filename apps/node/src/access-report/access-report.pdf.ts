import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';
import { SignedReport } from '../proof/proof.dto';
import { AccessReport } from './access-report.dto';
import { accessReportDocument, Block, stateName } from './access-report.document';
import { REPORT_TEXTS } from './access-report.texts';

// A Unicode font: names in every EU language must print as written.
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = readFileSync(join(FONT_DIR, 'DejaVuSans.ttf'));
const BOLD = readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf'));

const PAGE = { width: 595, height: 842, margin: 56 };
const LABEL_WIDTH = 150;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);
const ACCENT = rgb(0.0, 0.27, 0.56);

type Style = { size: number; bold?: boolean; color?: ReturnType<typeof rgb>; before?: number; after?: number };
const STYLES: Record<Exclude<Block['kind'], 'fact'>, Style> = {
  title: { size: 17, bold: true, color: ACCENT, after: 8 },
  heading: { size: 12.5, bold: true, color: ACCENT, before: 14, after: 4 },
  subheading: { size: 10, bold: true, before: 6, after: 2 },
  paragraph: { size: 9.5, before: 2, after: 3 },
  line: { size: 9.5 },
  item: { size: 9.5, after: 3 },
};

/** Draws blocks top to bottom, wrapping long lines and opening pages as needed. */
class Writer {
  private page!: PDFPage;
  private y = 0;
  readonly pages: PDFPage[] = [];

  constructor(private readonly pdf: PDFDocument, private readonly regular: PDFFont, private readonly bold: PDFFont) {
    this.newPage();
  }

  block(block: Block): void {
    if (block.kind === 'fact') return this.fact(block.label, block.text);
    const style = STYLES[block.kind];
    this.y -= style.before ?? 0;
    // A heading never ends a page alone.
    if ((block.kind === 'heading' || block.kind === 'subheading') && this.y < PAGE.margin + 60) this.newPage();
    const indent = block.kind === 'item' ? 12 : 0;
    if (this.y < PAGE.margin + style.size) this.newPage();
    if (block.kind === 'item') this.page.drawText('•', { x: PAGE.margin + 2, y: this.y, size: style.size, font: this.regular, color: INK });
    this.lines(block.text, style, PAGE.margin + indent, PAGE.width - PAGE.margin);
    if (block.kind === 'heading') {
      this.page.drawLine({ start: { x: PAGE.margin, y: this.y + style.size * 0.9 }, end: { x: PAGE.width - PAGE.margin, y: this.y + style.size * 0.9 }, thickness: 0.5, color: ACCENT });
    }
    this.y -= style.after ?? 0;
  }

  /** A label in the left column, its value wrapped in the right one. */
  private fact(label: string, text: string): void {
    const size = 9.5;
    const labelLines = wrap(label, this.bold, size, LABEL_WIDTH - 8);
    const valueLines = wrap(text, this.regular, size, PAGE.width - PAGE.margin * 2 - LABEL_WIDTH);
    const height = Math.max(labelLines.length, valueLines.length) * size * 1.4;
    if (this.y - height < PAGE.margin && height < PAGE.height / 2) this.newPage();
    const top = this.y;
    this.lines(label, { size, bold: true, color: MUTED }, PAGE.margin, PAGE.margin + LABEL_WIDTH - 8);
    const afterLabel = this.y;
    this.y = top;
    this.lines(text, { size }, PAGE.margin + LABEL_WIDTH, PAGE.width - PAGE.margin);
    this.y = Math.min(this.y, afterLabel) - 2;
  }

  private lines(text: string, style: Style, x: number, right: number): void {
    const font = style.bold ? this.bold : this.regular;
    for (const part of wrap(text, font, style.size, right - x)) {
      if (this.y < PAGE.margin + style.size) this.newPage();
      this.page.drawText(part, { x, y: this.y, size: style.size, font, color: style.color ?? INK });
      this.y -= style.size * 1.4;
    }
  }

  /** The page numbers, in the report's language, once every page exists. */
  footers(label: (n: number, of: number) => string, note: string): void {
    this.pages.forEach((page, i) => {
      page.drawText(label(i + 1, this.pages.length), { x: PAGE.width - PAGE.margin - this.regular.widthOfTextAtSize(label(i + 1, this.pages.length), 8), y: 30, size: 8, font: this.regular, color: MUTED });
      page.drawText(note, { x: PAGE.margin, y: 30, size: 8, font: this.regular, color: MUTED });
    });
  }

  private newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
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

/**
 * The access report as a PDF for the person it is about, in the language chosen when it was
 * produced (accessReportDocument says what it contains). The signed report itself is attached
 * to the PDF, so the check needs nothing but the PDF and the node's public key.
 */
export async function renderAccessReportPdf(signed: SignedReport<AccessReport>): Promise<Buffer> {
  const { report, jws } = signed;
  const texts = REPORT_TEXTS[report.language ?? 'en'];
  const kid: string = JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString('utf8')).kid;
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const w = new Writer(pdf, await pdf.embedFont(REGULAR, { subset: true }), await pdf.embedFont(BOLD, { subset: true }));
  pdf.setTitle(texts.title, { showInWindowTitleBar: true });
  pdf.setLanguage(report.language ?? 'en');
  const node = texts.node_of(stateName(report.language ?? 'en', report.node));
  pdf.setSubject(node);
  pdf.setCreationDate(new Date(report.generatedAt));

  const value = jws.split('.')[2];
  const attachedSha256 = createHash('sha256').update(jws, 'utf8').digest('hex');
  for (const block of accessReportDocument(report, { kid, value, attachedSha256 })) w.block(block);
  w.footers(texts.page, node);
  await pdf.attach(Buffer.from(jws, 'utf8'), 'access-report.jws', { mimeType: 'application/jose', description: 'The signed report (compact JWS)' });
  return Buffer.from(await pdf.save());
}
