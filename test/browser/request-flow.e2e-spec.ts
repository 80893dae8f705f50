import { Locator, Page } from '@playwright/test';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { actingFor, eventually } from '../flows/http';
import { browserSession, browserUser, expectAccessible, fillSignIn, screenshot, SIGN_IN } from './browser';

/** A small, well-formed PDF: the node checks the bytes against the declared type. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const pdf = (name: string, size = PDF.length) => ({ name, mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(Math.max(0, size - PDF.length), 0x20)]) });

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [
      { id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] },
      // Where DE-BE-AEK forwards a request that is not its own.
      { id: 'DE-BE-ZAEK', name: 'Zahnärztekammer Berlin', legislativeAreas: ['professional-qualifications'] },
    ] },
    { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] },
  ],
};

/**
 * The web application in a real browser against a real network: FR's case handler signs in on
 * node FR's page in French; DE's sees an incoming request on node DE's page in German without
 * the person, accepts it, and then sees the person. Every screen passes axe-core.
 */
describe('web application: an information request in the browser', () => {
  const { node, pageIn, signIn, expectNoRefusals } = browserSession(PLAN);

  /** Presses Tab until the target has the focus, as a keyboard user would, and fails if it is never reached. */
  async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached ${target}`);
  }

  /** Keys only: Tab to the control, then Enter (buttons, links) or Space (checkboxes, radios). */
  async function press(page: Page, target: Locator, key: 'Enter' | 'Space'): Promise<void> {
    await tabTo(page, target);
    await page.keyboard.press(key);
  }

  /** Waits until the request page shows the state, in the page's language. */
  async function stateShown(page: Page, state: string, timeout?: number): Promise<void> {
    await page.getByTestId('request-state').filter({ hasText: new RegExp(`^${state}$`) }).waitFor({ timeout });
  }

  /** The node's answer to a request of the page with the page's own session token, read off the wire (it is in memory only). */
  function sessionTokenOf(page: Page): () => string {
    let token = '';
    page.on('request', (request) => {
      const header = request.headers().authorization;
      if (header?.startsWith('Bearer ')) token = header.slice(7);
    });
    return () => token;
  }

  it('serves the application under /app/ with a strict Content-Security-Policy, / leading there and client routes falling back to the page', async () => {
    const base = node('FR').url;
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect({ status: root.status, location: root.headers.get('location') }).toEqual({ status: 302, location: '/app/' });
    const clientRoute = await fetch(`${base}/app/requests/0b6f5c2e-1111-4222-8333-444455556666`);
    expect(clientRoute.status).toBe(200);
    expect(await clientRoute.text()).toContain('<div id="root">');
    const csp = clientRoute.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(clientRoute.headers.get('x-content-type-options')).toBe('nosniff');
    // The API answers with the same headers; a missing built file is a 404, not the page.
    expect((await fetch(`${base}/health`)).headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${base}/app/assets/no-such-file.js`)).status).toBe(404);
    // API paths stay the API's: no page for an unknown API path.
    expect((await fetch(`${base}/requests`)).status).toBe(401);

    // Swagger UI needs inline styles: allowed on /api-docs alone, and it renders without a refusal.
    expect((await fetch(`${base}/api-docs`)).headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    const docs = await pageIn('en-GB');
    await docs.goto(`${base}/api-docs`);
    await docs.getByText('IMI network node FR').first().waitFor();
    await docs.getByText('/requests/{id}/accept').first().waitFor();
    expectNoRefusals();
  });

  it('FR signs in in French; DE sees the request in German without the person, accepts, then sees the person', async () => {
    const frUser = await browserUser(node('FR'), 'FR-CNOM', ['case-handler']);
    const deUser = await browserUser(node('DE'), 'DE-BE-AEK', ['case-handler', 'allocator']);

    const fr = await pageIn('fr-FR');
    await fr.goto(node('FR').url);
    await expect(fr.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Connexion');
    await expectAccessible(fr);
    await screenshot(fr, 'sign-in-fr');
    await signIn(fr, 'FR', frUser, SIGN_IN.fr);
    await fr.getByRole('heading', { name: 'Tâches', level: 1 }).waitFor();
    await fr.getByRole('heading', { name: /Demandes urgentes/ }).waitFor();
    await expectAccessible(fr);
    // The token is held in memory only.
    // (A string, evaluated in the page: this file is compiled without the DOM's types.)
    const stored = await fr.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })');
    expect(stored).not.toMatch(/eyJ/);
    await screenshot(fr, 'work-list-fr');

    const created = await actingFor(node('FR'), 'FR-CNOM', undefined, ['case-handler']).post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Beispielperson', givenNames: 'Jeanne', dateOfBirth: '1980-04-01' },
    });
    expect(created.status).toBe(201);
    const requestId: string = created.body.id;
    await eventually(async () => expect((await actingFor(node('DE'), 'DE-BE-AEK').get(`/requests/${requestId}`)).status).toBe(200));

    const de = await pageIn('de-DE');
    await signIn(de, 'DE', deUser, SIGN_IN.de);
    const incoming = de.getByRole('region', { name: /Eingegangene Ersuchen zur Annahme/ });
    await incoming.getByRole('link').first().waitFor();
    await expect(incoming.getByRole('heading').textContent()).resolves.toMatch(/Eingegangene Ersuchen zur Annahme\s*1$/);
    await expectAccessible(de);
    await screenshot(de, 'work-list-de');

    await incoming.getByRole('link').first().click();
    await de.getByRole('heading', { name: 'Auskunftsersuchen', level: 1 }).waitFor();
    const person = de.getByTestId('person');
    await expect(person.textContent()).resolves.toContain('Die Person wird angezeigt, sobald Ihre Behörde das Ersuchen angenommen hat.');
    expect(await de.content()).not.toContain('Beispielperson');
    // The question in the reader's language, from the catalogue.
    await de.getByText('Ist das beigefügte Diplom echt').waitFor();
    expect(await de.title()).not.toContain('Beispielperson');
    expect(de.url()).toMatch(new RegExp(`/app/requests/${requestId}$`));
    await expectAccessible(de);
    await screenshot(de, 'request-before-acceptance-de');

    await de.getByRole('button', { name: 'Annehmen' }).click();
    await de.getByText('Erledigt.').waitFor();
    await expect(de.getByTestId('request-state').textContent()).resolves.toBe('Angenommen');
    // The person comes from FR's node, sealed, once the acceptance reached it: the page asks again until it is here.
    // (Not a reload: the session lives in the page's memory only, so a reload signs out.)
    await de.getByTestId('person').getByText('Beispielperson').waitFor({ timeout: 30_000 });
    await expect(de.getByTestId('person').textContent()).resolves.toContain('1. April 1980');
    await expect(de.getByRole('button', { name: 'Annehmen' }).count()).resolves.toBe(0);
    await expectAccessible(de);
    await screenshot(de, 'request-accepted-de');

    expectNoRefusals();
  });

  it('FR creates a request with the wizard by keyboard alone; DE\'s allocator accepts it without seeing the person, DE\'s case handler answers with a document, FR accepts the answer and closes', async () => {
    const frUser = await browserUser(node('FR'), 'FR-CNOM', ['case-handler']);
    const allocator = await browserUser(node('DE'), 'DE-BE-AEK', ['allocator']);
    const handler = await browserUser(node('DE'), 'DE-BE-AEK', ['case-handler']);

    const fr = await pageIn('fr-FR');
    await signIn(fr, 'FR', frUser, SIGN_IN.fr);
    await fr.getByRole('heading', { name: 'Tâches', level: 1 }).waitFor();

    // From here to the request sent: keys only.
    await press(fr, fr.getByRole('link', { name: 'Nouvelle demande', exact: true }), 'Enter');
    await fr.getByRole('heading', { name: 'Nouvelle demande d\'information', level: 1 }).waitFor();
    await fr.getByRole('radio').first().waitFor();
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-area-fr');
    // Only the areas FR-CNOM is registered for are offered (the node refuses the others).
    await expect(fr.getByRole('radio').count()).resolves.toBe(1);
    await press(fr, fr.getByRole('radio', { name: 'Qualifications professionnelles' }), 'Space');
    await expect(fr.getByRole('radio', { name: 'Qualifications professionnelles' }).isChecked()).resolves.toBe(true);
    await press(fr, fr.getByRole('button', { name: 'Continuer' }), 'Enter');

    await fr.getByRole('heading', { name: /Étape 2 sur 7 :/ }).waitFor();
    await tabTo(fr, fr.getByRole('searchbox', { name: 'Rechercher dans l\'annuaire de tous les États membres' }));
    await fr.keyboard.type('Ärztekammer');
    await fr.keyboard.press('Enter');
    await fr.getByRole('radio', { name: /Ärztekammer Berlin/ }).waitFor();
    await expect(fr.getByRole('radio').count()).resolves.toBe(1);
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-addressee-fr');
    await press(fr, fr.getByRole('radio', { name: /Ärztekammer Berlin/ }), 'Space');
    await press(fr, fr.getByRole('button', { name: 'Continuer' }), 'Enter');

    await fr.getByRole('heading', { name: /Étape 3 sur 7 :/ }).waitFor();
    const authentic = fr.getByRole('checkbox', { name: /Le diplôme joint est-il authentique/ });
    const certificate = fr.getByRole('checkbox', { name: /Veuillez fournir l'attestation certifiant/ });
    await authentic.waitFor();
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-questions-fr');
    await press(fr, authentic, 'Space');
    await press(fr, certificate, 'Space');
    await expect(authentic.isChecked()).resolves.toBe(true);
    await expect(certificate.isChecked()).resolves.toBe(true);
    await press(fr, fr.getByRole('button', { name: 'Continuer' }), 'Enter');

    await fr.getByRole('heading', { name: /Étape 4 sur 7 :/ }).waitFor();
    await tabTo(fr, fr.getByLabel(/^Nom /));
    await fr.keyboard.type('Lefèvre');
    await tabTo(fr, fr.getByLabel(/^Prénoms/));
    await fr.keyboard.type('Camille');
    await tabTo(fr, fr.getByLabel(/^Numéro d'inscription/));
    await fr.keyboard.type('RPPS-10001234567');
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-person-fr');
    await press(fr, fr.getByRole('button', { name: 'Continuer' }), 'Enter');

    // No sensitive question, no national number: only the confidentiality choice.
    await fr.getByRole('heading', { name: /Étape 5 sur 7 :/ }).waitFor();
    await expect(fr.getByLabel(/Pourquoi/).count()).resolves.toBe(0);
    await press(fr, fr.getByRole('button', { name: 'Continuer' }), 'Enter');

    await fr.getByRole('heading', { name: /Étape 6 sur 7 :/ }).waitFor();
    const chooser = fr.waitForEvent('filechooser');
    await press(fr, fr.getByLabel(/^Joindre des documents/), 'Space');
    await (await chooser).setFiles(pdf('diplome.pdf'));
    await fr.getByText('diplome.pdf', { exact: true }).waitFor();
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-attachments-fr');
    await press(fr, fr.getByRole('button', { name: 'Continuer' }), 'Enter');

    await fr.getByRole('heading', { name: /Étape 7 sur 7 :/ }).waitFor();
    const review = await fr.getByTestId('review').textContent();
    for (const typed of ['Qualifications professionnelles', 'Ärztekammer Berlin', 'Lefèvre', 'Camille', 'RPPS-10001234567', 'diplome.pdf', 'Le diplôme joint est-il authentique']) expect(review).toContain(typed);
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-review-fr');
    await press(fr, fr.getByRole('button', { name: 'Envoyer la demande' }), 'Enter');

    await fr.waitForURL(/\/app\/requests\/[0-9a-f-]{36}$/);
    const requestId = fr.url().split('/').pop()!;
    await expect(fr.getByTestId('request-state').textContent()).resolves.toBe('Envoyée, en attente d\'acceptation');
    await fr.getByTestId('documents').getByText('diplome.pdf', { exact: true }).waitFor();
    expect(fr.url()).not.toContain('Lef');
    await expectAccessible(fr);
    await screenshot(fr, 'request-sent-fr');
    await eventually(async () => expect((await actingFor(node('DE'), 'DE-BE-AEK').get(`/requests/${requestId}`)).status).toBe(200));

    // DE's allocator, in German: the request without the person or the document about the person; accepts.
    const de = await pageIn('de-DE');
    await signIn(de, 'DE', allocator, SIGN_IN.de, `/app/requests/${requestId}`);
    await de.getByRole('heading', { name: 'Auskunftsersuchen', level: 1 }).waitFor();
    await de.getByText('Ist das beigefügte Diplom echt').waitFor();
    await expect(de.getByTestId('person').textContent()).resolves.toContain('Die Person wird angezeigt, sobald Ihre Behörde das Ersuchen angenommen hat.');
    expect(await de.content()).not.toMatch(/Lefèvre|RPPS-10001234567|diplome\.pdf/);
    // An allocator triages: no answer, no documents to add.
    await expect(de.getByRole('button', { name: 'Antwort senden' }).count()).resolves.toBe(0);
    await expectAccessible(de);
    await screenshot(de, 'request-incoming-allocator-de');
    await de.getByRole('button', { name: 'Annehmen' }).click();
    await de.getByText('Erledigt.').waitFor();
    await expect(de.getByTestId('request-state').textContent()).resolves.toBe('Angenommen');

    // DE's case handler then sees the person and the document, and answers: yes, and a certificate.
    const handlerPage = await pageIn('de-DE');
    await signIn(handlerPage, 'DE', handler, SIGN_IN.de, `/app/requests/${requestId}`);
    await handlerPage.getByTestId('person').getByText('Lefèvre').waitFor({ timeout: 30_000 });
    await eventually(async () => {
      await handlerPage.getByRole('link', { name: 'Zurück zu den Ersuchen' }).click();
      await handlerPage.locator(`a[href$="/requests/${requestId}"]`).click();
      await handlerPage.getByTestId('documents').getByText('diplome.pdf', { exact: true }).waitFor({ timeout: 2_000 });
    });
    const download = handlerPage.waitForEvent('download');
    await handlerPage.getByRole('button', { name: /^Herunterladen\W+diplome\.pdf$/ }).click();
    const downloaded = await download;
    expect(downloaded.suggestedFilename()).toBe('diplome.pdf');
    const answer = handlerPage.getByRole('form', { name: 'Antworten' });
    await answer.getByRole('radio', { name: 'Ja' }).check({ force: true });
    await answer.getByLabel(/Bitte legen Sie die Bescheinigung|Bescheinigung/).setInputFiles(pdf('bescheinigung.pdf'));
    await expectAccessible(handlerPage);
    await screenshot(handlerPage, 'request-answer-form-de');
    await answer.getByRole('button', { name: 'Antwort senden' }).click();
    await handlerPage.getByText('Erledigt.').waitFor();
    await expect(handlerPage.getByTestId('request-state').textContent()).resolves.toBe('Beantwortet');
    await expect(handlerPage.getByTestId('answer-pq.conformity.certificate').textContent()).resolves.toContain('bescheinigung.pdf');

    // FR sees the answer (the document included) once it arrived, accepts it and closes the request.
    await eventually(async () => {
      await fr.getByRole('link', { name: 'Retour aux demandes' }).click();
      await fr.locator(`a[href$="/requests/${requestId}"]`).click();
      await fr.getByTestId('answer-pq.conformity.certificate').getByRole('button', { name: /^Télécharger\W+bescheinigung\.pdf$/ }).waitFor({ timeout: 2_000 });
    });
    await expect(fr.getByTestId('request-state').textContent()).resolves.toBe('Répondue');
    await expect(fr.getByTestId('answer-pq.diploma.authentic').textContent()).resolves.toContain('Oui');
    await expectAccessible(fr);
    await screenshot(fr, 'request-answered-fr');

    // FR asks for more; DE's case handler reads the note and answers again; FR then has the answer to accept.
    await fr.getByLabel(/^Ce qui manque dans la réponse/).fill('Merci de joindre aussi la page 2 du diplôme.');
    await fr.getByRole('button', { name: 'Demander un complément d\'information' }).click();
    await stateShown(fr, 'Complément demandé');
    await eventually(async () => {
      await handlerPage.getByRole('link', { name: 'Zurück zu den Ersuchen' }).click();
      await handlerPage.locator(`a[href$="/requests/${requestId}"]`).click();
      await handlerPage.getByText('Merci de joindre aussi la page 2 du diplôme.', { exact: false }).waitFor({ timeout: 2_000 });
    });
    await stateShown(handlerPage, 'Weitere Informationen angefordert');
    await expectAccessible(handlerPage);
    await screenshot(handlerPage, 'request-further-information-de');
    const again = handlerPage.getByRole('form', { name: 'Antworten' });
    await again.getByRole('radio', { name: 'Ja' }).check({ force: true });
    await again.getByRole('button', { name: 'Antwort senden' }).click();
    await stateShown(handlerPage, 'Beantwortet');
    await eventually(async () => {
      await fr.getByRole('link', { name: 'Retour aux demandes' }).click();
      await fr.locator(`a[href$="/requests/${requestId}"]`).click();
      await stateShown(fr, 'Répondue', 2_000);
    });
    await fr.getByRole('button', { name: 'Accepter la réponse' }).click();
    await stateShown(fr, 'Réponse acceptée');
    await fr.getByRole('button', { name: 'Clore la demande' }).click();
    await stateShown(fr, 'Close');
    // The node's answer to the action is in the reader's language too.
    await fr.getByText('Le diplôme joint est-il authentique', { exact: false }).first().waitFor();
    expect(await fr.getByRole('main').textContent()).not.toContain('Is the enclosed diploma authentic');
    await expectAccessible(fr);
    await screenshot(fr, 'request-closed-fr');

    // Both pages show the same final state, each in its reader's language, and the same timeline.
    await eventually(async () => {
      await handlerPage.getByRole('link', { name: 'Zurück zu den Ersuchen' }).click();
      await handlerPage.locator(`a[href$="/requests/${requestId}"]`).click();
      await stateShown(handlerPage, 'Abgeschlossen', 2_000);
    });
    const timeline = async (page: Page) => page.locator('.ecl-timeline__item').count();
    await expect(timeline(handlerPage)).resolves.toBe(await timeline(fr));
    await expect(handlerPage.getByRole('button', { name: 'Antwort senden' }).count()).resolves.toBe(0);
    await expectAccessible(handlerPage);
    await screenshot(handlerPage, 'request-closed-de');

    // FR's list, filtered by the node: closed requests of the area show this one, requests awaiting acceptance do not.
    await fr.getByRole('link', { name: 'Demandes', exact: true }).click();
    await fr.getByRole('heading', { name: 'Demandes d\'information', level: 1 }).waitFor();
    await fr.getByLabel('Domaine législatif', { exact: true }).selectOption('professional-qualifications');
    await fr.getByLabel('État', { exact: true }).selectOption('closed');
    await fr.locator(`a[href$="/requests/${requestId}"]`).waitFor();
    await expectAccessible(fr);
    await screenshot(fr, 'request-list-filtered-fr');
    await fr.getByLabel('État', { exact: true }).selectOption('sent');
    await eventually(async () => expect(await fr.locator(`a[href$="/requests/${requestId}"]`).count()).toBe(0));

    // A page at a time: with 25 more requests sent (through the API), the list shows 25, and the rest on asking for more.
    const frApi = actingFor(node('FR'), 'FR-CNOM', undefined, ['case-handler']);
    const sent = await Promise.all(Array.from({ length: 25 }, (_, i) => frApi.post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: `Seiten${i}`, givenNames: 'Test' },
    })));
    expect(sent.map((r) => r.status)).toEqual(Array(25).fill(201));
    await fr.getByLabel('Domaine législatif', { exact: true }).selectOption('');
    await fr.getByLabel('État', { exact: true }).selectOption('');
    const rows = fr.locator('tbody tr');
    await eventually(async () => expect(await rows.count()).toBe(25));
    await fr.getByRole('button', { name: 'Afficher plus' }).click();
    await eventually(async () => expect(await rows.count()).toBeGreaterThan(25));
    // The request closed above is on the second page: the newest come first.
    await fr.locator(`a[href$="/requests/${requestId}"]`).waitFor();
    expectNoRefusals();
  });

  it('the wizard refuses what the node would, in French; a session ended mid-way keeps what was typed; a problem only the node could know is shown', async () => {
    const frUser = await browserUser(node('FR'), 'FR-CNOM', ['case-handler']);
    const fr = await pageIn('fr-FR');
    const token = sessionTokenOf(fr);
    await signIn(fr, 'FR', frUser, SIGN_IN.fr, '/app/requests/new');
    await fr.getByRole('heading', { name: 'Nouvelle demande d\'information', level: 1 }).waitFor();
    await fr.getByRole('radio', { name: 'Qualifications professionnelles' }).check({ force: true });
    await fr.getByRole('button', { name: 'Continuer' }).click();
    // Everyone registered for the area, but only in other member states: FR-CNOM itself is not offered (the node would refuse it).
    await fr.getByRole('button', { name: 'Rechercher' }).click();
    await fr.getByRole('radio', { name: /Zahnärztekammer Berlin/ }).waitFor();
    await expect(fr.getByRole('radio', { name: /Ärztekammer Berlin \(DE-BE-AEK\)/ }).count()).resolves.toBe(1);
    await expect(fr.getByRole('radio', { name: /FR-CNOM/ }).count()).resolves.toBe(0);
    await fr.getByRole('searchbox').fill('Ärztekammer');
    await fr.getByRole('button', { name: 'Rechercher' }).click();
    await eventually(async () => expect(await fr.getByRole('radio').count()).toBe(1));
    await fr.getByRole('radio', { name: /Ärztekammer Berlin/ }).check({ force: true });
    await fr.getByRole('button', { name: 'Continuer' }).click();
    // Nothing chosen: refused here, in French, before anything is sent.
    await fr.getByRole('button', { name: 'Continuer' }).click();
    await fr.getByTestId('wizard-errors').getByText('Choisissez au moins une question.').waitFor();
    await fr.getByRole('checkbox', { name: /Le diplôme joint est-il authentique/ }).check({ force: true });
    await fr.getByRole('checkbox', { name: /sanction disciplinaire ou pénale/ }).check({ force: true });
    await fr.getByRole('button', { name: 'Continuer' }).click();
    await fr.getByLabel(/^Nom /).fill('Dubois');
    await fr.getByLabel(/^Prénoms/).fill('Hélène');
    await fr.getByLabel(/^Numéro d'inscription/).fill('RPPS-20002345678');
    await fr.getByLabel(/^Numéro d'identification national/).fill('2 85 03 75 112 005');
    await fr.getByRole('button', { name: 'Continuer' }).click();

    // A sensitive question and a national number beside a register number: both need their reason, as the node requires.
    await fr.getByRole('heading', { name: /Étape 5 sur 7 :/ }).waitFor();
    await fr.getByRole('button', { name: 'Continuer' }).click();
    const errors = fr.getByTestId('wizard-errors');
    await errors.getByText('Indiquez pourquoi les questions sensibles sont nécessaires.').waitFor();
    await errors.getByText('Justifiez le numéro d\'identification national : un numéro de registre est également indiqué.').waitFor();
    await expect(fr.getByLabel(/^Pourquoi le numéro d'identification national/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-missing-justification-fr');
    await fr.getByLabel(/^Pourquoi les questions sensibles/).fill('Le demandeur a déclaré une suspension antérieure.');
    await fr.getByLabel(/^Pourquoi le numéro d'identification national/).fill('Deux homonymes dans le registre.');
    await fr.getByRole('button', { name: 'Continuer' }).click();

    // A document over the node's limit is refused before sending.
    await fr.getByRole('heading', { name: /Étape 6 sur 7 :/ }).waitFor();
    await fr.getByLabel(/^Joindre des documents/).setInputFiles(pdf('diplome-trop-lourd.pdf', 170 * 1024));
    await fr.getByRole('alert').getByText('diplome-trop-lourd.pdf: Le fichier dépasse 160 Ko.').waitFor();
    await expect(fr.getByText('Documents choisis').count()).resolves.toBe(0);
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-oversize-fr');
    await fr.getByRole('button', { name: 'Continuer' }).click();
    await fr.getByRole('heading', { name: /Étape 7 sur 7 :/ }).waitFor();

    // The session ends on the server while the form is open: sending leads to the sign-in dialog, and back to the typed request.
    expect((await fetch(`${node('FR').url}/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token()}` } })).status).toBeLessThan(300);
    await fr.getByRole('button', { name: 'Envoyer la demande' }).click();
    const dialog = fr.getByRole('dialog', { name: 'Connexion' });
    await dialog.waitFor();
    await expectAccessible(fr);
    await screenshot(fr, 'request-wizard-session-ended-fr');
    await fillSignIn(dialog, frUser, SIGN_IN.fr);
    await dialog.waitFor({ state: 'detached' });
    const review = await fr.getByTestId('review').textContent();
    for (const typed of ['Dubois', 'Hélène', '2 85 03 75 112 005', 'Deux homonymes dans le registre.', 'Le demandeur a déclaré une suspension antérieure.']) expect(review).toContain(typed);
    await fr.getByRole('button', { name: 'Envoyer la demande' }).click();
    await fr.waitForURL(/\/app\/requests\/[0-9a-f-]{36}$/);
    const requestId = fr.url().split('/').pop()!;
    await expect(fr.getByTestId('request-state').textContent()).resolves.toBe('Envoyée, en attente d\'acceptation');
    await eventually(async () => expect((await actingFor(node('DE'), 'DE-BE-AEK').get(`/requests/${requestId}`)).status).toBe(200));

    // DE proposes a later reply date; FR agrees to it on its own page, and the request takes it.
    const deUser = await browserUser(node('DE'), 'DE-BE-AEK', ['case-handler', 'allocator']);
    const de = await pageIn('de-DE');
    await signIn(de, 'DE', deUser, SIGN_IN.de, `/app/requests/${requestId}`);
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    await de.getByLabel(/^Ein neues Antwortdatum vorschlagen/).fill(later);
    await de.getByRole('button', { name: 'Vorschlagen' }).click();
    await de.getByText('Erledigt.').waitFor();
    await eventually(async () => {
      await fr.getByRole('link', { name: 'Retour aux demandes' }).click();
      await fr.locator(`a[href$="/requests/${requestId}"]`).click();
      await fr.getByRole('button', { name: 'Accepter la nouvelle date' }).waitFor({ timeout: 2_000 });
    });
    await expectAccessible(fr);
    await screenshot(fr, 'request-reply-date-proposed-fr');
    await fr.getByRole('button', { name: 'Accepter la nouvelle date' }).click();
    await fr.getByText('C\'est fait.').waitFor();
    // The reply date itself (a definition of the facts list) is the agreed one; the timeline shows the proposal and the agreement.
    const agreed = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(later));
    await fr.getByRole('definition').filter({ hasText: new RegExp(`^${agreed}$`) }).waitFor();
    await expect(fr.locator('.ecl-timeline__content').filter({ hasText: agreed }).count()).resolves.toBe(2);
    await expect(fr.getByRole('button', { name: 'Accepter la nouvelle date' }).count()).resolves.toBe(0);

    // DE's case handler has the request open when a colleague rejects it: accepting is refused by the node, and its problem is shown.
    await de.getByRole('button', { name: 'Annehmen' }).waitFor();
    expect((await actingFor(node('DE'), 'DE-BE-AEK', undefined, ['case-handler']).post(`/requests/${requestId}/reject`, { reason: 'Nicht zuständig' })).status).toBe(200);
    await de.getByRole('button', { name: 'Annehmen' }).click();
    const problem = de.getByRole('alert');
    await problem.getByText('Im aktuellen Status des Ersuchens nicht möglich.').waitFor();
    await expect(problem.textContent()).resolves.toContain('rejected');
    // The page then shows the request as it now is: rejected, nothing left to accept.
    await stateShown(de, 'Abgelehnt');
    await expect(de.getByRole('button', { name: 'Annehmen' }).count()).resolves.toBe(0);
    await expectAccessible(de);
    await screenshot(de, 'request-problem-de');

    // Another request, not DE-BE-AEK's to answer: forwarded to the authority of its member state found in the directory.
    const other = await actingFor(node('FR'), 'FR-CNOM', undefined, ['case-handler']).post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Zahnbeispiel', givenNames: 'Paul' },
    });
    expect(other.status).toBe(201);
    await eventually(async () => expect((await actingFor(node('DE'), 'DE-BE-AEK').get(`/requests/${other.body.id}`)).status).toBe(200));
    await de.getByRole('link', { name: 'Zurück zu den Ersuchen' }).click();
    await de.locator(`a[href$="/requests/${other.body.id}"]`).click();
    const forward = de.getByRole('form', { name: 'An eine andere Behörde dieses Mitgliedstaats weiterleiten' });
    await forward.getByRole('searchbox').fill('Zahnärztekammer');
    await forward.getByRole('searchbox').press('Enter');
    // Only this member state's other authorities: not DE-BE-AEK itself, no French one.
    await forward.getByRole('radio', { name: /Zahnärztekammer Berlin/ }).check({ force: true });
    await expect(forward.getByRole('radio').count()).resolves.toBe(1);
    await expectAccessible(de);
    await screenshot(de, 'request-forward-de');
    await forward.getByRole('button', { name: 'Weiterleiten' }).click();
    await de.getByText('An DE-BE-ZAEK weitergeleitet: Das Ersuchen liegt nicht mehr bei Ihrer Behörde.').waitFor();
    await expect(de.getByRole('button', { name: 'Annehmen' }).count()).resolves.toBe(0);
    await eventually(async () => expect((await actingFor(node('FR'), 'FR-CNOM').get(`/requests/${other.body.id}`)).body.addresseeAuthorityId).toBe('DE-BE-ZAEK'));
    expectNoRefusals();
  });

  it('DE answers a date, a choice and a free-text question, first in part and then finally; FR reads each answer in French', async () => {
    const handler = await browserUser(node('DE'), 'DE-BE-AEK', ['case-handler', 'allocator']);
    const frUser = await browserUser(node('FR'), 'FR-CNOM', ['case-handler']);
    const created = await actingFor(node('FR'), 'FR-CNOM', undefined, ['case-handler']).post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.issue-date' }, { questionId: 'pq.register.status' }, { questionId: 'pq.free-text', freeText: 'Où la personne a-t-elle exercé en dernier ?' }],
      subject: { familyName: 'Martin', givenNames: 'Luc' },
    });
    expect(created.status).toBe(201);
    const requestId: string = created.body.id;
    await eventually(async () => expect((await actingFor(node('DE'), 'DE-BE-AEK').get(`/requests/${requestId}`)).status).toBe(200));

    const de = await pageIn('de-DE');
    await signIn(de, 'DE', handler, SIGN_IN.de, `/app/requests/${requestId}`);
    await de.getByRole('button', { name: 'Annehmen' }).click();
    await stateShown(de, 'Angenommen');
    const form = de.getByRole('form', { name: 'Antworten' });
    // The free-text question reads as the requester wrote it.
    await form.getByLabel(/Où la personne a-t-elle exercé en dernier/).waitFor();
    await form.getByLabel(/An welchem Datum wurde der Ausbildungsnachweis ausgestellt/).fill('2004-06-30');
    await form.getByRole('checkbox', { name: 'Dies ist die abschließende Antwort' }).uncheck({ force: true });
    await form.getByRole('button', { name: 'Antwort senden' }).click();
    await stateShown(de, 'Teilweise beantwortet');
    await expect(de.getByTestId('answer-pq.diploma.issue-date').textContent()).resolves.toContain('30. Juni 2004');
    await expectAccessible(de);
    await screenshot(de, 'request-partially-answered-de');
    const rest = de.getByRole('form', { name: 'Antworten' });
    await rest.getByRole('radio', { name: 'Eingetragen', exact: true }).check({ force: true });
    await rest.getByLabel(/Où la personne a-t-elle exercé en dernier/).fill('In der Charité, Berlin, bis 2021.');
    await rest.getByRole('button', { name: 'Antwort senden' }).click();
    await stateShown(de, 'Beantwortet');

    const fr = await pageIn('fr-FR');
    await signIn(fr, 'FR', frUser, SIGN_IN.fr, `/app/requests/${requestId}`);
    await eventually(async () => {
      await fr.getByRole('link', { name: 'Retour aux demandes' }).click();
      await fr.locator(`a[href$="/requests/${requestId}"]`).click();
      await stateShown(fr, 'Répondue', 2_000);
    });
    await expect(fr.getByTestId('answer-pq.diploma.issue-date').textContent()).resolves.toMatch(/30 juin 2004 \(partielle/);
    await expect(fr.getByTestId('answer-pq.register.status').textContent()).resolves.toContain('Inscription en cours de validité');
    await expect(fr.getByTestId('answer-pq.free-text').textContent()).resolves.toContain('In der Charité, Berlin, bis 2021.');
    await expectAccessible(fr);
    await screenshot(fr, 'request-answers-fr');
    expectNoRefusals();
  });
});
