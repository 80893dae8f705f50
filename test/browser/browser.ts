import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, chromium, Page } from '@playwright/test';
import { Role } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AuditLog } from '../../apps/node/src/privacy/audit-log';
import { enrolUser, totpFor } from '../../apps/node/src/users/enrolment';
import { UserRepository } from '../../apps/node/src/users/users.repository';
import { RunningNode } from '../flows/network';

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

/** Axe's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const SCREENSHOTS = join(__dirname, '../../docs/screenshots');
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
