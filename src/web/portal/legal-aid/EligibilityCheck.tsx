import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Input } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import '../requests/requests.css';
import './legal-aid.css';
import { portalErrorMessage } from '../portal-errors';
import { incomeOf, sizeOf } from './household';
import {
  APPLICANT_GROUPS,
  COVERED_MATTERS,
  CRIMINAL_MATTERS,
  INJURY_KINDS,
  NO_HARDSHIP_MATTERS,
  checkEligibility,
  fetchPublicStandard,
  ruleHref,
  type ApplicantGroup,
  type EligibilityAnswer,
  type EligibilityQuestion,
  type EligibilityRule,
  type ExtraMatter,
  type InjuryKind,
} from './api';

const OUTCOME_TYPE = { eligible: 'success', not_eligible: 'error', needs_review: 'warning' } as const;

function RuleList({ rules, lawBase }: { rules: EligibilityRule[]; lawBase: string }) {
  const { t } = useTranslation();
  return (
    <ul className="legal-aid-rules">
      {rules.map((rule, i) => (
        <li key={`${rule.articleNo}-${i}`}>
          <Link to={ruleHref(rule, lawBase)}>{t('legalAid.check.ruleLink', { articleNo: rule.articleNo })}</Link>
          <span lang="zh-CN"> {rule.explanation}</span>
        </li>
      ))}
    </ul>
  );
}

/** The answer: the outcome in words, what to bring about hardship, and each rule linked to the law reader. */
function Answer({ answer, lawBase }: { answer: EligibilityAnswer; lawBase: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="legal-aid-answer">
      <Alert
        type={OUTCOME_TYPE[answer.outcome]}
        showIcon
        message={<strong>{t(`legalAid.check.outcome.${answer.outcome}`)}</strong>}
        description={t(`legalAid.check.outcomeHint.${answer.outcome}`)}
      />
      <p className="legal-aid-hardship">
        <strong>{t(`legalAid.check.hardshipCheck.${answer.hardshipCheck}`)}</strong>
        {answer.standard ? (
          <>
            {' · '}
            {t('legalAid.check.lineInfo', { province: answer.standard.provinceName, line: answer.standard.incomeLinePerMember, from: answer.standard.effectiveFrom })}
          </>
        ) : null}
        {answer.incomePerMember !== null ? <> · {t('legalAid.check.perMember', { amount: answer.incomePerMember })}</> : null}
      </p>
      <section aria-labelledby="legal-aid-evidence">
        <h3 id="legal-aid-evidence" className="legal-aid-subtitle">
          {t('legalAid.check.evidenceTitle')}
        </h3>
        <p>{t(`legalAid.check.evidence.${answer.hardshipEvidence}`)}</p>
      </section>
      <section aria-labelledby="legal-aid-rules">
        <h3 id="legal-aid-rules" className="legal-aid-subtitle">
          {t('legalAid.check.rulesTitle')}
        </h3>
        {i18n.language !== 'zh-CN' ? <p className="hint">{t('legalAid.check.explanationsInChinese')}</p> : null}
        <RuleList rules={answer.rules} lawBase={lawBase} />
      </section>
      {answer.related.length > 0 ? (
        <section aria-labelledby="legal-aid-related">
          <h3 id="legal-aid-related" className="legal-aid-subtitle">
            {t('legalAid.check.relatedTitle')}
          </h3>
          <RuleList rules={answer.related} lawBase={lawBase} />
        </section>
      ) : null}
    </div>
  );
}

/**
 * 法律援助自查: the same engine the legal aid center applies (POST /api/legal-aid/eligibility),
 * run before applying — the matter in plain words, the groups of Art. 42, household size and
 * income. No <form> of its own, so it sits inside the application form (and the window's
 * intake); Enter in its fields runs the check, not the application. The answer is a guide;
 * the center decides.
 */
export function EligibilityCheck({
  regionCode,
  onAnswer,
  lawBase = '/laws',
}: {
  regionCode: string | null;
  onAnswer?(question: EligibilityQuestion, answer: EligibilityAnswer): void;
  /** Where the law reader is: the portal's /laws, or the workbench's /workbench/laws. */
  lawBase?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [matter, setMatter] = useState('');
  const [injuryKind, setInjuryKind] = useState<InjuryKind | ''>('');
  const [groups, setGroups] = useState<ApplicantGroup[]>([]);
  const [size, setSize] = useState('');
  const [income, setIncome] = useState('');
  const [extraMatters, setExtraMatters] = useState<ExtraMatter[]>([]);
  const [answer, setAnswer] = useState<EligibilityAnswer | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const answerRef = useRef<HTMLElement>(null);

  // The province's own matters (Art. 31 (9)) join the picker once the region is known.
  useEffect(() => {
    if (!regionCode) return;
    let isCurrent = true;
    fetchPublicStandard(regionCode).then(
      (found) => isCurrent && setExtraMatters(found.extraMatters),
      () => isCurrent && setExtraMatters([]),
    );
    return () => {
      isCurrent = false;
    };
  }, [regionCode]);

  // A changed question makes the old answer stale.
  useEffect(() => setAnswer(null), [matter, injuryKind, groups, size, income, regionCode]);

  async function run() {
    const found: Record<string, string> = {};
    const householdSize = sizeOf(size);
    const householdMonthlyIncome = incomeOf(income);
    if (!regionCode) found.regionCode = t('legalAid.check.needRegion');
    if (!matter) found.matter = t('legalAid.check.needMatter');
    if (householdSize !== undefined && !(householdSize >= 1 && householdSize <= 50)) found.householdSize = t('legalAid.check.badSize');
    if (householdMonthlyIncome !== undefined && Number.isNaN(householdMonthlyIncome)) found.householdMonthlyIncome = t('legalAid.check.badIncome');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const question: EligibilityQuestion = {
      matter,
      regionCode: regionCode!,
      ...(matter === 'personal_injury' && injuryKind ? { injuryKind } : {}),
      applicant: {
        groups,
        ...(householdSize !== undefined ? { householdSize } : {}),
        ...(householdMonthlyIncome !== undefined ? { householdMonthlyIncome } : {}),
      },
    };
    setBusy(true);
    setError(null);
    try {
      const result = await checkEligibility(question);
      setAnswer(result);
      onAnswer?.(question, result);
      requestAnimationFrame(() => answerRef.current?.focus());
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  function enterRuns(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT' && (event.target as HTMLInputElement).type !== 'checkbox') {
      event.preventDefault();
      void run();
    }
  }

  const problem = (key: string) =>
    problems[key] ? (
      <div className="form-problem" role="alert" id={`${id}-${key}-problem`}>
        {problems[key]}
      </div>
    ) : null;
  const matterOption = (key: string) => (
    <option key={key} value={key}>
      {t(`legalAid.check.matters.${key}`)}
    </option>
  );

  return (
    <div className="legal-aid-check" onKeyDown={enterRuns}>
      {problem('regionCode')}
      <div className="form-row">
        <label htmlFor={`${id}-matter`} className="form-label">
          {t('legalAid.check.matter')}
        </label>
        <select id={`${id}-matter`} className="legal-aid-select" value={matter} onChange={(e) => setMatter(e.target.value)} aria-invalid={Boolean(problems.matter)}>
          <option value="">{t('legalAid.check.matterPlaceholder')}</option>
          <optgroup label={t('legalAid.check.matterGroups.civil')}>{COVERED_MATTERS.map(matterOption)}</optgroup>
          <optgroup label={t('legalAid.check.matterGroups.noHardship')}>{NO_HARDSHIP_MATTERS.map(matterOption)}</optgroup>
          <optgroup label={t('legalAid.check.matterGroups.criminal')}>{CRIMINAL_MATTERS.map(matterOption)}</optgroup>
          {extraMatters.length > 0 ? (
            <optgroup label={t('legalAid.check.matterGroups.province')}>
              {extraMatters.map((m) => (
                <option key={m.key} value={m.key} lang="zh-CN">
                  {m.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label={t('legalAid.check.matterGroups.other')}>{matterOption('other')}</optgroup>
        </select>
        {problem('matter')}
      </div>
      {matter === 'personal_injury' ? (
        <div className="form-row">
          <label htmlFor={`${id}-injury`} className="form-label">
            {t('legalAid.check.injuryKind')}
          </label>
          <select id={`${id}-injury`} className="legal-aid-select" value={injuryKind} onChange={(e) => setInjuryKind(e.target.value as InjuryKind | '')}>
            <option value="">{t('legalAid.check.injuryUnsure')}</option>
            {INJURY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`legalAid.check.injuryKinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <fieldset className="form-fieldset">
        <legend>{t('legalAid.check.groups')}</legend>
        <CheckboxList className="legal-aid-groups" value={groups} onChange={setGroups} options={APPLICANT_GROUPS.map((g) => ({ value: g, label: t(`legalAid.check.groupLabels.${g}`) }))} />
      </fieldset>
      <div className="legal-aid-household">
        <div className="form-row">
          <label htmlFor={`${id}-size`} className="form-label">
            {t('legalAid.check.householdSize')}
          </label>
          <Input id={`${id}-size`} value={size} onChange={(e) => setSize(e.target.value)} inputMode="numeric" maxLength={2} aria-invalid={Boolean(problems.householdSize)} />
          {problem('householdSize')}
        </div>
        <div className="form-row">
          <label htmlFor={`${id}-income`} className="form-label">
            {t('legalAid.check.income')}
          </label>
          <Input id={`${id}-income`} value={income} onChange={(e) => setIncome(e.target.value)} inputMode="decimal" maxLength={12} aria-describedby={`${id}-income-hint`} aria-invalid={Boolean(problems.householdMonthlyIncome)} />
          <div className="hint" id={`${id}-income-hint`}>
            {t('legalAid.check.incomeHint')}
          </div>
          {problem('householdMonthlyIncome')}
        </div>
      </div>
      <Button htmlType="button" size="large" onClick={() => void run()} loading={isBusy}>
        {t('legalAid.check.submit')}
      </Button>
      {error ? <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 12 }} /> : null}
      <div aria-live="polite" className="legal-aid-answer-region">
        {answer ? (
          <section ref={answerRef} tabIndex={-1} aria-label={t('legalAid.check.answerLabel')} className="legal-aid-answer-focus">
            <Answer answer={answer} lawBase={lawBase} />
          </section>
        ) : null}
      </div>
    </div>
  );
}
