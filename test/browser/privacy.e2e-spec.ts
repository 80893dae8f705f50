import { readFileSync } from 'node:fs';
import { Page } from '@playwright/test';
import { PDFDocument, PDFName } from 'pdf-lib';
import { addMonths } from '@imi/domain';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { actingFor, eventually } from '../flows/http';
import { browserSession, browserUser, expectAccessible, screenshot, SIGN_IN } from './browser';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
    { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] },
  ],
};

/**
 * Data protection in the browser against a real network: FR's data protection contact, working
 * in French, produces a person's right-of-access report in German and downloads it as JSON and
 * PDF, reads the proof of the exchange, registers and grants the person's rectification, asks
 * for early deletion, which DE's case handler refuses in German with a reason; once the data is
 * blocked, the contact retrieves it on a stated ground. axe-core finds nothing serious anywhere.
 */
describe('web application: data protection in the browser', () => {
  const { node, pageIn, signIn, expectNoRefusals } = browserSession(PLAN);
  const person = { familyName: 'Datenschutzperson', givenNames: 'Jeanne', dateOfBirth: '1981-03-04', registerNumber: 'RPPS-10000000001' };

  /** Every screen: no serious or critical axe finding, and its picture for docs/screenshots. */
  async function checked(page: Page, name: string): Promise<void> {
    await expectAccessible(page);
    await screenshot(page, name);
  }

  /** Waits until the element with the test id says exactly `text` (pages update once the node answers). */
  async function shows(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).and(page.getByText(text, { exact: true })).waitFor();
  }

  /** What the browser saved when `click` started a download. */
  async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    // A PDF is rendered (fonts subset) on a machine the other tests share: give it time.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
  }

  /** FR asks DE about the person, DE accepts and answers, FR closes: a closed exchange on both nodes. */
  async function closedRequest(): Promise<{ id: string; closedAt: Date }> {
    const fr = actingFor(node('FR'), 'FR-CNOM', undefined, ['case-handler']);
    const de = actingFor(node('DE'), 'DE-BE-AEK', undefined, ['case-handler']);
    const created = await fr.post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: person,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await eventually(async () => expect((await de.get(`/requests/${id}`)).status).toBe(200));
    expect((await de.post(`/requests/${id}/accept`)).status).toBe(200);
    await eventually(async () => expect((await de.get(`/requests/${id}`)).body.subject).toBeDefined());
    expect((await de.post(`/requests/${id}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] })).status).toBe(200);
    await eventually(async () => expect((await fr.get(`/requests/${id}`)).body.state).toBe('answered'));
    const closed = await fr.post(`/requests/${id}/close`);
    expect(closed.status).toBe(200);
    await eventually(async () => expect((await de.get(`/requests/${id}`)).body.state).toBe('closed'));
    return { id, closedAt: new Date(closed.body.closedAt) };
  }

  it('lets the data protection contact report, prove, rectify, ask for early deletion and retrieve blocked data; DE answers the deletion', async () => {
    const { id, closedAt } = await closedRequest();
    const contact = await browserUser(node('FR'), 'FR-CNOM', ['data-protection-contact']);
    const fr = await pageIn('fr-FR', { acceptDownloads: true });
    await signIn(fr, 'FR', contact, SIGN_IN.fr);
    await fr.getByRole('link', { name: 'Protection des données', exact: true }).click();
    await fr.getByRole('heading', { name: 'Protection des données', level: 1 }).waitFor();
    await fr.getByRole('heading', { name: /Demandes des personnes concernées bientôt échues/ }).waitFor();
    await checked(fr, 'privacy-home-fr');

    // A checkpoint of the audit log sent to the hub from the page: shown, and in the node's outbox.
    await fr.getByRole('button', { name: 'Envoyer un point de contrôle au hub' }).click();
    await fr.getByText(/Point de contrôle envoyé : entrée \d+/).waitFor();
    expect((await node('FR').db.query('SELECT count(*)::int AS n FROM audit_checkpoints'))[0].n).toBeGreaterThan(0);

    // The right-of-access report, produced in German for the person while the contact works in French.
    await fr.getByRole('link', { name: 'Rapport d\'accès' }).click();
    await fr.getByRole('heading', { name: 'Rapport d\'accès', level: 1 }).waitFor();
    await fr.getByRole('button', { name: 'Établir le rapport' }).click();
    await fr.getByText('Indiquez le nom de famille et les prénoms, ou un numéro d\'enregistrement.').nth(1).waitFor();
    await fr.getByLabel('Nom de famille').fill(person.familyName);
    await fr.getByLabel('Prénoms').fill(person.givenNames);
    await fr.getByLabel('Date de naissance').fill(person.dateOfBirth);
    await fr.getByLabel('Langue du rapport').selectOption('de');
    await fr.getByRole('button', { name: 'Établir le rapport' }).click();
    const report = fr.getByTestId('access-report');
    await report.getByText(/1 échange\(s\) trouvé\(s\) ; rapport en Deutsch/).waitFor();
    await report.getByRole('cell', { name: 'Ärztekammer Berlin (DE)' }).waitFor();
    // The person's identity went in the body, never into the address or the title.
    expect(fr.url()).not.toContain(person.familyName);
    expect(await fr.title()).not.toContain(person.familyName);
    await checked(fr, 'privacy-access-report-fr');

    const json = await downloaded(fr, () => report.getByRole('button', { name: 'Télécharger en JSON' }).click());
    const signedJson = JSON.parse(json.bytes.toString('utf8'));
    expect(json.name).toBe('access-report-de.json');
    expect(signedJson.report).toMatchObject({ kind: 'access-report', language: 'de', exchanges: [{ exchangeId: id, questions: [{ text: expect.stringMatching(/Diplom/) }] }] });
    const pdfResponse = fr.waitForResponse((r) => r.url().includes('/access-reports?format=pdf'), { timeout: 90_000 });
    const pdf = await downloaded(fr, () => report.getByRole('button', { name: 'Télécharger le PDF pour la personne' }).click());
    expect((await pdfResponse).headers()['content-type']).toBe('application/pdf');
    expect(pdf.name).toBe('access-report-de.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const document = await PDFDocument.load(pdf.bytes);
    expect(document.getTitle()).toBe('Ihre personenbezogenen Daten im Binnenmarkt-Informationssystem (IMI)');
    expect(document.catalog.get(PDFName.of('Lang'))?.toString()).toContain('de');

    // The proof of the exchange, readable, and downloadable as the signed JSON.
    await report.getByRole('link', { name: 'Demande d\'information' }).click();
    await fr.getByRole('heading', { name: 'Échange : protection des données', level: 1 }).waitFor();
    await shows(fr, 'personal-data-state', 'Détenues');
    await fr.getByRole('cell', { name: 'Personne communiquée après acceptation' }).waitFor();
    await fr.getByRole('cell', { name: /^DE l'a appliqué le/ }).first().waitFor();
    await checked(fr, 'privacy-proof-fr');
    const proof = await downloaded(fr, () => fr.getByRole('button', { name: 'Télécharger en JSON' }).click());
    expect(JSON.parse(proof.bytes.toString('utf8')).report).toMatchObject({ kind: 'proof-of-exchange', exchange: { id }, personalData: { state: 'available' } });

    // The person's rectification, registered from the exchange and granted: applied here, confirmed by DE.
    await fr.getByRole('link', { name: 'Enregistrer la demande d\'une personne concernée par cet échange' }).click();
    await fr.getByRole('heading', { name: 'Enregistrer la demande d\'une personne concernée', level: 1 }).waitFor();
    await expect(fr.getByLabel('Échanges concernés').inputValue()).resolves.toBe(id);
    await fr.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await fr.getByText('Une rectification nécessite au moins une valeur corrigée.').waitFor();
    await fr.getByLabel('Numéro d\'enregistrement').fill('RPPS-10000000002');
    // Received 26 days ago by post: four days are left, so it is among the urgent ones.
    await fr.getByLabel('Reçue le').fill(new Date(Date.now() - 26 * 86_400_000).toISOString().slice(0, 10));
    await checked(fr, 'privacy-new-subject-request-fr');
    await fr.getByRole('button', { name: 'Enregistrer la demande' }).click();
    await fr.getByRole('heading', { name: 'Demande d\'une personne concernée', level: 1 }).waitFor();
    await shows(fr, 'subject-request-state', 'Ouverte');
    await fr.getByRole('link', { name: 'Protection des données', exact: true }).click();
    const urgent = fr.getByRole('region', { name: /Demandes des personnes concernées bientôt échues/ });
    await urgent.getByRole('link', { name: /^Rectification, à traiter avant le/ }).waitFor();
    await urgent.getByText('(échéance proche)').waitFor();
    await checked(fr, 'privacy-home-urgent-fr');
    await urgent.getByRole('link', { name: /^Rectification, à traiter avant le/ }).click();
    await shows(fr, 'subject-request-state', 'Ouverte');
    await fr.getByRole('button', { name: 'Accorder' }).click();
    await fr.getByText('C\'est fait.').waitFor();
    await shows(fr, 'subject-request-state', 'Accordée');
    await fr.getByText(/^DE a confirmé le/).waitFor({ timeout: 30_000 });
    await checked(fr, 'privacy-subject-request-fr');
    await eventually(async () => expect((await actingFor(node('DE'), 'DE-BE-AEK').get(`/requests/${id}`)).body.subject.registerNumber).toBe('RPPS-10000000002'));

    // The list of the authority's requests, filtered by the node.
    await fr.getByRole('link', { name: 'Retour aux demandes des personnes concernées' }).click();
    await fr.getByLabel('Type de demande').selectOption('rectification');
    await fr.getByRole('link', { name: /^Rectification reçue le/ }).waitFor();
    await fr.getByLabel('Type de demande').selectOption('erasure');
    await fr.getByText('Rien à traiter.').waitFor();
    await fr.getByLabel('Type de demande').selectOption('');
    await fr.getByRole('link', { name: /^Rectification reçue le/ }).waitFor();
    await checked(fr, 'privacy-subject-requests-fr');
    // Objections are the data protection contact's own list: none here.
    await fr.getByRole('link', { name: 'Protection des données', exact: true }).click();
    await fr.getByRole('link', { name: 'Oppositions' }).click();
    await fr.getByRole('heading', { name: 'Oppositions', level: 1 }).waitFor();
    await fr.getByText('Rien à traiter.').waitFor();
    await expectAccessible(fr);
    await fr.getByRole('link', { name: 'Retour à la protection des données' }).click();
    await fr.getByRole('link', { name: 'Demandes des personnes concernées', exact: true }).click();

    // Early deletion asked from the exchange's page: a reason is required, then DE is asked.
    await fr.getByRole('link', { name: /^Rectification reçue le/ }).click();
    await fr.getByRole('link', { name: 'Échange 1' }).click();
    await fr.getByRole('heading', { name: 'Échange : protection des données', level: 1 }).waitFor();
    await fr.getByRole('button', { name: 'Consulter les participants' }).click();
    await fr.getByText('Indiquez le motif.').waitFor();
    await fr.getByLabel('Pourquoi supprimer les données dès maintenant').fill('La personne a retiré sa demande d\'autorisation d\'exercer.');
    await fr.getByRole('button', { name: 'Consulter les participants' }).click();
    await fr.getByText('Suppression anticipée demandée à chaque participant.').waitFor();
    await fr.getByRole('link', { name: 'Suivre les réponses' }).click();
    await shows(fr, 'early-deletion-state', 'En attente des réponses');
    await checked(fr, 'privacy-early-deletion-fr');

    // DE's case handler, in German, finds it in the list and refuses with a reason.
    const handler = await browserUser(node('DE'), 'DE-BE-AEK', ['case-handler']);
    const de = await pageIn('de-DE', { acceptDownloads: true });
    await signIn(de, 'DE', handler, SIGN_IN.de);
    await de.getByRole('link', { name: 'Datenschutz', exact: true }).click();
    await de.getByRole('link', { name: 'Vorzeitige Löschungen' }).click();
    await de.getByLabel('Ihre Rolle').selectOption('participant');
    await eventually(async () => {
      await de.getByLabel('Stand', { exact: true }).selectOption('executed');
      await de.getByLabel('Stand', { exact: true }).selectOption('proposed');
      await de.getByRole('link', { name: /^Vorgeschlagen am/ }).waitFor({ timeout: 2_000 });
    });
    await checked(de, 'privacy-early-deletions-de');
    await de.getByRole('link', { name: /^Vorgeschlagen am/ }).click();
    await de.getByText('La personne a retiré sa demande d\'autorisation d\'exercer.').waitFor();
    await de.getByRole('button', { name: 'Ablehnen' }).click();
    await de.getByText('Geben Sie den Grund an.').waitFor();
    await de.getByLabel('Grund der Ablehnung').fill('Ein Berufungsverfahren ist anhängig.');
    await de.getByRole('button', { name: 'Ablehnen' }).click();
    await shows(de, 'early-deletion-state', 'Abgelehnt, nichts gelöscht');
    await checked(de, 'privacy-early-deletion-answered-de');
    // The proposer's page learns it through the hub.
    await fr.getByText('Ein Berufungsverfahren ist anhängig.', { exact: false }).waitFor({ timeout: 30_000 });
    await shows(fr, 'early-deletion-state', 'Refusée, rien n\'est supprimé');

    // Six months after closure the data is blocked; the contact retrieves it on a ground, stated and recorded.
    await node('FR').app!.get(RetentionService).runOnce(addMonths(closedAt, 6));
    await fr.getByRole('link', { name: 'Ouvrir la page « protection des données » de l\'échange' }).click();
    await shows(fr, 'personal-data-state', 'Verrouillées (conservées comme preuve uniquement)');
    await fr.getByRole('button', { name: 'Récupérer les données' }).click();
    await fr.getByText('Choisissez le fondement.').waitFor();
    await fr.getByText('Indiquez la justification.').waitFor();
    // ECL draws the radio on its label, which takes the click.
    await fr.getByText('Le consentement de la personne', { exact: true }).click();
    await expect(fr.getByLabel('Le consentement de la personne').isChecked()).resolves.toBe(true);
    await fr.getByLabel('Justification', { exact: true }).fill('Consentement écrit de la personne du 1er décembre 2026, pour prouver l\'échange devant le tribunal.');
    await fr.getByRole('button', { name: 'Récupérer les données' }).click();
    const retrieved = fr.getByTestId('retrieved-data');
    await retrieved.getByText(person.familyName).waitFor();
    await retrieved.getByText(/sur le fondement : Le consentement de la personne/).waitFor();
    await checked(fr, 'privacy-retrieve-fr');
    const recorded = await node('FR').db.query('SELECT ground, justification FROM proof_retrievals WHERE exchange_id = $1', [id]);
    expect(recorded).toEqual([{ ground: 'data-subject-consent', justification: expect.stringContaining('Consentement écrit') }]);

    expectNoRefusals();
  });
});
