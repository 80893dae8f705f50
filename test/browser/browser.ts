import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContextOptions, chromium, Locator, Page } from '@playwright/test';
import { Role } from '@imi/domain';
import { Database } from '@imi/persistence';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { AuditLog } from '../../apps/node/src/privacy/audit-log';
import { enrolUser, totpFor } from '../../apps/node/src/users/enrolment';
import { UserRepository } from '../../apps/node/src/users/users.repository';
import { RunningNode, TestNetwork } from '../flows/network';

/** Debian's Chromium: Playwright's own browser download cannot work here. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });

export interface BrowserUser {
  email: string;
  password: string;
  /** The current one-time code, as the user's authenticator app shows it; a new step each call (a code is good once). */
  code: () => string;
}

/** A user of the authority with the roles, created as the operator's CLI does; the browser then signs in as a person would. */
export async function browserUser(node: RunningNode, authorityId: string, roles: Role[]): Promise<BrowserUser> {
  const app = node.app!;
  const email = `browser-${randomUUID().slice(0, 8)}@${authorityId.toLowerCase()}.example`;
  const password = 'amber orchard beneath the viaduct';
  const enrolment = await enrolUser({ db: app.get(Database), users: app.get(UserRepository), audit: app.get(AuditLog) }, node.country, authorityId,
    { email, displayName: 'Alex Browser', roles, password });
  const totp = totpFor(node.country, email, enrolment.totp.secret);
  let step = 0;
  // Each sign-in needs a code of a later step than the last one used.
  return { email, password, code: () => totp.generate({ timestamp: Date.now() + 30_000 * step++ }) };
}

/** The sign-in form's labels in one language. */
export interface SignInLabels {
  email: string;
  password: string;
  code: string;
  button: string;
}

/**
 * The sign-in form's labels as a person reads them in each language, written out here rather
 * than taken from the catalogues: a wrong or missing translation makes the sign-in fail.
 */
export const SIGN_IN = {
  en: { email: 'Email address', password: 'Password', code: 'One-time code', button: 'Sign in' },
  fr: { email: 'Adresse électronique', password: 'Mot de passe', code: 'Code à usage unique', button: 'Se connecter' },
  de: { email: 'E-Mail-Adresse', password: 'Passwort', code: 'Einmalcode', button: 'Anmelden' },
} satisfies Record<string, SignInLabels>;

/** Fills the sign-in form (the page's, or the one in a dialog) as the user and sends it. */
export async function fillSignIn(form: Page | Locator, user: BrowserUser, labels: SignInLabels): Promise<void> {
  await form.getByLabel(labels.email).fill(user.email);
  await form.getByLabel(labels.password, { exact: true }).fill(user.password);
  await form.getByLabel(labels.code).fill(user.code());
  await form.getByRole('button', { name: labels.button, exact: true }).click();
}

/** What a browser spec works with: see `browserSession`. */
export interface BrowserSession {
  /** The running node of the member state (valid once the tests run). */
  node: (country: string) => RunningNode;
  /** A new browser context in the locale (1280×900), and a page in it. */
  pageIn: (locale: string, options?: BrowserContextOptions) => Promise<Page>;
  /** Opens the node's page (at `path`, e.g. `/app/requests/…`) and signs in there as the user. */
  signIn: (page: Page, country: string, user: BrowserUser, labels: SignInLabels, path?: string) => Promise<void>;
  /** A new page in the locale, signed in on the node's page: returns once the navigation shows, else fails saying what the page shows. */
  signedIn: (country: string, locale: string, user: BrowserUser, labels: SignInLabels) => Promise<Page>;
  /** Content-Security-Policy refusals the browser reported, `url: message`: the application must cause none. */
  cspViolations: string[];
  /** Errors no code of a page caught: the application must throw none. */
  pageErrors: string[];
  /** Fails if any page so far had a Content-Security-Policy refusal or an uncaught error. */
  expectNoRefusals: () => void;
}

/**
 * A spec's network of the plan and Chromium: started before its tests, closed after them (the
 * browser with every context and page it opened, then the network). Every page opened with
 * `pageIn` has its Content-Security-Policy refusals (reported on the console) and its uncaught
 * errors recorded, for `expectNoRefusals`. Call it in the `describe` body; what it returns can be
 * taken apart (`const { node, pageIn, signIn } = browserSession(PLAN)`).
 */
export function browserSession(plan: NetworkPlan): BrowserSession {
  let network: TestNetwork | undefined;
  let browser: Browser | undefined;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    network = await TestNetwork.start(plan);
    browser = await launchChromium();
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await network?.close();
    }
  });

  const node = (country: string): RunningNode => {
    if (!network) throw new Error('the network is not started (browserSession is used before its beforeAll ran)');
    return network.node(country);
  };

  async function pageIn(locale: string, options: BrowserContextOptions = {}): Promise<Page> {
    if (!browser) throw new Error('the browser is not started (browserSession is used before its beforeAll ran)');
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async function signIn(page: Page, country: string, user: BrowserUser, labels: SignInLabels, path = ''): Promise<void> {
    await page.goto(`${node(country).url}${path}`);
    await fillSignIn(page, user, labels);
  }

  async function signedIn(country: string, locale: string, user: BrowserUser, labels: SignInLabels): Promise<Page> {
    const page = await pageIn(locale);
    await signIn(page, country, user, labels);
    await page.getByRole('navigation').waitFor().catch(async (error) => {
      throw new Error(`not signed in: ${(await page.locator('body').innerHTML({ timeout: 1000 }).catch(() => '')).slice(0, 2000)} ${pageErrors.join('; ')} (${(error as Error).message.split('\n')[0]})`);
    });
    return page;
  }

  const expectNoRefusals = (): void => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  };

  return { node, pageIn, signIn, signedIn, cspViolations, pageErrors, expectNoRefusals };
}

/** Axe's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fails if axe finds anything serious or critical on the page as it is now, naming the page's address. */
export async function expectAccessible(page: Page): Promise<void> {
  expect({ url: page.url(), violations: await seriousViolations(page) }).toEqual({ url: page.url(), violations: [] });
}

const SCREENSHOTS = join(__dirname, '../../docs/screenshots');
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
