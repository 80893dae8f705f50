import { randomUUID } from 'node:crypto';
import { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { CATALOGUES } from '../../apps/web/src/i18n/catalogues';
import { actingFor } from '../flows/http';
import { browserSession, browserUser, expectAccessible, fillSignIn, screenshot, SIGN_IN } from './browser';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
    {
      code: 'FR',
      authorities: [
        { id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] },
        { id: 'FR-CNIMI', name: 'Coordination nationale IMI', legislativeAreas: ['professional-qualifications', 'services'], kind: 'national-coordinator', observes: ['FR-CNOM'] },
      ],
    },
  ],
};

const en = CATALOGUES.en;
const fr = CATALOGUES.fr;

// ECL draws its own box over a checkbox (the label takes the click): `force` clicks where the box is.

/**
 * Administration in a real browser against a real network: an authority's administrator
 * creates a case handler, who sets up the authenticator at the first sign-in (QR code and key
 * shown once) and signs in; the administrator changes the user's roles and deactivates the
 * user, who can then no longer sign in; a coordinator registers, validates, suspends,
 * reinstates and changes an authority; an observer reads the statistics in French. Every
 * screen passes axe-core.
 */
describe('web application: administration in the browser', () => {
  const { node, pageIn, signIn, expectNoRefusals } = browserSession(PLAN);
  const password = 'copper kettle under the lime trees';
  const newUser = { email: `camille-${randomUUID().slice(0, 8)}@cnom.example.fr`, name: 'Camille Dupont' };

  /** The first sign-in with email and password only, up to the step that shows the authenticator (or refuses). */
  async function startFirstSignIn(page: Page): Promise<void> {
    await page.goto(node('FR').url);
    await page.getByRole('button', { name: en['admin.firstSignInLink'] }).click();
    await page.getByRole('heading', { name: en['admin.firstSignInTitle'], level: 1 }).waitFor();
    await page.getByLabel(en.email).fill(newUser.email);
    await page.getByLabel(en.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: en['admin.continue'] }).click();
  }

  let admin: Page;
  let userPage: Page;
  let secret: string;

  it('lets the authority\'s administrator create a case handler, without ever seeing the second factor', async () => {
    admin = await pageIn('en-GB');
    await signIn(admin, 'FR', await browserUser(node('FR'), 'FR-CNOM', ['authority-administrator']), SIGN_IN.en);
    await admin.getByRole('link', { name: en['admin.navUsers'], exact: true }).click();
    await admin.getByRole('heading', { name: en['admin.usersTitle'], level: 1 }).waitFor();
    await admin.getByRole('table').waitFor();
    await expectAccessible(admin);

    await admin.getByRole('link', { name: en['admin.newUser'] }).click();
    await admin.getByRole('heading', { name: en['admin.newUserTitle'], level: 1 }).waitFor();
    // No role chosen: refused on the page, tied to the roles, nothing sent.
    await admin.getByLabel(en.email).fill(newUser.email);
    await admin.getByLabel(en['admin.displayName']).fill(newUser.name);
    await admin.getByLabel(en['admin.initialPassword']).fill(password);
    await admin.getByRole('button', { name: en['admin.createUser'] }).click();
    await admin.getByText(en['admin.atLeastOneRole']).waitFor();
    await admin.getByLabel(en['admin.role.case-handler']).check({ force: true });
    await expectAccessible(admin);
    await screenshot(admin, 'admin-new-user');
    await admin.getByRole('button', { name: en['admin.createUser'] }).click();
    await admin.getByText(en['admin.userCreated'].replace('{name}', newUser.name)).waitFor();
    await expect(admin.locator('img, [data-testid="totp-secret"]').count()).resolves.toBe(0);
    await expectAccessible(admin);

    await admin.getByRole('link', { name: en['admin.backToUsers'] }).click();
    const row = admin.getByRole('row').filter({ hasText: newUser.email });
    await row.getByText(en['admin.secondFactor.pending']).waitFor();
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(en['admin.role.case-handler']);
    // The administrator's own account is changed by another administrator, not here.
    const own = admin.getByRole('row').filter({ hasText: en['admin.role.authority-administrator'] });
    await expect(own.count()).resolves.toBe(1);
    await expect(own.getByRole('button').count()).resolves.toBe(0);
    await screenshot(admin, 'admin-users');
  });

  it('shows the new user the QR code and key once at the first sign-in, and signs in with the first code from it', async () => {
    userPage = await pageIn('en-GB');
    await startFirstSignIn(userPage);
    await userPage.getByRole('heading', { name: en['admin.enrolmentTitle'], level: 1 }).waitFor();
    const qr = userPage.getByRole('img', { name: en['admin.qrAlt'] });
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    secret = ((await userPage.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expectAccessible(userPage);
    await screenshot(userPage, 'first-sign-in-qr');

    const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    // A wrong code is refused and the enrolment stays on the page, to try again.
    await userPage.getByLabel(en.oneTimeCode).fill(totp.generate({ timestamp: Date.now() - 10 * 60_000 }));
    await userPage.getByRole('button', { name: en['admin.confirmAndSignIn'] }).click();
    await userPage.getByRole('alert').getByText(en.signInFailed, { exact: false }).waitFor();
    await qr.waitFor();
    await expectAccessible(userPage);
    await userPage.getByLabel(en.oneTimeCode).fill(totp.generate());
    await userPage.getByRole('button', { name: en['admin.confirmAndSignIn'] }).click();
    await userPage.getByText(en.signedInFor.replace('{authority}', 'FR-CNOM')).waitFor();
    await userPage.getByRole('heading', { name: en.workListTitle, level: 1 }).waitFor();
    // A case handler sees no administration.
    await expect(userPage.getByRole('link', { name: en['admin.navUsers'], exact: true }).count()).resolves.toBe(0);
    await expectAccessible(userPage);

    // Signed out, a second first sign-in does not show the authenticator again.
    await userPage.getByRole('button', { name: en.signOut }).click();
    await startFirstSignIn(userPage);
    await userPage.getByRole('alert').getByText(en['admin.enrolmentShownBefore']).waitFor();
    await expect(userPage.getByRole('img').count()).resolves.toBe(0);
    await expect(userPage.getByTestId('totp-secret').count()).resolves.toBe(0);
    expect(await userPage.content()).not.toContain(secret);
    await expectAccessible(userPage);
  });

  it('lets the administrator change the user\'s roles and deactivate the user, who can then no longer sign in', async () => {
    // The list as it is now: every status, read again.
    await admin.getByLabel(en['admin.filterStatus']).selectOption('');
    const row = admin.getByRole('row').filter({ hasText: newUser.email });
    await row.getByText(en['admin.secondFactor.confirmed']).waitFor();
    await row.getByRole('button', { name: `${en['admin.manage']} ${newUser.name}` }).click();
    const manage = admin.getByRole('region', { name: en['admin.manageTitle'].replace('{name}', newUser.name) });
    // The keyboard follows to the form that opened.
    await expect(admin.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent))
      .resolves.toBe(en['admin.manageTitle'].replace('{name}', newUser.name));
    await manage.getByLabel(en['admin.role.case-handler']).uncheck({ force: true });
    await manage.getByLabel(en['admin.role.allocator']).check({ force: true });
    await manage.getByLabel(en['admin.role.observer']).check({ force: true });
    await manage.getByRole('button', { name: en['admin.saveRoles'] }).click();
    await manage.getByText(en['admin.rolesSaved']).waitFor();
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(`${en['admin.role.allocator']}, ${en['admin.role.observer']}`);
    await expectAccessible(admin);
    await manage.getByRole('button', { name: en['admin.deactivate'] }).click();
    await screenshot(admin, 'admin-manage-user');
    await manage.getByRole('button', { name: en['admin.deactivateConfirm'].replace('{name}', newUser.name) }).click();
    await admin.getByText(en['admin.deactivated']).waitFor();
    await expect(admin.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent))
      .resolves.toBe(en['admin.deactivated']);
    // The former user's own data is blocked: the row keeps the roles, not the name or the address.
    const former = admin.getByRole('row').filter({ hasText: en['admin.formerUser'] });
    await former.getByText(en['admin.userStatus.deactivated']).waitFor();
    await expect(admin.getByRole('row').filter({ hasText: newUser.email }).count()).resolves.toBe(0);
    await expectAccessible(admin);
    const listed = (await actingFor(node('FR'), 'FR-CNOM').get('/users?status=deactivated&limit=200')).body.items;
    expect(listed.map((u: { roles: string[]; status: string; email?: string }) => [u.roles, u.status, u.email])).toContainEqual([['allocator', 'observer'], 'deactivated', undefined]);

    // The deactivated user: the right password and a fresh code, refused with a message that says what to do.
    const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
    await userPage.getByRole('button', { name: en['admin.backToSignIn'] }).click();
    await fillSignIn(userPage, { email: newUser.email, password, code: () => totp.generate({ timestamp: Date.now() + 30_000 }) }, SIGN_IN.en);
    await userPage.getByRole('alert').getByText(`${en.signInFailed} ${en['admin.signInFailedHint']}`).waitFor();
    expect(en['admin.signInFailedHint']).toContain('deactivated');
    await expect(userPage.getByText(en.signedInFor.replace('{authority}', 'FR-CNOM')).count()).resolves.toBe(0);
    await expectAccessible(userPage);
    await screenshot(userPage, 'admin-deactivated-sign-in');
  });

  it('lets a coordinator register, validate, suspend, reinstate and change an authority', async () => {
    const page = await pageIn('en-GB');
    await signIn(page, 'FR', await browserUser(node('FR'), 'FR-CNIMI', ['coordinator']), SIGN_IN.en);
    await page.getByRole('link', { name: en['admin.navRegistrations'], exact: true }).click();
    await page.getByRole('heading', { name: en['admin.registrationsTitle'], level: 1 }).waitFor();
    await page.getByText(en.nothingHere).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: en['admin.newRegistration'] }).click();
    await page.getByRole('heading', { name: en['admin.newRegistrationTitle'], level: 1 }).waitFor();
    await page.getByLabel(en['admin.idLabel']).fill('FR-ARS-IDF');
    await page.getByLabel(en['admin.nameIn'].replace('{language}', 'French')).fill('Agence régionale de santé Île-de-France');
    await page.getByLabel(en['admin.nameIn'].replace('{language}', 'English')).fill('Regional Health Agency Île-de-France');
    await page.getByLabel(en['admin.city']).fill('Saint-Denis');
    await page.getByLabel(en['admin.professions']).fill('nurse, midwife');
    await page.getByLabel(en['admin.colRegion']).fill('Île-de-France');
    await expectAccessible(page);
    // No legislative area: the server refuses, and its problem is shown, not swallowed.
    await page.getByRole('button', { name: en['admin.register'], exact: true }).click();
    await page.getByRole('alert').getByText('legislativeAreas needs at least one area').waitFor();
    await page.getByLabel('Professional qualifications').check({ force: true });
    await page.getByRole('button', { name: en['admin.register'], exact: true }).click();

    await page.getByRole('heading', { name: 'Regional Health Agency Île-de-France', level: 1 }).waitFor();
    await page.getByText(en['admin.registered']).waitFor();
    const status = page.getByTestId('registration-status');
    await expect(status.textContent()).resolves.toBe(en['admin.regStatus.registered']);
    await expect(page.getByRole('button', { name: en['admin.doReinstate'] }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await page.getByRole('button', { name: en['admin.doValidate'] }).click();
    await page.getByText(en['admin.statusNow'].replace('{status}', en['admin.regStatus.active'])).waitFor();
    await page.getByRole('button', { name: en['admin.doSuspend'] }).click();
    await page.getByText(en['admin.statusNow'].replace('{status}', en['admin.regStatus.suspended'])).waitFor();
    await page.getByRole('button', { name: en['admin.doReinstate'] }).click();
    await page.getByText(en['admin.statusNow'].replace('{status}', en['admin.regStatus.active'])).waitFor();

    await page.getByRole('button', { name: en['admin.edit'] }).click();
    await page.getByLabel(en['admin.professions']).fill('nurse, midwife, pharmacist');
    await page.getByRole('button', { name: en['admin.save'] }).click();
    await page.getByText(en['admin.saved']).waitFor();
    await page.getByText('nurse, midwife, pharmacist').waitFor();
    for (const action of ['register', 'validate', 'suspend', 'reinstate', 'update'] as const) {
      await page.getByRole('listitem').filter({ hasText: en[`admin.action.${action}`] }).first().waitFor();
    }
    await expectAccessible(page);
    await screenshot(page, 'admin-registration');
    const stored = (await actingFor(node('FR'), 'FR-CNIMI', undefined, ['coordinator']).get('/registrations/FR-ARS-IDF')).body;
    expect(stored).toMatchObject({ status: 'active', professions: ['nurse', 'midwife', 'pharmacist'], region: 'Île-de-France', legislativeAreas: ['professional-qualifications'] });

    await page.getByRole('link', { name: en['admin.backToRegistrations'] }).click();
    await page.getByLabel(en['admin.filterStatus']).selectOption('active');
    await page.getByRole('link', { name: 'Regional Health Agency Île-de-France' }).waitFor();
    await page.getByLabel(en['admin.filterStatus']).selectOption('removed');
    await page.getByText(en.nothingHere).waitFor();
    await page.getByLabel(en['admin.filterStatus']).selectOption('');
    await page.getByRole('link', { name: 'Regional Health Agency Île-de-France' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-registrations');
  });

  it('shows an observer the statistics, numbers and dates in the reader\'s language', async () => {
    const cnom = actingFor(node('FR'), 'FR-CNOM');
    for (let i = 0; i < 2; i++) {
      const sent = await cnom.post('/requests', {
        addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson-Statistik', givenNames: 'Anne' },
      });
      expect(sent.status).toBe(201);
    }
    const page = await pageIn('fr-FR');
    await signIn(page, 'FR', await browserUser(node('FR'), 'FR-CNOM', ['observer']), SIGN_IN.fr);
    await page.getByRole('link', { name: fr['admin.navStatistics'], exact: true }).click();
    await page.getByRole('heading', { name: fr['admin.statisticsTitle'], level: 1 }).waitFor();
    const requests = page.getByRole('region', { name: new RegExp(fr['admin.requestsTable']) });
    const row = requests.getByRole('row').filter({ hasText: fr['state.sent'] });
    await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('2');
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toBe(fr['requests.area.professional-qualifications']);
    // The date in French (e.g. « 1 déc. 2026, 16:05 »), not in English.
    await page.getByText(/\d{1,2} [a-zéû]+\.? \d{4}/).first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admin-statistics');

    // The national coordinator's observer sees FR-CNOM's requests: states and dates, never the person.
    const coordination = await pageIn('fr-FR');
    await signIn(coordination, 'FR', await browserUser(node('FR'), 'FR-CNIMI', ['observer']), SIGN_IN.fr);
    await coordination.getByRole('link', { name: fr['requests.navObserved'], exact: true }).click();
    await coordination.getByRole('heading', { name: fr['requests.observedTitle'], level: 1 }).waitFor();
    const observed = coordination.getByRole('region', { name: new RegExp(fr.requestsTitle) });
    const sent = observed.getByRole('row').filter({ hasText: 'DE-BE-AEK' }).filter({ hasText: fr['state.sent'] });
    await sent.first().waitFor();
    await expect(sent.count()).resolves.toBe(2);
    await expect(coordination.getByText('Testperson-Statistik').count()).resolves.toBe(0);
    await expectAccessible(coordination);
    await screenshot(coordination, 'requests-observed-fr');
    // No page of the whole run had a Content-Security-Policy refusal or an uncaught error.
    expectNoRefusals();
  });
});
