import { FormEvent, ReactNode, useId, useState } from 'react';
import { LANGUAGES, useI18n } from '../../i18n/i18n';
import { catalogueSummary } from '../../requests/api';
import { useAreaName } from '../../requests/area-name';
import { useLoad } from '../../screens/useLoad';
import { RegistrationChanges, RegistrationSummary } from '../api';
import { CheckboxGroup, TextField } from './fields';

type DirectoryData = Required<Pick<RegistrationChanges, 'names' | 'legislativeAreas' | 'professions'>> & Pick<RegistrationChanges, 'address' | 'region'>;

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * An authority's directory data: names (the application's languages, and any other the
 * registration has), address, legislative areas (from the catalogue), professions, region.
 * Keywords are left as they are. The server checks it all again.
 */
export function RegistrationForm({ initial, country, submitLabel, before, onSubmit }: {
  initial?: RegistrationSummary; country: string; submitLabel: string; before?: ReactNode; onSubmit: (data: DirectoryData) => Promise<boolean>;
}) {
  const { t, language } = useI18n();
  const languageName = new Intl.DisplayNames([language], { type: 'language' });
  const areaName = useAreaName();
  const id = useId();
  const languages = [...new Set([...LANGUAGES, ...Object.keys(initial?.names ?? {})])];
  const [names, setNames] = useState<Record<string, string>>(initial?.names ?? {});
  const [street, setStreet] = useState(initial?.address?.street ?? '');
  const [postalCode, setPostalCode] = useState(initial?.address?.postalCode ?? '');
  const [city, setCity] = useState(initial?.address?.city ?? '');
  const [addressCountry, setAddressCountry] = useState(initial?.address?.country ?? country);
  const [areas, setAreas] = useState<string[]>(initial?.legislativeAreas ?? []);
  const [professions, setProfessions] = useState((initial?.professions ?? []).join(', '));
  const [region, setRegion] = useState(initial?.region ?? '');
  const [busy, setBusy] = useState(false);
  const known = useLoad(catalogueSummary, []).data?.areas ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await onSubmit({
      names: Object.fromEntries(Object.entries(names).map(([l, n]) => [l, n.trim()]).filter(([, n]) => n)),
      ...(city.trim() ? { address: { street: street.trim() || null, postalCode: postalCode.trim() || null, city: city.trim(), country: addressCountry.trim().toUpperCase() } } : {}),
      legislativeAreas: areas,
      professions: list(professions),
      ...(region.trim() ? { region: region.trim() } : {}),
    });
    setBusy(false);
  };

  return (
    <form onSubmit={submit} className="admin-form">
      {before}
      <fieldset className="ecl-form-group imi-fieldset">
        <legend className="ecl-form-label">{t('admin.namesLegend')}</legend>
        {languages.map((l) => (
          <TextField key={l} id={`${id}-name-${l}`} label={t('admin.nameIn', { language: languageName.of(l) ?? l })}
            value={names[l] ?? ''} onChange={(value) => setNames({ ...names, [l]: value })} />
        ))}
      </fieldset>
      <fieldset className="ecl-form-group imi-fieldset">
        <legend className="ecl-form-label">{t('admin.address')}</legend>
        <TextField id={`${id}-street`} label={t('admin.street')} value={street} onChange={setStreet} autoComplete="street-address" />
        <TextField id={`${id}-postal`} label={t('admin.postalCode')} value={postalCode} onChange={setPostalCode} size="s" autoComplete="postal-code" />
        <TextField id={`${id}-city`} label={t('admin.city')} value={city} onChange={setCity} size="m" autoComplete="address-level2" />
        <TextField id={`${id}-country`} label={t('admin.country')} value={addressCountry} onChange={setAddressCountry} size="s" pattern="[A-Za-z]{2}" autoComplete="country" />
      </fieldset>
      <CheckboxGroup id={`${id}-areas`} legend={t('admin.areasLegend')} values={[...new Set([...known, ...areas])]} chosen={areas} onChange={setAreas} labelOf={areaName} />
      <TextField id={`${id}-professions`} label={t('admin.professions')} help={t('admin.commaSeparated')} value={professions} onChange={setProfessions} />
      <TextField id={`${id}-region`} label={t('admin.colRegion')} value={region} onChange={setRegion} size="m" />
      <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
