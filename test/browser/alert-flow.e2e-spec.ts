import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { actingFor, eventually } from '../flows/http';
import { browserSession, browserUser, expectAccessible, screenshot, SIGN_IN } from './browser';

/** The Berlin chamber gives its name in several languages, so the directory can find it in each. */
const PLAN: NetworkPlan = {
  nodes: [
    {
      code: 'DE',
      authorities: [{
        id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications', 'services'], professions: ['medical doctor'],
        names: {
          de: 'Ärztekammer Berlin', fr: 'Ordre des médecins de Berlin', en: 'Berlin Chamber of Physicians',
          es: 'Colegio de Médicos de Berlín', da: 'Lægekammeret i Berlin',
        },
      }],
    },
    {
      code: 'FR',
      authorities: [
        { id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] },
        { id: 'FR-DGCCRF', name: 'DGCCRF', legislativeAreas: ['services'] },
        {
          id: 'FR-CNIMI', name: 'Coordinateur national IMI', legislativeAreas: ['professional-qualifications', 'services'],
          coordinates: ['professional-qualifications', 'services'],
        },
      ],
    },
  ],
};

/**
 * An alert in real browsers over a real network: DE-BE-AEK's case handler sends a professional
 * qualifications alert to France on DE's page in German (the form first refusing what the node
 * would, in German); FR's coordinator sees it unread on FR's page in French and distributes it to
 * FR-CNOM, whose case handler acknowledges it; the sender sees the receipts of the addressee;
 * the directory finds the Berlin chamber by its French name. axe finds nothing serious anywhere.
 */
describe('web application: an alert from DE distributed and acknowledged in FR', () => {
  const { node, signedIn, expectNoRefusals } = browserSession(PLAN);
  const today = new Date().toISOString().slice(0, 10);

  it('sends from DE in German, distributes on FR in French, acknowledges, shows the receipts; the directory finds the Berlin chamber in French', async () => {
    const sender = await browserUser(node('DE'), 'DE-BE-AEK', ['case-handler']);
    const coordinator = await browserUser(node('FR'), 'FR-CNIMI', ['coordinator']);
    const handler = await browserUser(node('FR'), 'FR-CNOM', ['case-handler']);

    // DE: the form refuses an empty alert in German, then sends a complete one to France.
    const de = await signedIn('DE', 'de-DE', sender, SIGN_IN.de);
    await de.getByRole('link', { name: 'Vorwarnungen', exact: true }).click();
    await de.getByRole('heading', { name: 'Vorwarnungen und Mitteilungen', level: 1 }).waitFor();
    await de.getByRole('link', { name: 'Vorwarnung oder Mitteilung senden' }).click();
    await de.getByRole('heading', { name: 'Vorwarnung oder Mitteilung senden', level: 1 }).waitFor();
    await de.getByRole('button', { name: 'Senden', exact: true }).click();
    const faults = de.getByRole('alert');
    await faults.getByText('Bitte wählen Sie mindestens einen Empfänger.').waitFor();
    await expect(faults.textContent()).resolves.toContain('Felder des Inhalts fehlen oder sind ungültig.');
    // Each fault tied to its field.
    const familyName = de.getByLabel('Familienname');
    expect(await familyName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await familyName.getAttribute('aria-describedby');
    await expect(de.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe('Bitte füllen Sie dieses Feld aus.');
    await expectAccessible(de);
    await screenshot(de, 'alert-send-refused-de');
    await expect(node('DE').db.query('SELECT count(*)::int AS n FROM alerts')).resolves.toEqual([{ n: 0 }]);

    // Authorities can be added from the directory (in any language) and removed again.
    await de.getByLabel('Behörde im Verzeichnis suchen').fill('médecins');
    await de.getByRole('button', { name: 'Suchen', exact: true }).click();
    await de.getByRole('button', { name: "Conseil national de l'Ordre des médecins hinzufügen" }).click();
    const chosen = de.getByRole('list', { name: 'Ausgewählte Behörden' });
    await expect(chosen.textContent()).resolves.toContain('FR-CNOM');
    await expectAccessible(de);
    await chosen.getByRole('button', { name: "Conseil national de l'Ordre des médecins entfernen" }).click();
    await expect(chosen.count()).resolves.toBe(0);
    // ECL draws its own box over the native checkbox: a person clicks the label.
    await de.getByText('Frankreich', { exact: true }).click();
    expect(await de.getByLabel('Frankreich').isChecked()).toBe(true);
    await familyName.fill('Beispielperson');
    await de.getByLabel('Vornamen').fill('Jeanne');
    await de.getByLabel('Geburtsdatum').fill('1975-03-14');
    await de.getByLabel(/^Beruf/).fill('Ärztin');
    await de.getByLabel('Entscheidende Behörde oder entscheidendes Gericht').fill('Berufsgericht für Heilberufe Berlin');
    await de.getByLabel('Umfang der Entscheidung').selectOption('prohibition');
    await de.getByLabel('Gilt ab').fill(today);
    // A period that ends before it starts is refused as the node would refuse it.
    await de.getByLabel('Gilt bis').fill('2020-01-01');
    await de.getByRole('button', { name: 'Senden', exact: true }).click();
    await de.getByText('Dieses Datum liegt vor dem Beginn des Zeitraums.').waitFor();
    await de.getByLabel('Gilt bis').fill('');
    await de.getByLabel('Datum der Entscheidung').fill(today);
    await de.getByRole('button', { name: 'Senden', exact: true }).click();
    await de.getByRole('heading', { name: 'Vorwarnung Berufsqualifikationen', level: 1 }).waitFor();
    const alertId = /\/app\/alerts\/([0-9a-f-]{36})$/.exec(de.url())?.[1];
    expect(alertId).toBeDefined();
    expect(await de.title()).not.toContain('Beispielperson');
    await expect(de.getByTestId('alert-content').textContent()).resolves.toContain('Untersagung der Berufsausübung');
    await expectAccessible(de);
    await screenshot(de, 'alert-sent-de');

    // FR's coordinator: unread on the work list, in French; distributes to FR-CNOM.
    await eventually(async () => expect((await actingFor(node('FR'), 'FR-CNIMI').get(`/alerts/${alertId}`)).status).toBe(200));
    const co = await signedIn('FR', 'fr-FR', coordinator, SIGN_IN.fr);
    const unread = co.getByRole('region', { name: /Alertes et notifications non lues/ });
    await unread.getByRole('link').first().waitFor();
    await expect(unread.getByRole('heading').textContent()).resolves.toMatch(/non lues\s*1$/);
    await expectAccessible(co);
    await screenshot(co, 'alert-work-list-fr');
    await unread.getByRole('link').first().click();
    await co.getByRole('heading', { name: 'Alerte qualifications professionnelles', level: 1 }).waitFor();
    await expect(co.getByTestId('alert-read').textContent()).resolves.toBe('Non lue');
    await expect(co.getByTestId('alert-content').textContent()).resolves.toContain('Beispielperson');
    await expect(co.getByTestId('alert-content').textContent()).resolves.toContain('Interdiction d\'exercice');
    // A coordinator distributes; sending and changing are a case handler's, and not shown.
    await expect(co.getByRole('button', { name: 'Clôturer l\'alerte' }).count()).resolves.toBe(0);
    await co.getByText(/Conseil national de l'Ordre des médecins/).click();
    expect(await co.getByLabel(/Conseil national de l'Ordre des médecins/).isChecked()).toBe(true);
    await expect(co.getByLabel(/DGCCRF/).count()).resolves.toBe(0);
    await expectAccessible(co);
    await co.getByRole('button', { name: 'Diffuser', exact: true }).click();
    await co.getByText('C\'est fait.').waitFor();
    const here = co.getByRole('region', { name: 'Destinataires dans cet État membre' });
    await here.getByRole('row', { name: /FR-CNOM/ }).waitFor();
    await expect(here.getByRole('row', { name: /FR-CNOM/ }).textContent()).resolves.toContain('FR-CNIMI');
    await expectAccessible(co);
    await screenshot(co, 'alert-distributed-fr');

    // FR-CNOM's case handler: sees it unread, acknowledges it.
    const cnom = await signedIn('FR', 'fr-FR', handler, SIGN_IN.fr);
    await cnom.getByRole('link', { name: 'Alertes', exact: true }).click();
    await cnom.getByRole('heading', { name: 'Alertes et notifications', level: 1 }).waitFor();
    const row = cnom.getByRole('row', { name: /Alerte qualifications professionnelles/ });
    await expect(row.textContent()).resolves.toContain('Non lue');
    await expectAccessible(cnom);
    await screenshot(cnom, 'alert-list-fr');
    await row.getByRole('link').click();
    await cnom.getByRole('button', { name: 'Accuser réception' }).click();
    await cnom.getByText('C\'est fait.').waitFor();
    await expect(cnom.getByTestId('alert-read').textContent()).resolves.toBe('Lue');
    await expect(cnom.getByRole('button', { name: 'Accuser réception' }).count()).resolves.toBe(0);
    await cnom.getByText('Vous n\'avez aucune action à effectuer sur cette alerte.').waitFor();
    // Read now: the work list counts it no more.
    await cnom.getByRole('link', { name: 'Tâches', exact: true }).click();
    const stillUnread = cnom.getByRole('region', { name: /Alertes et notifications non lues/ });
    await stillUnread.getByText('Rien à traiter.').waitFor();
    await expect(stillUnread.getByRole('heading').textContent()).resolves.toMatch(/non lues\s*0$/);
    await cnom.goBack();
    await cnom.getByRole('heading', { name: 'Alerte qualifications professionnelles', level: 1 }).waitFor();
    await expectAccessible(cnom);
    await screenshot(cnom, 'alert-acknowledged-fr');

    // DE: the receipts of the addressee (FR's coordinator, for its member state): delivered, read, acknowledged.
    const receipts = de.getByRole('region', { name: 'Empfänger und Bestätigungen' });
    const frRow = receipts.getByRole('row', { name: /FR-CNIMI/ });
    await eventually(async () => {
      await receipts.getByRole('button', { name: 'Aktualisieren' }).click();
      const cells = await frRow.getByRole('cell').allTextContents();
      // Addressee, country, delivered, read, acknowledged: every time given.
      expect(cells.slice(0, 2)).toEqual(['FR-CNIMI', 'Frankreich']);
      expect(cells.slice(2).filter((c) => c === '—')).toEqual([]);
    });
    await expectAccessible(de);
    await screenshot(de, 'alert-receipts-de');

    // A change refused by the node (the alert was withdrawn meanwhile, elsewhere) is shown, not swallowed.
    expect((await actingFor(node('DE'), 'DE-BE-AEK').post(`/alerts/${alertId}/withdraw`, { reason: 'Entscheidung aufgehoben' })).status).toBe(200);
    await de.getByRole('button', { name: 'Vorwarnung abschließen' }).click();
    await de.getByRole('alert').getByText(/cannot close an alert that is withdrawn/).waitFor();
    await expectAccessible(de);

    // The directory, in French: the Berlin chamber by its French name, with its country in French.
    await cnom.getByRole('link', { name: 'Annuaire', exact: true }).click();
    await cnom.getByRole('heading', { name: 'Annuaire des autorités', level: 1 }).waitFor();
    await cnom.getByLabel('Mots recherchés').fill('ordre médecins Berlin');
    await cnom.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const berlin = cnom.getByRole('row', { name: /DE-BE-AEK/ });
    await berlin.waitFor();
    const cells = await berlin.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['Ordre des médecins de Berlin', 'DE-BE-AEK', 'Allemagne']);
    await expect(cnom.getByRole('status').first().textContent()).resolves.toBe('Une autorité trouvée');
    await expectAccessible(cnom);
    await screenshot(cnom, 'directory-search');

    expectNoRefusals();
  });
});
