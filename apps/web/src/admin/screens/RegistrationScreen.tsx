import { useState } from 'react';
import type { Problem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAreaName } from '../../requests/area-name';
import { useLoad } from '../../screens/useLoad';
import { Link } from '../../ui/Link';
import { ListStatus } from '../../ui/ListStatus';
import { DoneNotice, ProblemNotice } from '../../ui/ProblemNotice';
import { actOnRegistration, getRegistration, RegistrationAction, RegistrationStatus, RegistrationView, updateRegistration } from '../api';
import { Facts } from '../../ui/fields';
import { RegistrationForm } from './RegistrationForm';
import { nameIn } from './registration-name';

/** Registrations created a moment ago on this page, so their page says so once. */
export const justRegistered = new Set<string>();

/** What the API allows from each status (libs/domain/src/registration.ts); the server still decides. */
const ACTIONS: Record<RegistrationStatus, RegistrationAction[]> = {
  registered: ['validate', 'remove'],
  active: ['suspend', 'remove'],
  suspended: ['reinstate', 'remove'],
  removed: [],
};
const BUTTON = { validate: 'admin.doValidate', suspend: 'admin.doSuspend', reinstate: 'admin.doReinstate', remove: 'admin.doRemove' } as const;

/** One registration: its data, whether the hub took its last publication, its history, and the changes its status allows. */
export function RegistrationScreen({ id }: { id: string }) {
  const { t, language } = useI18n();
  const loaded = useLoad(() => getRegistration(id), [id, language]);
  const [changed, setChanged] = useState<RegistrationView | null>(null);
  const [registered] = useState(() => justRegistered.delete(id));
  const view = changed ?? loaded.data;

  return (
    <>
      <p><Link to="/admin/registrations">{t('admin.backToRegistrations')}</Link></p>
      {!view && <ListStatus problem={loaded.problem} loading={loaded.loading} empty={false} />}
      {view && <Registration key={view.id} view={view} registered={registered} onChanged={setChanged} />}
    </>
  );
}

function Registration({ view, registered, onChanged }: { view: RegistrationView; registered: boolean; onChanged: (view: RegistrationView) => void }) {
  const { t, tMaybe, language, dateTime } = useI18n();
  const areaName = useAreaName();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(registered ? t('admin.registered') : null);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [editing, setEditing] = useState(false);

  const act = async (action: RegistrationAction) => {
    setConfirmingRemoval(false);
    const result = await actOnRegistration(view.id, action);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setDone(t('admin.statusNow', { status: t(`admin.regStatus.${result.data.status}`) }));
    onChanged(result.data);
  };
  const publication = view.publication;
  const address = view.address && [view.address.street, [view.address.postalCode, view.address.city].filter(Boolean).join(' '), view.address.country].filter(Boolean).join(', ');

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{nameIn(view, language)}</h1>
      {problem && <ProblemNotice problem={problem} />}
      {done && <DoneNotice text={done} />}
      <Facts rows={[
        [t('admin.colId'), view.id],
        [t('admin.colKind'), t(`admin.kind.${view.kind}`)],
        [t('admin.colStatus'), <span data-testid="registration-status">{t(`admin.regStatus.${view.status}`)}</span>],
        [t('admin.colAreas'), view.legislativeAreas.map(areaName).join(', ')],
        [t('admin.colRegion'), view.region ?? '—'],
        [t('admin.address'), address || '—'],
        [t('admin.professions'), view.professions.join(', ') || '—'],
        [t('admin.registeredBy'), view.registeredBy],
        [t('admin.validatedBy'), view.validatedBy ?? '—'],
        [t('admin.publication'), !publication ? t('admin.notPublished')
          : publication.refusedByHub ? t('admin.publishedRefused', { reason: publication.refusedByHub.reason })
          : publication.acceptedByHubAt ? t('admin.publishedAccepted', { date: dateTime(publication.acceptedByHubAt) }) : t('admin.publishedPending')],
      ]} />

      {ACTIONS[view.status].length > 0 && (
        <section className="imi-section" aria-labelledby="registration-actions">
          <h2 className="ecl-u-type-heading-2" id="registration-actions">{t('actions')}</h2>
          <div className="admin-buttons">
            {ACTIONS[view.status].filter((a) => a !== 'remove').map((action) => (
              <button key={action} type="button" className="ecl-button ecl-button--primary" onClick={() => void act(action)}>{t(BUTTON[action])}</button>
            ))}
            {!confirmingRemoval && <button type="button" className="ecl-button ecl-button--secondary" onClick={() => setConfirmingRemoval(true)}>{t('admin.doRemove')}</button>}
          </div>
          {confirmingRemoval && (
            <div className="imi-action-form">
              <p className="ecl-u-type-paragraph" id="registration-remove-warning">{t('admin.removeWarning')}</p>
              <div className="admin-buttons">
                <button type="button" className="ecl-button ecl-button--primary admin-button-danger" aria-describedby="registration-remove-warning" onClick={() => void act('remove')}>
                  {t('admin.confirmRemove', { id: view.id })}
                </button>
                <button type="button" className="ecl-button ecl-button--secondary" onClick={() => setConfirmingRemoval(false)}>{t('admin.cancel')}</button>
              </div>
            </div>
          )}
        </section>
      )}

      {view.status !== 'removed' && (
        <section className="imi-section" aria-labelledby="registration-edit">
          <h2 className="ecl-u-type-heading-2" id="registration-edit">{t('admin.edit')}</h2>
          {editing ? (
            <RegistrationForm initial={view} country={view.id.slice(0, 2)} submitLabel={t('admin.save')} onSubmit={async (data) => {
              const result = await updateRegistration(view.id, data);
              if (!result.ok) {
                setProblem(result.problem);
                return false;
              }
              setProblem(null);
              setDone(t('admin.saved'));
              setEditing(false);
              onChanged(result.data);
              return true;
            }} />
          ) : (
            <button type="button" className="ecl-button ecl-button--secondary" onClick={() => setEditing(true)}>{t('admin.edit')}</button>
          )}
        </section>
      )}

      <section className="imi-section" aria-labelledby="registration-history">
        <h2 className="ecl-u-type-heading-2" id="registration-history">{t('admin.history')}</h2>
        <ol className="ecl-unordered-list imi-timeline">
          {view.history.map((h, i) => (
            <li key={i} className="ecl-unordered-list__item">
              {dateTime(h.at)}: {tMaybe(`admin.action.${h.action}`) ?? h.action} ({h.byAuthority}) → {t(`admin.regStatus.${h.status}`)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
