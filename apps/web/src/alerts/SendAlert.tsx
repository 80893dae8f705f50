import { FormEvent, useId, useMemo, useState } from 'react';
import type { Problem } from '../api/client';
import { AuthorityPicker, PickedAuthority } from '../directory/AuthorityPicker';
import { COMMISSION_NODE, listAuthorities } from '../directory/api';
import { usePlaceNames } from '../directory/labels';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { useLoad } from '../screens/useLoad';
import type { Session } from '../session/session';
import { Checkbox } from '../ui/fields';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ALERT_AREA, ALERT_KINDS, AlertKind, sendAlert } from './api';
import { checkValues, ContentValues, toContent } from './content';
import { ContentFields } from './ContentFields';

/**
 * Sends an alert or a one-to-many notification: its kind (an alert's kind fixes its area), the
 * addressees (whole member states through their coordinators, every member state, the
 * Commission, or authorities found in the directory) and the content its Union act requires.
 * The form refuses what the node would, in the user's language; the node's problem is shown.
 * Form state lives here, in memory, so it survives a session that expires meanwhile.
 */
export function SendAlert({ session }: { session: Session }) {
  const { t, tMaybe } = useI18n();
  const names = usePlaceNames();
  const id = useId();
  const [kind, setKind] = useState<AlertKind>('professional-qualifications-alert');
  const [notificationArea, setNotificationArea] = useState('');
  const [memberStates, setMemberStates] = useState<string[]>([]);
  const [allMemberStates, setAllMemberStates] = useState(false);
  const [commission, setCommission] = useState(false);
  const [picked, setPicked] = useState<PickedAuthority[]>([]);
  const [values, setValues] = useState<ContentValues>({});
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const network = useLoad(() => listAuthorities(), []);
  const own = network.data?.find((a) => a.id === session.authorityId) ?? null;
  const ownNode = own?.node ?? null;
  const area = ALERT_AREA[kind] ?? notificationArea;
  // Member states that have a coordinator for the area: the ones an alert can go to as a whole.
  const coordinated = useMemo(() => [...new Set((network.data ?? [])
    .filter((a) => a.status === 'active' && a.node !== ownNode && a.node !== COMMISSION_NODE && (a.coordinates ?? []).includes(area))
    .map((a) => a.node))].sort(), [network.data, ownNode, area]);
  const commissionThere = (network.data ?? []).some((a) => a.node === COMMISSION_NODE && a.status === 'active' && a.legislativeAreas.includes(area));

  const contentErrors = checkValues(kind, values);
  const noArea = !area;
  const noRecipient = memberStates.length === 0 && !allMemberStates && !commission && picked.length === 0;
  const valid = Object.keys(contentErrors).length === 0 && !noArea && !noRecipient;

  const changeKind = (next: AlertKind) => {
    setKind(next);
    setMemberStates([]);
    setPicked([]);
    setCommission(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!valid) return;
    setBusy(true);
    const result = await sendAlert({
      kind, ...(ALERT_AREA[kind] ? {} : { legislativeArea: area }),
      recipients: {
        ...(memberStates.length ? { memberStates } : {}), ...(allMemberStates ? { allMemberStates } : {}), ...(commission ? { commission } : {}),
        ...(picked.length ? { authorityIds: picked.map((p) => p.id) } : {}),
      },
      content: toContent(kind, values),
    });
    setBusy(false);
    if (result.ok) navigate(`/alerts/${result.data.id}`);
    else setProblem(result.problem);
  };

  const faults = tried ? [
    ...(noArea ? [t('alerts.error.no-area')] : []), ...(noRecipient ? [t('alerts.error.no-recipient')] : []),
    ...(Object.keys(contentErrors).length ? [t('alerts.error.fields')] : []),
  ] : [];
  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('alerts.sendTitle')}</h1>
      {problem && <ProblemNotice problem={problem} />}
      {faults.length > 0 && (
        <div role="alert" className="ecl-notification ecl-notification--error imi-notification">
          <div className="ecl-notification__content">
            <div className="ecl-notification__title">{t('alerts.error.summary')}</div>
            <ul className="ecl-unordered-list">{faults.map((f) => <li key={f} className="ecl-unordered-list__item">{f}</li>)}</ul>
          </div>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="alerts-form">
        <div className="ecl-form-group imi-field">
          <label className="ecl-form-label" htmlFor={`${id}-kind`}>{t('colKind')}</label>
          <div className="ecl-select__container ecl-select__container--l">
            <select className="ecl-select" id={`${id}-kind`} value={kind} onChange={(e) => changeKind(e.target.value as AlertKind)}>
              {ALERT_KINDS.map((k) => <option key={k} value={k}>{tMaybe(`alerts.kind.${k}`) ?? k}</option>)}
            </select>
          </div>
        </div>
        {ALERT_AREA[kind] ? (
          <p className="ecl-u-type-paragraph">{t('legislativeArea')}: {names.area(area)}</p>
        ) : (
          <div className={`ecl-form-group imi-field${tried && noArea ? ' ecl-form-group--invalid' : ''}`}>
            <label className="ecl-form-label" htmlFor={`${id}-area`}>{t('legislativeArea')} <span className="ecl-form-label__required" aria-hidden="true">*</span></label>
            {tried && noArea && <div className="ecl-feedback-message" id={`${id}-area-error`}>{t('alerts.error.no-area')}</div>}
            <div className="ecl-select__container ecl-select__container--l">
              <select className="ecl-select" id={`${id}-area`} value={notificationArea} required aria-invalid={tried && noArea ? true : undefined}
                aria-describedby={tried && noArea ? `${id}-area-error` : undefined} onChange={(e) => { setNotificationArea(e.target.value); setMemberStates([]); setPicked([]); }}>
                <option value="">{t('alerts.choose')}</option>
                {(own?.legislativeAreas ?? []).map((a) => <option key={a} value={a}>{names.area(a)}</option>)}
              </select>
            </div>
          </div>
        )}

        <fieldset className="ecl-form-group imi-fieldset imi-field" aria-describedby={tried && noRecipient ? `${id}-recipients-error` : undefined}>
          <legend className="ecl-form-label">{t('alerts.recipients')}</legend>
          {tried && noRecipient && <div className="ecl-feedback-message" id={`${id}-recipients-error`}>{t('alerts.error.no-recipient')}</div>}
          <p className="ecl-help-block">{t('alerts.recipientsHelp')}</p>
          {area && coordinated.map((state) => (
            <Checkbox key={state} id={`${id}-state-${state}`} label={names.country(state)} checked={memberStates.includes(state)} disabled={allMemberStates}
              onChange={(checked) => setMemberStates(checked ? [...memberStates, state] : memberStates.filter((s) => s !== state))} />
          ))}
          {area && coordinated.length > 0 && (
            <Checkbox id={`${id}-all`} label={t('alerts.allMemberStates')} checked={allMemberStates} onChange={setAllMemberStates} />
          )}
          {commissionThere && (
            <Checkbox id={`${id}-ec`} label={t('directory.commission')} checked={commission} onChange={setCommission} />
          )}
          {area && <AuthorityPicker area={area} ownNode={ownNode} chosen={picked} onChange={setPicked} />}
        </fieldset>

        <fieldset className="ecl-form-group imi-fieldset">
          <legend className="ecl-u-type-heading-3">{t('alerts.content')}</legend>
          <ContentFields idPrefix={id} kind={kind} values={values} errors={tried ? contentErrors : {}} onChange={setValues} />
        </fieldset>
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('alerts.sendButton')}</button>
      </form>
    </>
  );
}
