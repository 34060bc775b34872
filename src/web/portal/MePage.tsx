import { useId, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Input, Radio, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { LANGUAGES } from '../app/i18n';
import { saveProfile, type CitizenProfile, type PortalLanguage, type ProfileChanges } from './api';
import { RequireCitizen, useCitizen } from './citizen-session';
import { portalErrorMessage } from './portal-errors';
import { RegionCascade } from './RegionCascade';

/** 我的: the citizen's profile (name, ID number, region, language) and signing out. */
export default function MePage() {
  return (
    <RequireCitizen>
      <SignedInProfile />
    </RequireCitizen>
  );
}

function SignedInProfile() {
  const { state } = useCitizen();
  return state.status === 'signedIn' ? <ProfileForm key={state.profile.id} profile={state.profile} /> : null;
}

type Problems = Partial<Record<'name' | 'idNumber' | 'regionCode', string>>;

function ProfileForm({ profile }: { profile: CitizenProfile }) {
  const { t } = useTranslation();
  const { setProfile, markSignedOut, signOut } = useCitizen();
  const [name, setName] = useState(profile.name ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [language, setLanguage] = useState<PortalLanguage | 'none'>(profile.preferredLanguage ?? 'none');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const [isSaved, setSaved] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const ids = { heading: useId(), name: useId(), idNumber: useId(), region: useId(), language: useId() };

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setProblems({});
    setSaved(false);
    const changes: ProfileChanges = {};
    if (name.trim() !== (profile.name ?? '')) changes.name = name.trim() === '' ? null : name.trim();
    if (idNumber.trim()) changes.idNumber = idNumber.trim().toUpperCase();
    if (regionCode) changes.regionCode = regionCode;
    const preferred = language === 'none' ? null : language;
    if (preferred !== profile.preferredLanguage) changes.preferredLanguage = preferred;
    setBusy(true);
    try {
      const saved = await saveProfile(changes);
      setProfile(saved, { applyLanguage: changes.preferredLanguage !== undefined });
      setIdNumber('');
      setSaved(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        markSignedOut();
        return;
      }
      const field = e instanceof ApiError ? e.field : undefined;
      if (field === 'name' || field === 'idNumber' || field === 'regionCode') setProblems({ [field]: portalErrorMessage(t, e) });
      else setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  const problemProps = (key: keyof Problems, id: string) =>
    problems[key] ? { status: 'error' as const, 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {};
  const problem = (key: keyof Problems, id: string) =>
    problems[key] && (
      <div id={`${id}-problem`} className="portal-field-problem" role="alert">
        {problems[key]}
      </div>
    );

  return (
    <div className="portal-narrow">
      <Card>
        <Typography.Title level={1} id={ids.heading} style={{ fontSize: '1.5em', marginTop: 0 }}>
          {t('citizen.me.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('citizen.me.signedInAs', { phone: profile.phone })}</Typography.Paragraph>
        <Typography.Paragraph>
          <Link to="/requests">{t('requests.mine.title')} →</Link>
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
        {isSaved && <Alert type="success" showIcon role="status" message={t('citizen.me.saved')} style={{ marginBottom: 16 }} />}
        <form onSubmit={save} aria-labelledby={ids.heading} noValidate>
          <div className="portal-field">
            <label htmlFor={ids.name}>{t('citizen.me.name')}</label>
            <Input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={50} size="large" autoComplete="name" {...problemProps('name', ids.name)} />
            {problem('name', ids.name)}
          </div>
          <div className="portal-field">
            <label htmlFor={ids.idNumber}>{t('citizen.me.idNumber')}</label>
            <Input
              id={ids.idNumber}
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              maxLength={18}
              size="large"
              autoComplete="off"
              placeholder={profile.idNumber ?? undefined}
              aria-describedby={problems.idNumber ? `${ids.idNumber}-problem` : `${ids.idNumber}-hint`}
              {...(problems.idNumber ? { status: 'error' as const, 'aria-invalid': true } : {})}
            />
            <div id={`${ids.idNumber}-hint`} className="portal-field-hint">
              {profile.idNumber ? t('citizen.me.idNumberKept', { masked: profile.idNumber }) : t('citizen.me.idNumberHint')}
            </div>
            {problem('idNumber', ids.idNumber)}
          </div>
          <fieldset className="portal-fieldset">
            <legend id={ids.region}>{t('citizen.me.region')}</legend>
            <div className="portal-field-hint" style={{ marginBottom: 8 }}>
              {profile.region ? t('citizen.me.regionCurrent', { name: profile.region.name }) : t('citizen.me.regionNone')}
            </div>
            <RegionCascade labelledBy={ids.region} onChange={setRegionCode} />
            {problem('regionCode', ids.region)}
          </fieldset>
          <fieldset className="portal-fieldset">
            <legend id={ids.language}>{t('citizen.me.language')}</legend>
            <Radio.Group value={language} onChange={(e) => setLanguage(e.target.value)} aria-labelledby={ids.language}>
              <Radio value="none">{t('citizen.me.languageNone')}</Radio>
              {LANGUAGES.map((l) => (
                <Radio key={l.code} value={l.code}>
                  <span lang={l.code}>{l.label}</span>
                </Radio>
              ))}
            </Radio.Group>
          </fieldset>
          <Button type="primary" htmlType="submit" size="large" block loading={isBusy}>
            {t('citizen.me.save')}
          </Button>
        </form>
        <div className="portal-actions">
          <Button
            size="large"
            onClick={() => {
              void signOut();
            }}
          >
            {t('citizen.me.signOut')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
