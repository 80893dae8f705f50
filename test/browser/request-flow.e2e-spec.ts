import { Browser, BrowserContext, Page } from '@playwright/test';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { actingFor, eventually } from '../flows/http';
import { TestNetwork } from '../flows/network';
import { BrowserUser, browserUser, launchChromium, screenshot, seriousViolations } from './browser';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
    { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] },
  ],
};

/**
 * The web application in a real browser against a real network: FR's case handler signs in on
 * node FR's page in French; DE's sees an incoming request on node DE's page in German without
 * the person, accepts it, and then sees the person. Every screen passes axe-core.
 */
describe('web application: an information request in the browser', () => {
  let network: TestNetwork;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Content-Security-Policy refusals the browser reported, per page: the SPA must cause none. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await network?.close();
  });

  async function pageIn(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  async function signIn(page: Page, country: string, user: BrowserUser, labels: { email: string; password: string; code: string; button: string }): Promise<void> {
    await page.goto(network.node(country).url);
    await page.getByLabel(labels.email).fill(user.email);
    await page.getByLabel(labels.password, { exact: true }).fill(user.password);
    await page.getByLabel(labels.code).fill(user.code());
    await page.getByRole('button', { name: labels.button }).click();
  }

  it('serves the application under /app/ with a strict Content-Security-Policy, / leading there and client routes falling back to the page', async () => {
    const base = network.node('FR').url;
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
    expect(cspViolations).toEqual([]);
  });

  it('FR signs in in French; DE sees the request in German without the person, accepts, then sees the person', async () => {
    const frUser = await browserUser(network.node('FR'), 'FR-CNOM', ['case-handler']);
    const deUser = await browserUser(network.node('DE'), 'DE-BE-AEK', ['case-handler', 'allocator']);

    const fr = await pageIn('fr-FR');
    await fr.goto(network.node('FR').url);
    await expect(fr.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Connexion');
    expect(await seriousViolations(fr)).toEqual([]);
    await screenshot(fr, 'sign-in-fr');
    await signIn(fr, 'FR', frUser, { email: 'Adresse électronique', password: 'Mot de passe', code: 'Code à usage unique', button: 'Se connecter' });
    await fr.getByRole('heading', { name: 'Tâches', level: 1 }).waitFor();
    await fr.getByRole('heading', { name: /Demandes urgentes/ }).waitFor();
    expect(await seriousViolations(fr)).toEqual([]);
    // The token is held in memory only.
    // (A string, evaluated in the page: this file is compiled without the DOM's types.)
    const stored = await fr.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie })');
    expect(stored).not.toMatch(/eyJ/);
    await screenshot(fr, 'work-list-fr');

    const created = await actingFor(network.node('FR'), 'FR-CNOM', undefined, ['case-handler']).post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Beispielperson', givenNames: 'Jeanne', dateOfBirth: '1980-04-01' },
    });
    expect(created.status).toBe(201);
    const requestId: string = created.body.id;
    await eventually(async () => expect((await actingFor(network.node('DE'), 'DE-BE-AEK').get(`/requests/${requestId}`)).status).toBe(200));

    const de = await pageIn('de-DE');
    await signIn(de, 'DE', deUser, { email: 'E-Mail-Adresse', password: 'Passwort', code: 'Einmalcode', button: 'Anmelden' });
    const incoming = de.getByRole('region', { name: /Eingegangene Ersuchen zur Annahme/ });
    await incoming.getByRole('link').first().waitFor();
    await expect(incoming.getByRole('heading').textContent()).resolves.toMatch(/Eingegangene Ersuchen zur Annahme\s*1$/);
    expect(await seriousViolations(de)).toEqual([]);
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
    expect(await seriousViolations(de)).toEqual([]);
    await screenshot(de, 'request-before-acceptance-de');

    await de.getByRole('button', { name: 'Annehmen' }).click();
    await de.getByText('Erledigt.').waitFor();
    await expect(de.getByTestId('request-state').textContent()).resolves.toBe('Angenommen');
    // The person comes from FR's node, sealed, once the acceptance reached it: the page asks again until it is here.
    // (Not a reload: the session lives in the page's memory only, so a reload signs out.)
    await de.getByTestId('person').getByText('Beispielperson').waitFor({ timeout: 30_000 });
    await expect(de.getByTestId('person').textContent()).resolves.toContain('1. April 1980');
    await expect(de.getByRole('button', { name: 'Annehmen' }).count()).resolves.toBe(0);
    expect(await seriousViolations(de)).toEqual([]);
    await screenshot(de, 'request-accepted-de');

    expect(cspViolations).toEqual([]);
  });
});
