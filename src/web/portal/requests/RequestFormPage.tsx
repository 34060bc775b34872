import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Card, Input, Select, Spin, Typography } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import './requests.css';
import { ApiError } from '../../app/api';
import { useCitizen } from '../citizen-session';
import { portalErrorMessage } from '../portal-errors';
import { RegionCascade } from '../RegionCascade';
import { getGuide, type Guide } from '../../modules/content/api';
import { EligibilityCheck } from '../legal-aid/EligibilityCheck';
import { REQUEST_KINDS, submitRequest, uploadToRequest, type RequestForm, type RequestKind } from './api';

/** 纠纷类别, as the intake files them; each with a plain-language hint (requests.categoryHelp.*). */
const CATEGORIES = ['劳动争议', '婚姻家庭', '邻里', '房屋宅基地', '合同', '借贷', '损害赔偿', '交通事故', '医疗', '消费', '物业', '山林土地', '征地拆迁', '其他'];
const NEEDS_CATEGORY: RequestKind[] = ['consultation', 'legal_aid', 'mediation', 'home_visit'];
const LANGUAGE_OF: Record<string, 'zh' | 'en' | 'bo'> = { 'zh-CN': 'zh', en: 'en', bo: 'bo' };
/** The longest description the form takes; a pre-filled one (?description=) is cut to it. */
const DESCRIPTION_MAX = 5000;
/** The kinds whose material checklist (the window's, at the chosen region) the form shows up front. */
const CHECKLIST_SERVICE: Partial<Record<RequestKind, string>> = { legal_aid: 'legal_aid', mediation: 'mediation' };

/** 一次性告知 before submitting: the materials the window will ask for, in force at the chosen region (the service guide's list). */
function MaterialChecklist({ serviceType, regionCode }: { serviceType: string; regionCode: string | null }) {
  const { t } = useTranslation();
  const [guide, setGuide] = useState<Guide | null>(null);
  useEffect(() => {
    let isCurrent = true;
    getGuide(serviceType, regionCode ?? undefined).then(
      (found) => isCurrent && setGuide(found),
      () => isCurrent && setGuide(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [serviceType, regionCode]);
  if (!guide || guide.materials.length === 0) return null;
  return (
    <section className="form-fieldset" aria-label={t('requests.form.materials')}>
      <p className="form-label">{t('requests.form.materials')}</p>
      <ul className="request-materials">
        {guide.materials.map((m) => (
          <li key={m.key}>
            {m.name} <span className="hint">（{t(m.isRequired ? 'requests.form.required_material' : 'requests.form.optional_material')}）</span>
          </li>
        ))}
      </ul>
      <p className="hint">
        {t('requests.form.materialsHint')} <Link to={`/guides/${serviceType}`}>{t('requests.form.fullGuide')}</Link>
      </p>
    </section>
  );
}

/**
 * One form for every request a citizen can make online: consultation, legal
 * aid, mediation, a home visit, a complaint or a suggestion. It says up front
 * what happens next, asks only what that kind needs, and sends each filled-in
 * form once (an Idempotency-Key per form), then the files chosen with it.
 * `?category=` (a dispute category) and `?description=` pre-fill it, as the
 * consultation assistant's answer links to it; the person checks them and submits.
 */
export default function RequestFormPage() {
  const { kind: kindParam } = useParams();
  const kind = REQUEST_KINDS.includes(kindParam as RequestKind) ? (kindParam as RequestKind) : null;
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const { state } = useCitizen();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const profile = state.status === 'signedIn' ? state.profile : null;
  const [name, setName] = useState<string | null>(null);
  const [category, setCategory] = useState<string | undefined>(() => {
    const given = searchParams.get('category');
    return given && CATEGORIES.includes(given) ? given : undefined;
  });
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [description, setDescription] = useState(() => (searchParams.get('description') ?? '').slice(0, DESCRIPTION_MAX));
  const [counterpartyName, setCounterpartyName] = useState('');
  const [counterpartyPhone, setCounterpartyPhone] = useState('');
  const [counterpartyNote, setCounterpartyNote] = useState('');
  const [wish, setWish] = useState('');
  const [situation, setSituation] = useState('');
  const [visitAddress, setVisitAddress] = useState('');
  const [visitTime, setVisitTime] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const id = useId();
  const regionLabelId = `${id}-region`;

  if (!kind) return <Navigate to="/" replace />;
  if (state.status === 'loading') return <Spin aria-label={t('citizen.common.loading')} />;
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(`/requests/new/${kind}${location.search}`)}`} replace />;

  const applicantName = name ?? profile?.name ?? '';
  const region = regionCode ?? profile?.region?.code ?? null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!applicantName.trim()) found.applicantName = t('requests.form.required');
    if (!region) found.regionCode = t('requests.form.required');
    if (!description.trim()) found.description = t('requests.form.required');
    if (NEEDS_CATEGORY.includes(kind!) && !category) found.category = t('requests.form.required');
    if (kind === 'mediation' && !counterpartyName.trim()) found['counterparty.name'] = t('requests.form.required');
    if (kind === 'mediation' && !wish.trim()) found.wish = t('requests.form.required');
    if (kind === 'home_visit' && !visitAddress.trim()) found.visitAddress = t('requests.form.required');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const form: RequestForm = {
      kind: kind!,
      regionCode: region!,
      applicantName: applicantName.trim(),
      description: description.trim(),
      language: LANGUAGE_OF[i18n.language] ?? 'zh',
      ...(category ? { category } : {}),
      ...(groups.length ? { specialGroups: groups } : {}),
      ...(kind === 'mediation' ? { counterparty: { name: counterpartyName.trim(), ...(counterpartyPhone.trim() ? { phone: counterpartyPhone.trim() } : {}), ...(counterpartyNote.trim() ? { note: counterpartyNote.trim() } : {}) }, wish: wish.trim() } : {}),
      ...(kind === 'legal_aid' && situation.trim() ? { situation: situation.trim() } : {}),
      ...(kind === 'home_visit' ? { visitAddress: visitAddress.trim(), ...(visitTime.trim() ? { visitTime: visitTime.trim() } : {}) } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const created = await submitRequest(form, idempotencyKey);
      for (const file of files) await uploadToRequest(created.id, file);
      navigate(`/requests/${created.id}`, { state: { isNew: true } });
    } catch (e) {
      if (e instanceof ApiError && e.field) setProblems({ [e.field]: portalErrorMessage(t, e) });
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  const field = (key: string, label: string, control: ReactNode, hint?: string) => (
    <div className="form-row">
      <label htmlFor={`${id}-${key}`} className="form-label">
        {label}
      </label>
      {hint ? <div className="hint" id={`${id}-${key}-hint`}>{hint}</div> : null}
      {control}
      {problems[key] ? (
        <div className="form-problem" role="alert">
          {problems[key]}
        </div>
      ) : null}
    </div>
  );

  return (
    <Card className="portal-page">
      <Typography.Title level={1}>{t(`requests.kinds.${kind}`)}</Typography.Title>
      <Alert type="info" showIcon message={t(`requests.next.${kind}`)} style={{ marginBottom: 16 }} />
      {searchParams.has('description') ? <Alert type="success" showIcon message={t('assistant.prefilled')} style={{ marginBottom: 16 }} /> : null}
      <form onSubmit={submit} noValidate>
        {field('applicantName', t('requests.form.name'), <Input id={`${id}-applicantName`} value={applicantName} onChange={(e) => setName(e.target.value)} maxLength={50} autoComplete="name" />)}
        <div className="form-row">
          <div id={regionLabelId} className="form-label">
            {t('requests.form.region')}
          </div>
          {profile?.region && regionCode === null ? <div className="hint">{t('requests.form.regionFromProfile', { region: profile.region.name })}</div> : null}
          <RegionCascade labelledBy={regionLabelId} onChange={setRegionCode} />
          {problems.regionCode ? (
            <div className="form-problem" role="alert">
              {problems.regionCode}
            </div>
          ) : null}
        </div>
        {NEEDS_CATEGORY.includes(kind)
          ? field(
              'category',
              t('requests.form.category'),
              <Select
                id={`${id}-category`}
                value={category}
                onChange={setCategory}
                placeholder={t('requests.form.categoryPlaceholder')}
                style={{ width: '100%' }}
                options={CATEGORIES.map((c) => ({ value: c, label: `${t(`categories.${c}`, { defaultValue: c })} — ${t(`requests.categoryHelp.${c}`)}` }))}
                optionRender={(option) => (
                  <div className="category-option">
                    <strong>{t(`categories.${String(option.value)}`, { defaultValue: String(option.value) })}</strong>
                    <div className="hint">{t(`requests.categoryHelp.${String(option.value)}`)}</div>
                  </div>
                )}
              />,
            )
          : null}
        {field(
          'description',
          t(`requests.form.description.${kind}`),
          <Input.TextArea id={`${id}-description`} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={DESCRIPTION_MAX} autoSize={{ minRows: 4, maxRows: 12 }} aria-describedby={`${id}-description-hint`} />,
          t(`requests.form.descriptionHint.${kind}`),
        )}
        {kind === 'mediation' ? (
          <fieldset className="form-fieldset">
            <legend>{t('requests.form.counterparty')}</legend>
            {field('counterparty.name', t('requests.form.counterpartyName'), <Input id={`${id}-counterparty.name`} value={counterpartyName} onChange={(e) => setCounterpartyName(e.target.value)} maxLength={50} />)}
            {field('counterparty.phone', t('requests.form.counterpartyPhone'), <Input id={`${id}-counterparty.phone`} value={counterpartyPhone} onChange={(e) => setCounterpartyPhone(e.target.value)} inputMode="tel" maxLength={20} />)}
            {field('counterparty.note', t('requests.form.counterpartyNote'), <Input id={`${id}-counterparty.note`} value={counterpartyNote} onChange={(e) => setCounterpartyNote(e.target.value)} maxLength={200} />)}
            {field('wish', t('requests.form.wish'), <Input.TextArea id={`${id}-wish`} value={wish} onChange={(e) => setWish(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} />)}
          </fieldset>
        ) : null}
        {kind === 'legal_aid' ? (
          // 法律援助自查 before applying: the same engine the center applies; the household figures, when given, fill in the situation.
          <details className="legal-aid-step" open>
            <summary>{t('legalAid.check.stepTitle')}</summary>
            <p className="hint">{t('legalAid.check.stepHint')}</p>
            <EligibilityCheck
              regionCode={region}
              onAnswer={(question) => {
                const { householdSize, householdMonthlyIncome } = question.applicant ?? {};
                if (!situation.trim() && householdSize !== undefined && householdMonthlyIncome !== undefined) {
                  setSituation(t('legalAid.check.situationFromCheck', { size: householdSize, income: householdMonthlyIncome }));
                }
              }}
            />
          </details>
        ) : null}
        {kind === 'legal_aid'
          ? field('situation', t('requests.form.situation'), <Input.TextArea id={`${id}-situation`} value={situation} onChange={(e) => setSituation(e.target.value)} maxLength={1000} autoSize={{ minRows: 2 }} aria-describedby={`${id}-situation-hint`} />, t('requests.form.situationHint'))
          : null}
        {kind === 'home_visit' ? (
          <>
            {field('visitAddress', t('requests.form.visitAddress'), <Input id={`${id}-visitAddress`} value={visitAddress} onChange={(e) => setVisitAddress(e.target.value)} maxLength={200} autoComplete="street-address" />)}
            {field('visitTime', t('requests.form.visitTime'), <Input id={`${id}-visitTime`} value={visitTime} onChange={(e) => setVisitTime(e.target.value)} maxLength={100} />)}
          </>
        ) : null}
        {kind !== 'complaint' && kind !== 'suggestion' ? (
          <fieldset className="form-fieldset">
            <legend>{t('requests.form.groups')}</legend>
            <CheckboxList value={groups} onChange={setGroups} options={['elderly', 'disabled', 'minor', 'migrant_worker_wages', 'military_family', 'women_children_hardship'].map((g) => ({ value: g, label: t(`requests.groups.${g}`) }))} />
          </fieldset>
        ) : null}
        {CHECKLIST_SERVICE[kind] ? <MaterialChecklist serviceType={CHECKLIST_SERVICE[kind]!} regionCode={region} /> : null}
        {kind !== 'suggestion' ? (
          <div className="form-row">
            <label htmlFor={`${id}-files`} className="form-label">
              {t('requests.form.files')}
            </label>
            <div className="hint">{t(kind === 'legal_aid' ? 'requests.form.filesHintLegalAid' : 'requests.form.filesHint')}</div>
            <input id={`${id}-files`} type="file" multiple accept="image/jpeg,image/png,application/pdf" onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
          </div>
        ) : null}
        {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" size="large" loading={isBusy} block>
          {t('requests.form.submit')}
        </Button>
      </form>
    </Card>
  );
}
