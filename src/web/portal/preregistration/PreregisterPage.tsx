import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Spin, Steps, Typography } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import './preregistration.css';
import { ApiError } from '../../app/api';
import { beijingToday } from '../../app/time';
import { useCitizen } from '../citizen-session';
import { portalErrorMessage } from '../portal-errors';
import { RegionCascade } from '../RegionCascade';
import { LawNoteLink } from '../../modules/preregistration/LawNoteLink';
import {
  createMine,
  fetchMatters,
  fetchRoute,
  PREREGISTRATION_SERVICES,
  type Answers,
  type Matter,
  type Route,
} from '../../modules/preregistration/api';

const STEPS = ['service', 'matter', 'questions', 'checklist', 'provider', 'submit'] as const;
type Step = (typeof STEPS)[number];

/**
 * 预登记, step by step: the service, the matter, the questions that decide where
 * it goes (a stop or a warning shown with its article), the checklist told at
 * once (ticked for what the person has), the provider offered (or the service
 * centre that passes it on), then submit. Each step's heading takes the focus,
 * so a keyboard or screen reader user hears where they are.
 */
export default function PreregisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const { state } = useCitizen();
  const id = useId();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [matters, setMatters] = useState<Matter[] | null>(null);
  const [step, setStep] = useState<Step>('service');
  const [service, setService] = useState<string | null>(() => {
    const given = searchParams.get('service');
    return given && (PREREGISTRATION_SERVICES as readonly string[]).includes(given) ? given : null;
  });
  const [matterCode, setMatterCode] = useState<string | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [checked, setChecked] = useState<string[]>([]);
  const [route, setRoute] = useState<Route | null>(null);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    fetchMatters().then(setMatters, () => setMatters([]));
  }, []);
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  if (state.status === 'loading' || matters === null) return <Spin aria-label={t('citizen.common.loading')} />;
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent('/preregister')}`} replace />;
  const profile = state.status === 'signedIn' ? state.profile : null;
  const region = regionCode ?? profile?.region?.code ?? null;
  const applicantName = name ?? profile?.name ?? '';
  const matter = matters.find((m) => m.service === service && m.code === matterCode) ?? null;
  const index = STEPS.indexOf(step);
  const stop = route?.findings.find((f) => f.level === 'stop');

  const go = (next: Step) => {
    setError(null);
    setStep(next);
  };

  async function toProvider() {
    if (!matter || !region) return;
    setBusy(true);
    setError(null);
    try {
      const found = await fetchRoute(matter.service, matter.code, region, answers);
      setRoute(found);
      setProviderId(found.providers.length === 1 ? found.providers[0].id : null);
      go('checklist');
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function submit() {
    if (!matter || !region) return;
    if (!applicantName.trim()) return setError(t('requests.form.required'));
    setBusy(true);
    setError(null);
    try {
      const created = await createMine(
        {
          service: matter.service,
          matter: matter.code,
          regionCode: region,
          answers,
          applicantName: applicantName.trim(),
          materialsChecked: checked,
          ...(providerId ? { providerId } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
        },
        idempotencyKey,
      );
      navigate(`/preregistrations/${created.id}`, { state: { isNew: true } });
    } catch (e) {
      setError(portalErrorMessage(t, e) + (e instanceof ApiError && e.field ? `（${e.field}）` : ''));
    } finally {
      setBusy(false);
    }
  }

  const questionsDone = matter ? matter.questions.every((q) => !q.isRequired || (answers[q.key] !== undefined && answers[q.key] !== '')) : false;
  const setAnswer = (key: string, value: string | boolean) => setAnswers((current) => ({ ...current, [key]: value }));

  return (
    <Card className="portal-page preregister">
      <Typography.Title level={1}>{t('preregistration.title')}</Typography.Title>
      <p>{t('preregistration.intro')}</p>
      <Steps
        className="preregister-steps"
        size="small"
        direction="horizontal"
        responsive={false}
        current={index}
        items={STEPS.map((s) => ({ title: <span className="preregister-step-title">{t(`preregistration.steps.${s}`)}</span> }))}
        aria-hidden
      />
      <h2 tabIndex={-1} ref={headingRef} className="preregister-heading">
        {index + 1}/{STEPS.length} {t(`preregistration.steps.${step}`)}
      </h2>
      {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} /> : null}

      {step === 'service' ? (
        <div role="radiogroup" aria-label={t('preregistration.steps.service')}>
        <Radio.Group value={service} onChange={(e) => { setService(e.target.value); setMatterCode(null); setAnswers({}); }} className="preregister-choices">
          {PREREGISTRATION_SERVICES.map((s) => (
            <Radio key={s} value={s}>
              {t(`preregistration.services.${s}`)}
            </Radio>
          ))}
        </Radio.Group>
        </div>
      ) : null}

      {step === 'matter' ? (
        <div role="radiogroup" aria-label={t('preregistration.steps.matter')}>
        <Radio.Group value={matterCode} onChange={(e) => { setMatterCode(e.target.value); setAnswers({}); setChecked([]); }} className="preregister-choices">
          {matters.filter((m) => m.service === service).map((m) => (
            <Radio key={m.code} value={m.code}>
              {m.name}
            </Radio>
          ))}
        </Radio.Group>
        </div>
      ) : null}

      {step === 'questions' && matter ? (
        <div>
          <div className="form-row">
            <div id={`${id}-region`} className="form-label">
              {t('preregistration.region')}
            </div>
            <div className="hint">{t('preregistration.regionHint')}</div>
            {profile?.region && regionCode === null ? <div className="hint">{t('requests.form.regionFromProfile', { region: profile.region.name })}</div> : null}
            <RegionCascade labelledBy={`${id}-region`} onChange={setRegionCode} />
          </div>
          {matter.questions.map((q) => (
            <div className="form-row" key={q.key}>
              {q.type === 'yes_no' || q.type === 'choice' ? (
                <div className="form-label" id={`${id}-${q.key}-label`}>
                  {q.label}
                </div>
              ) : (
                <label className="form-label" htmlFor={`${id}-${q.key}`} id={`${id}-${q.key}-label`}>
                  {q.label}
                </label>
              )}
              {q.type === 'yes_no' ? (
                <div role="radiogroup" aria-labelledby={`${id}-${q.key}-label`}>
                  <Radio.Group value={answers[q.key]} onChange={(e) => setAnswer(q.key, e.target.value)}>
                    <Radio value={true}>{t('preregistration.yes')}</Radio>
                    <Radio value={false}>{t('preregistration.no')}</Radio>
                  </Radio.Group>
                </div>
              ) : q.type === 'choice' ? (
                <div role="radiogroup" aria-labelledby={`${id}-${q.key}-label`}>
                  <Radio.Group value={answers[q.key]} onChange={(e) => setAnswer(q.key, e.target.value)} className="preregister-choices">
                    {q.options!.map((o) => (
                      <Radio key={o.value} value={o.value}>
                        {o.label}
                      </Radio>
                    ))}
                  </Radio.Group>
                </div>
              ) : q.type === 'date' ? (
                <input id={`${id}-${q.key}`} type="date" className="ant-input preregister-date" max={beijingToday()} value={String(answers[q.key] ?? '')} onChange={(e) => setAnswer(q.key, e.target.value)} />
              ) : (
                <Input id={`${id}-${q.key}`} maxLength={200} value={String(answers[q.key] ?? '')} onChange={(e) => setAnswer(q.key, e.target.value)} />
              )}
            </div>
          ))}
        </div>
      ) : null}

      {step === 'checklist' && matter ? (
        <div>
          {route?.findings.map((f) => (
            <Alert
              key={f.code}
              type={f.level === 'stop' ? 'error' : f.level === 'warning' ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 8 }}
              message={t(`preregistration.findingLevels.${f.level}`)}
              description={
                <>
                  {f.message} <LawNoteLink lawTitle={f.lawTitle} articleNo={f.articleNo} />
                </>
              }
            />
          ))}
          <p className="hint">{t('preregistration.checklistHint')}</p>
          <CheckboxList
            value={checked}
            onChange={setChecked}
            className="preregister-choices"
            aria-label={t('preregistration.steps.checklist')}
            options={matter.checklist.map((item) => ({ value: item.key, label: <>{item.name} <span className="hint">（{t(item.isRequired ? 'preregistration.required' : 'preregistration.optional')}）</span></> }))}
          />
          <h3>{t('preregistration.notes')}</h3>
          <ul className="preregister-notes">
            {matter.notes.map((n) => (
              <li key={`${n.lawTitle}${n.articleNo}`}>
                {n.note} <span className="hint">{t('preregistration.law')}：</span>
                <LawNoteLink lawTitle={n.lawTitle} articleNo={n.articleNo} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {step === 'provider' && route ? (
        route.providers.length ? (
          <div role="radiogroup" aria-label={t('preregistration.providerChoose')}>
          <Radio.Group value={providerId} onChange={(e) => setProviderId(e.target.value)} className="preregister-choices">
            {route.providers.map((p) => (
              <Radio key={p.id} value={p.id}>
                <strong>{p.name}</strong>
                <div className="hint">{[p.region.name, p.address, p.phone, p.openingHours].filter(Boolean).join(' · ')}</div>
              </Radio>
            ))}
          </Radio.Group>
          </div>
        ) : route.fallback ? (
          <Alert type="info" showIcon message={`${t('preregistration.noProvider')} — ${t('preregistration.fallback')}：${route.fallback.name}`} description={route.fallback.note} />
        ) : null
      ) : null}

      {step === 'submit' ? (
        <div>
          <div className="form-row">
            <label className="form-label" htmlFor={`${id}-name`}>
              {t('preregistration.applicantName')}
            </label>
            <Input id={`${id}-name`} value={applicantName} onChange={(e) => setName(e.target.value)} maxLength={50} autoComplete="name" />
          </div>
          <div className="form-row">
            <label className="form-label" htmlFor={`${id}-description`}>
              {t('preregistration.description')}
            </label>
            <Input.TextArea id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
          </div>
          <p>
            {matter?.name} → {route?.providers.find((p) => p.id === providerId)?.name ?? route?.fallback?.name}
          </p>
        </div>
      ) : null}

      <div className="preregister-actions">
        {index > 0 ? <Button onClick={() => go(STEPS[index - 1])}>{t('preregistration.previous')}</Button> : <Link to="/preregistrations">{t('preregistration.mine')}</Link>}
        {step === 'service' ? <Button type="primary" disabled={!service} onClick={() => go('matter')}>{t('preregistration.next')}</Button> : null}
        {step === 'matter' ? <Button type="primary" disabled={!matter} onClick={() => go('questions')}>{t('preregistration.next')}</Button> : null}
        {step === 'questions' ? <Button type="primary" disabled={!questionsDone || !region} loading={isBusy} onClick={toProvider}>{t('preregistration.next')}</Button> : null}
        {step === 'checklist' ? <Button type="primary" disabled={Boolean(stop)} onClick={() => go('provider')}>{t('preregistration.next')}</Button> : null}
        {step === 'provider' ? <Button type="primary" disabled={Boolean(route?.providers.length) && !providerId} onClick={() => go('submit')}>{t('preregistration.next')}</Button> : null}
        {step === 'submit' ? <Button type="primary" loading={isBusy} onClick={submit}>{t('preregistration.submit')}</Button> : null}
      </div>
    </Card>
  );
}
