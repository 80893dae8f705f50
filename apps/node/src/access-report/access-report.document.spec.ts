import { PDFDocument } from 'pdf-lib';
import { AccessReport } from './access-report.dto';
import { accessReportDocument, Block } from './access-report.document';
import { renderAccessReportPdf } from './access-report.pdf';
import { REPORT_LANGUAGES } from './report-language';

/** A report as the service builds it: a request FR→DE, answered, closed and blocked, and a professional's alert. */
export function sampleReport(language: AccessReport['language']): AccessReport {
  const fr = { authorityId: 'FR-CNOM', name: 'Conseil national de l\'Ordre des médecins', memberState: 'FR' };
  const de = { authorityId: 'DE-BE-AEK', name: 'Ärztekammer Berlin', memberState: 'DE' };
  return {
    kind: 'access-report', node: 'FR', language, generatedAt: '2026-12-01T10:00:00.000Z', generatedFor: 'FR-CNOM', controller: fr,
    supervisoryAuthority: { name: 'Commission nationale de l\'informatique et des libertés (CNIL)', address: '3 Place de Fontenoy, TSA 80715|75334 Paris Cedex 07|www.cnil.fr' },
    person: { familyName: 'Wiśniewska-Łukasik', givenNames: 'Zofia', dateOfBirth: '1975-11-12', registerNumber: null },
    exchanges: [
      {
        exchangeId: '0b6f5c2e-1111-4222-8333-444455556666', type: 'information-request', legislativeArea: 'professional-qualifications',
        legislativeAreaAct: 'Professional Qualifications Directive 2005/36/EC', role: 'requester',
        authorities: { requester: 'FR-CNOM', addressee: 'DE-BE-AEK' }, parties: [fr, de], receivedFrom: null,
        disclosedTo: [{ ...de, receivedAt: '2026-05-02T09:00:00.000Z' }],
        state: 'closed', sentAt: '2026-05-01T08:00:00.000Z', closedAt: '2026-05-20T08:00:00.000Z', personalData: 'blocked',
        retention: { blockAfterMonths: 6, deleteAfterMonths: 36, blockedFrom: '2026-11-20T08:00:00.000Z', deletedFrom: '2029-05-20T08:00:00.000Z' },
        questions: [{ questionId: 'pq.diploma.authentic', text: 'Le diplôme joint est-il authentique ?', freeText: null, answers: [{ text: 'Oui', answeredAt: '2026-05-10T08:00:00.000Z' }] }],
        data: {
          subject: { familyName: 'Wiśniewska-Łukasik', givenNames: 'Zofia', dateOfBirth: '1975-11-12', registerNumber: 'NIL-7001', nationalId: null, nationalIdJustification: null },
          answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes', final: true, answeredAt: '2026-05-10T08:00:00.000Z' }],
          furtherInformation: [], attachments: [{ fileName: 'diplome.pdf', contentType: 'application/pdf' }],
          contested: [{ kind: 'rectification', corrections: { givenNames: 'Zofia Maria' }, recordedAt: '2026-11-25T08:00:00Z' }],
        },
      },
      {
        exchangeId: '0b6f5c2e-1111-4222-8333-444455557777', type: 'professional-qualifications-alert', legislativeArea: 'professional-qualifications',
        legislativeAreaAct: 'Professional Qualifications Directive 2005/36/EC', role: 'sender', authorities: { sender: 'FR-CNOM' }, parties: [fr, de],
        receivedFrom: null, disclosedTo: [{ ...de, receivedAt: null }], state: 'open', sentAt: '2026-11-21T08:00:00.000Z', closedAt: null, personalData: 'available',
        retention: { blockAfterMonths: 6, deleteAfterMonths: 36, blockedFrom: null, deletedFrom: null }, questions: [],
        data: {
          versions: [{
            version: 1, createdAt: '2026-11-21T08:00:00.000Z', supersededAt: null,
            content: {
              person: { familyName: 'Wiśniewska-Łukasik', givenNames: 'Zofia', dateOfBirth: '1975-11-12', placeOfBirth: null }, profession: 'physician',
              decidingAuthority: 'Chambre disciplinaire', scope: 'prohibition', scopeDetail: null, periodFrom: '2026-11-01', periodUntil: null, decisionDate: '2026-11-20',
            },
          }],
          contested: [],
        },
      },
    ],
  };
}

const text = (blocks: Block[]) => blocks.map((b) => (b.kind === 'fact' ? `${b.label}: ${b.text}` : b.text)).join('\n');

describe('the right-of-access report as a document for the person', () => {
  it('speaks French when produced in French: labels, states, dates, purposes, the questions as the catalogue words them', () => {
    const doc = text(accessReportDocument(sampleReport('fr'), { kid: 'FR-2026-1', value: 'c2lnbmF0dXJl', attachedSha256: 'ab12' }));
    for (const expected of [
      'Vos données personnelles dans le système d\'information du marché intérieur (IMI)',
      'Nom de famille: Wiśniewska-Łukasik', 'Date de naissance: 12 novembre 1975', 'Le diplôme joint est-il authentique ?', 'Réponse: Oui (10 mai 2026)',
      'la reconnaissance des qualifications professionnelles', 'Ärztekammer Berlin (Allemagne), le 2 mai 2026',
      'Verrouillées depuis le 20 novembre 2026 ; supprimées le 20 mai 2029', 'Décision: exercice interdit', 'Prénoms: Zofia Maria',
      'État: Clôturé le 20 mai 2026', 'Rectification :', 'Effacement :', 'Limitation :', 'article 77 du RGPD', 'Commission nationale de l\'informatique et des libertés (CNIL)', '75334 Paris Cedex 07',
      'Clé de signature: FR-2026-1', 'Valeur de la signature: c2lnbmF0dXJl', 'SHA-256 du fichier joint: ab12', 'compactVerify',
    ]) expect(doc).toContain(expected);
    // What a developer reads, the person does not.
    expect(doc).not.toMatch(/familyName|givenNames|questionId|pq\.diploma|subject\.|answers\[|professional-qualifications\b(?! alert)/);
  });

  it('says so plainly when nothing is held, and tells an open exchange\'s periods in months', () => {
    const empty = text(accessReportDocument({ ...sampleReport('da'), exchanges: [] }, { kid: 'k' }));
    expect(empty).toContain('Ingen udveksling i dette system indeholder personoplysninger om dig.');
    const open = text(accessReportDocument(sampleReport('de'), { kid: 'k' }));
    expect(open).toContain('Der Vorgang ist noch offen. Ihre Daten werden 6 Monate nach seinem förmlichen Abschluss gesperrt und 36 Monate danach gelöscht.');
    expect(open).toContain('Ärztekammer Berlin (Deutschland), Empfang noch nicht bestätigt');
  });

  it('has every text in every language it is produced in', () => {
    const english = text(accessReportDocument(sampleReport('en'), { kid: 'k' }));
    for (const language of REPORT_LANGUAGES) {
      const doc = text(accessReportDocument(sampleReport(language), { kid: 'k' }));
      expect(doc).not.toMatch(/undefined|\bnull\b|\[object/);
      if (language !== 'en') expect(doc).not.toEqual(english);
    }
  });

  it('renders a PDF titled and tagged in the report\'s language, with the signed report attached', async () => {
    const bytes = await renderAccessReportPdf({ report: sampleReport('es'), jws: `${Buffer.from('{"alg":"EdDSA","kid":"FR-k1"}').toString('base64url')}.e30.sig`, verification: '' });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Sus datos personales en el Sistema de Información del Mercado Interior (IMI)');
    expect(pdf.catalog.get(require('pdf-lib').PDFName.of('Lang'))?.toString()).toContain('es');
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(2);
    // Subsetting the fonts takes a second or two, more on a busy machine.
  }, 30_000);
});
