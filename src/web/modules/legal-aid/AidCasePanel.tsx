import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Spin, Table, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/session';
import { errorMessage, fieldErrorText, normalizeField } from '../../app/errors';
import { formatDateTime, formatDeadline } from '../../app/time';
import { FactList, Prose } from '../../workbench/FactList';
import { ACTION_RULES } from '../../../server/modules/legal-aid/aid-case.state.ts';
import { ADVANCE_GROUND_ITEMS, TERMINATION_GROUND_ITEMS } from '../../../server/modules/legal-aid/aid-case.rules.ts';
import {
  actOnAidCase,
  ADVANCE_GROUNDS,
  AID_CASE_ACTION_TYPES,
  AID_STATUS_COLORS,
  CLOSING_OUTCOMES,
  getAidCaseOfTicket,
  HARDSHIP_CHECKS,
  listAidLawyers,
  MATERIALS_PERIOD,
  openAidCase,
  ruleHref,
  TERMINATION_GROUNDS,
  type AidCase,
  type AidCaseActionInput,
  type AidCaseActionType,
  type AidCaseState,
  type AidLawyer,
} from './aid-cases-api';
import { AID_LAWYER_FIELDS, type AidLawyerField } from './aid-lawyers-api';

type Rule = NonNullable<AidCase['rules']>[number];

/** An article, linked to the law reader where the laws are imported. */
export function RuleLink({ rule }: { rule: Pick<Rule, 'lawTitle' | 'articleNo' | 'lawId' | 'anchor' | 'explanation'> }) {
  const href = ruleHref(rule);
  const text = `《${rule.lawTitle}》${rule.articleNo}`;
  return href ? (
    <Link to={href} title={rule.explanation}>
      {text}
    </Link>
  ) : (
    <span title={rule.explanation}>{text}</span>
  );
}

export function AidStatusTag({ status }: { status: AidCase['status'] }) {
  const { t } = useTranslation();
  return <Tag color={AID_STATUS_COLORS[status]}>{t(`aidCases.statuses.${status}`)}</Tag>;
}

/**
 * 法律援助: the case on a legal aid ticket — its state, the statutory deadlines, the steps
 * taken and the actions this account may take now (the server's abilities), each rule
 * linked to the article in the law reader.
 */
export function AidCasePanel({ ticketId, onChanged }: { ticketId: string; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [aidCase, setAidCase] = useState<AidCase | 'none'>();
  const [error, setError] = useState<unknown>();
  const [action, setAction] = useState<AidCaseActionType>();
  const [isOpening, setOpening] = useState(false);
  const me = useMe();
  // aid-cases.policy `open`: the front desk and the center's reviewers; the server decides, this only spares others a button that would be refused.
  const mayOpen = me.roles.some((r) => ['window', 'operator', 'reviewer'].includes(r));

  const load = useCallback(() => {
    getAidCaseOfTicket(ticketId)
      .then((c) => {
        setAidCase(c);
        setError(undefined);
      })
      .catch((e) => (e instanceof ApiError && e.status === 404 ? setAidCase('none') : setError(e)));
  }, [ticketId]);
  useEffect(load, [load]);

  const title = <h2 style={{ fontSize: '1em', margin: 0 }}>{t('aidCases.panelTitle')}</h2>;
  if (error) return <Card title={title}><Alert type="error" message={errorMessage(t, error)} /></Card>;
  if (!aidCase) return <Card title={title}><Spin /></Card>;
  if (aidCase === 'none') {
    return (
      <Card title={title} aria-label={t('aidCases.panelTitle')}>
        <p>{t('aidCases.openHint')}</p>
        {mayOpen && <Button
          type="primary"
          loading={isOpening}
          onClick={async () => {
            setOpening(true);
            try {
              setAidCase(await openAidCase(ticketId));
              message.success(t('aidCases.done', { action: t('aidCases.open') }));
              onChanged?.();
            } catch (e) {
              message.error(errorMessage(t, e));
            } finally {
              setOpening(false);
            }
          }}
        >
          {t('aidCases.open')}
        </Button>}
      </Card>
    );
  }
  return (
    <>
      <AidCaseView aidCase={aidCase} onAction={setAction} />
      <AidActionModal
        aidCase={aidCase}
        action={action}
        onClose={() => setAction(undefined)}
        onDone={(updated) => {
          setAction(undefined);
          setAidCase(updated);
          message.success(`${t('aidCases.done')}：${t(`aidCases.actionNames.${action}`)}`);
          onChanged?.();
        }}
      />
    </>
  );
}

function AidCaseView({ aidCase, onAction }: { aidCase: AidCase; onAction: (a: AidCaseActionType) => void }) {
  const { t } = useTranslation();
  const state = aidCase.state as unknown as AidCaseState;
  const rules = aidCase.rules ?? [];
  const ruleByKey = new Map(rules.map((r) => [r.key, r]));
  const allowed = AID_CASE_ACTION_TYPES.filter((a) => aidCase.abilities[a]);
  const decision = state.decision;
  return (
    <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('aidCases.panelTitle')}</h2>} extra={<AidStatusTag status={aidCase.status} />} aria-label={t('aidCases.panelTitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <section aria-label={t('aidCases.actions')}>
          {allowed.length === 0 ? (
            <p style={{ margin: 0 }}>{t('aidCases.noActions')}</p>
          ) : (
            <Space wrap role="toolbar" aria-label={t('aidCases.actions')}>
              {allowed.map((a) => (
                <Button key={a} type={['decide', 'assign_lawyer', 'close', 'precheck'].includes(a) ? 'primary' : 'default'} danger={a === 'terminate' || a === 'lapse'} onClick={() => onAction(a)}>
                  {t(`aidCases.actionNames.${a}`)}
                </Button>
              ))}
            </Space>
          )}
        </section>

        <FactList
          columns={1}
          items={[
            { key: 'status', label: t('aidCases.status'), children: <AidStatusTag status={aidCase.status} /> },
            { key: 'appliedAt', label: t('aidCases.appliedAt'), children: <span className="nowrap">{formatDateTime(state.appliedAt)}</span> },
            { key: 'center', label: t('aidCases.center'), children: `${aidCase.center.name}法律援助中心` },
            { key: 'station', label: t('aidCases.station'), children: aidCase.station?.name ?? '—' },
            {
              key: 'decision',
              label: t('aidCases.decision'),
              children: decision ? `${t(`aidCases.${decision.kind}`)}${decision.reasons ? `：${decision.reasons}` : ''}` : state.advance ? `${t('aidCases.advance')}：${t(`aidCases.advanceGrounds.${state.advance.ground}`)}` : '—',
            },
            {
              key: 'lawyer',
              label: t('aidCases.lawyer'),
              children: state.lawyer ? (
                <span>
                  {state.lawyer.name} {state.lawyer.isChosenByApplicant ? <Tag>{t('aidCases.chosenByApplicant')}</Tag> : null}
                </span>
              ) : (
                '—'
              ),
            },
            ...(state.materials
              ? [{ key: 'missing', label: t('aidCases.missing'), children: <Prose>{state.materials.items.join('；')}</Prose> }]
              : []),
            ...(state.isSampledForQuality ? [{ key: 'sampled', label: t('aidCases.sampled'), children: state.quality ? `${state.quality.score}` : '—' }] : []),
          ]}
        />

        <section aria-label={t('aidCases.deadlines')}>
          <h3 style={{ fontSize: '1em' }}>{t('aidCases.deadlines')}</h3>
          <Table
            size="small"
            pagination={false}
            rowKey="step"
            scroll={{ x: 'max-content' }}
            dataSource={aidCase.deadlines}
            columns={[
              { title: t('tickets.timeline.step'), dataIndex: 'step', render: (s: string) => t(`aidCases.steps.${s}`) },
              { title: t('tickets.dueAt'), dataIndex: 'dueAt', render: (v: string) => <span className="nowrap">{formatDeadline(v)}</span> },
              { title: t('tickets.deadlineState'), dataIndex: 'state', render: (s: string) => <Tag>{t(`tickets.deadlineStates.${s}`, { defaultValue: s })}</Tag> },
              { title: t('aidCases.rules'), dataIndex: 'rule', render: (key: string) => (ruleByKey.get(key) ? <RuleLink rule={ruleByKey.get(key)!} /> : key) },
            ]}
          />
        </section>

        <section aria-label={t('aidCases.timeline')}>
          <h3 style={{ fontSize: '1em' }}>{t('aidCases.timeline')}</h3>
          <Timeline
            items={(aidCase.timeline ?? []).map((e, i) => {
              const type = e.type.replace(/^aid_case\./, '');
              const label = type === 'opened' ? t('aidCases.actionNames.open') : t(`aidCases.actionNames.${type}`, { defaultValue: type });
              const cited = Array.isArray(e.data.rules) ? (e.data.rules as { key?: string }[]).flatMap((r) => (r.key && ruleByKey.get(r.key) ? [ruleByKey.get(r.key)!] : [])) : [];
              // One link per article (Art. 43 holds several of the rules).
              const applied = cited.filter((r, j) => cited.findIndex((o) => o.articleNo === r.articleNo) === j);
              return {
                key: i,
                children: (
                  <article aria-label={label}>
                    <strong>{label}</strong> <span className="nowrap">{formatDateTime(e.at)}</span> {e.actorName ?? ''}
                    <EventLines data={e.data} />
                    {applied.length > 0 && (
                      <div>
                        {applied.map((r) => (
                          <span key={r.key} style={{ marginRight: 8 }}>
                            <RuleLink rule={r} />
                          </span>
                        ))}
                      </div>
                    )}
                  </article>
                ),
              };
            })}
          />
        </section>

        <section aria-label={t('aidCases.rules')}>
          <h3 style={{ fontSize: '1em' }}>{t('aidCases.rules')}</h3>
          <ul style={{ paddingLeft: 20, margin: 0 }}>
            {rules.map((r) => (
              <li key={r.key}>
                <RuleLink rule={r} />：{r.explanation}
              </li>
            ))}
          </ul>
        </section>
      </Space>
    </Card>
  );
}

/** An Art. 44 or Art. 48 ground in words, with the item of the article it is. */
function groundLabel(t: (key: string) => string, ground: string): string {
  const isAdvance = (ADVANCE_GROUNDS as readonly string[]).includes(ground);
  const item = isAdvance ? ADVANCE_GROUND_ITEMS[ground as keyof typeof ADVANCE_GROUND_ITEMS] : TERMINATION_GROUND_ITEMS[ground as keyof typeof TERMINATION_GROUND_ITEMS];
  return `${t(`aidCases.${isAdvance ? 'advanceGrounds' : 'terminationGrounds'}.${ground}`)}（${item ?? ''}）`;
}

/** What a step recorded, in words. */
function EventLines({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const lines: string[] = [];
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  if (str(data.from) && str(data.to) && data.from !== data.to) lines.push(`${t(`aidCases.statuses.${data.from}`)} → ${t(`aidCases.statuses.${data.to}`)}`);
  if (data.decision === 'grant' || data.decision === 'refuse' || data.decision === 'uphold' || data.decision === 'correct') lines.push(t(`aidCases.${data.decision}`));
  for (const key of ['opinion', 'reasons', 'reason', 'text', 'summary', 'comment', 'note'] as const) if (str(data[key])) lines.push(str(data[key])!);
  if (Array.isArray(data.items)) lines.push(`${t('aidCases.missing')}：${(data.items as string[]).join('；')}`);
  if (str(data.periodDays)) lines.push(`${t('aidCases.periodDays')}：${data.periodDays}`);
  if (str(data.ground)) lines.push(groundLabel(t, String(data.ground)));
  if (str(data.lawyerName)) lines.push(`${t('aidCases.lawyer')}：${data.lawyerName}${data.isChosenByApplicant ? `（${t('aidCases.chosenByApplicant')}）` : ''}`);
  if (str(data.outcome)) lines.push(t(`aidCases.outcomes.${data.outcome}`));
  if (str(data.score)) lines.push(`${t('aidCases.score')}：${data.score}`);
  if (str(data.hearingAt)) lines.push(`${t('aidCases.hearingAt')}：${formatDateTime(String(data.hearingAt))}`);
  return lines.length ? <div style={{ whiteSpace: 'pre-wrap' }}>{lines.join('\n')}</div> : null;
}

/** Why a lawyer may not take this matter, in the reader's language, with the article it comes from. */
function refusalText(t: TFunction, lawyer: AidLawyer): string | null {
  const r = lawyer.refusalRule;
  if (!r) return null;
  const why =
    r.reason === 'experience'
      ? lawyer.yearsOfPractice === null
        ? t('aidCases.refusals.experienceUnknown', { min: r.minYears })
        : t('aidCases.refusals.experience', { min: r.minYears, years: lawyer.yearsOfPractice })
      : t(`aidCases.refusals.${r.reason}`);
  return `${why}（《${r.rule.lawTitle}》${r.rule.articleNo}）`;
}

/** One lawyer in the picker: the rotation's mark, where they sit, fields, workload and years; the refusal when they may not take it. */
function LawyerOption({ lawyer }: { lawyer: AidLawyer }) {
  const { t } = useTranslation();
  const facts = [
    lawyer.region.name,
    lawyer.fields?.length ? lawyer.fields.map((f) => t(`aidPool.fieldNames.${f}`)).join('、') : null,
    t('aidCases.lawyerLoad', { count: lawyer.activeCases }),
    lawyer.yearsOfPractice === null ? null : t('aidPool.yearsValue', { count: lawyer.yearsOfPractice }),
  ].filter(Boolean);
  const refusal = refusalText(t, lawyer);
  return (
    <div data-lawyer={lawyer.id} style={{ whiteSpace: 'normal' }}>
      <span>{lawyer.displayName}</span>
      {lawyer.isSuggested && (
        <Tag color="green" style={{ marginLeft: 8 }}>
          {t('aidCases.nextInRotation')}
        </Tag>
      )}
      <div style={{ fontSize: 12, opacity: 0.75 }}>{facts.join(' · ')}</div>
      {refusal && <div style={{ fontSize: 12, color: '#a8071a' }}>{refusal}</div>}
    </div>
  );
}

/** Under the picker: whom the fair rotation names next, or that nobody fits. */
function RotationHint({ lawyers }: { lawyers: AidLawyer[] }) {
  const { t } = useTranslation();
  const next = lawyers.find((l) => l.isSuggested);
  const hasPool = lawyers.some((l) => l.fields !== null);
  if (!hasPool) return null;
  return <span role="status">{next ? `${t('aidCases.nextInRotation')}：${next.displayName}` : t('aidPool.noSuggestion')}</span>;
}

type Values = {
  opinion?: string;
  hardshipCheck?: string;
  decision?: string;
  reasons?: string;
  items?: string;
  periodDays?: number;
  note?: string;
  reason?: string;
  ground?: string;
  lawyerId?: string;
  isChosenByApplicant?: boolean;
  isLifeOrDeathCase?: boolean;
  /** The matter's field, to ask the rotation for its next lawyer; not sent with the action. */
  lawyerField?: AidLawyerField;
  kind?: 'note' | 'hearing';
  text?: string;
  hearingAt?: string;
  outcome?: string;
  summary?: string;
  score?: number;
  comment?: string;
};

/** What each action asks for; the server checks the same (act-on-aid-case toAction). */
const NEEDS: Record<AidCaseActionType, readonly (keyof Values)[]> = {
  precheck: ['opinion'],
  review: ['opinion', 'hardshipCheck'],
  decide: ['decision', 'reasons'],
  request_materials: ['items', 'periodDays'],
  materials_supplied: ['note'],
  lapse: [],
  withdraw: ['reason'],
  grant_in_advance: ['ground', 'reason'],
  assign_lawyer: ['lawyerId', 'isChosenByApplicant', 'isLifeOrDeathCase'],
  progress_note: ['kind', 'text', 'hearingAt'],
  close: ['outcome', 'summary'],
  quality_review: ['score', 'comment'],
  terminate: ['ground', 'reason'],
  object: ['reason'],
  decide_objection: ['decision', 'opinion'],
  archive: [],
};

function AidActionModal({ aidCase, action, onClose, onDone }: { aidCase: AidCase; action?: AidCaseActionType; onClose: () => void; onDone: (c: AidCase) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [lawyers, setLawyers] = useState<AidLawyer[]>();
  const kind = Form.useWatch('kind', form);
  const decision = Form.useWatch('decision', form);
  const isLifeOrDeathCase = Form.useWatch('isLifeOrDeathCase', form) === true;
  const lawyerField = Form.useWatch('lawyerField', form);

  useEffect(() => {
    form.resetFields();
    setFormError(undefined);
    if (action === 'request_materials') form.setFieldsValue({ periodDays: MATERIALS_PERIOD.default });
    if (action === 'progress_note') form.setFieldsValue({ kind: 'note' });
  }, [action, aidCase.id, form]);

  // The pool as the server orders it for this matter (the rotation's next first, then why not: Art. 26); asked again when the matter's need changes.
  useEffect(() => {
    if (action !== 'assign_lawyer') return;
    let isCurrent = true;
    setLawyers(undefined);
    listAidLawyers(aidCase.id, { isLifeOrDeathCase: isLifeOrDeathCase || undefined, field: lawyerField ?? undefined })
      .then((r) => {
        if (!isCurrent) return;
        setLawyers(r.items);
        const chosen = form.getFieldValue('lawyerId');
        if (chosen && r.items.find((l) => l.id === chosen)?.refusalRule) form.setFieldsValue({ lawyerId: undefined });
      })
      .catch((e) => isCurrent && setFormError(errorMessage(t, e)));
    return () => {
      isCurrent = false;
    };
  }, [action, aidCase.id, form, t, isLifeOrDeathCase, lawyerField]);

  if (!action) return null;
  const needs = NEEDS[action];
  const rules = (aidCase.rules ?? []).filter((r) => (ACTION_RULES[action] as string[]).includes(r.key));
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  const decisions = action === 'decide' ? (['grant', 'refuse'] as const) : (['uphold', 'correct'] as const);

  async function submit(values: Values) {
    setSaving(true);
    setFormError(undefined);
    try {
      const input: AidCaseActionInput = { action: action! };
      for (const key of needs) {
        const value = values[key];
        if (value === undefined || value === '') continue;
        if (key === 'items') input.items = String(value).split('\n').map((s) => s.trim()).filter(Boolean);
        else if (key === 'hearingAt') input.hearingAt = `${value}:00+08:00`;
        else (input as Record<string, unknown>)[key] = value;
      }
      onDone(await actOnAidCase(aidCase.id, input));
    } catch (e) {
      const field = e instanceof ApiError && e.field ? normalizeField(e.field) : undefined;
      if (field && (needs as readonly string[]).includes(field)) form.setFields([{ name: field as keyof Values, errors: [fieldErrorText(t, e)] }]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={t(`aidCases.actionNames.${action}`)} onCancel={onClose} onOk={() => form.submit()} okText={t('aidCases.submit')} cancelText={t('aidCases.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {rules.length > 0 && (
        <p>
          {rules.map((r) => (
            <span key={r.key} style={{ marginRight: 8 }}>
              <RuleLink rule={r} />
            </span>
          ))}
        </p>
      )}
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {needs.includes('decision') && (
          <Form.Item name="decision" label={t('aidCases.decision')} rules={[{ required: true, message: t('aidCases.decision') }]}>
            <Radio.Group options={decisions.map((d) => ({ value: d, label: t(`aidCases.${d}`) }))} />
          </Form.Item>
        )}
        {needs.includes('hardshipCheck') && (
          <Form.Item name="hardshipCheck" label={t('aidCases.hardshipCheck')} rules={[{ required: true, message: t('aidCases.hardshipCheck') }]}>
            <Select showSearch optionFilterProp="label" options={HARDSHIP_CHECKS.map((h) => ({ value: h, label: t(`aidCases.hardshipChecks.${h}`) }))} />
          </Form.Item>
        )}
        {needs.includes('opinion') && (
          <Form.Item name="opinion" label={t('aidCases.opinion')} rules={required(t('aidCases.opinion'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {needs.includes('reasons') && (
          <Form.Item name="reasons" label={t('aidCases.reasons')} rules={decision === 'refuse' ? required(t('aidCases.reasons')) : []}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {needs.includes('items') && (
          <Form.Item name="items" label={t('aidCases.items')} rules={required(t('aidCases.items'))}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {needs.includes('periodDays') && (
          <Form.Item name="periodDays" label={t('aidCases.periodDays')} rules={[{ required: true, message: t('aidCases.periodDays') }]}>
            <InputNumber min={MATERIALS_PERIOD.min} max={MATERIALS_PERIOD.max} precision={0} />
          </Form.Item>
        )}
        {needs.includes('ground') && (
          <Form.Item name="ground" label={t('aidCases.ground')} rules={[{ required: true, message: t('aidCases.ground') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(action === 'terminate' ? TERMINATION_GROUNDS : ADVANCE_GROUNDS).map((g) => ({
                value: g,
                label: groundLabel(t, g),
              }))}
            />
          </Form.Item>
        )}
        {needs.includes('isLifeOrDeathCase') && (
          <Form.Item name="isLifeOrDeathCase" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('aidPool.lifeOrDeath')}</Checkbox>
          </Form.Item>
        )}
        {needs.includes('lawyerId') && (
          <Form.Item name="lawyerField" label={t('aidCases.matterField')}>
            <Select allowClear placeholder={t('aidCases.anyField')} options={AID_LAWYER_FIELDS.map((f) => ({ value: f, label: t(`aidPool.fieldNames.${f}`) }))} />
          </Form.Item>
        )}
        {needs.includes('lawyerId') && (
          <Form.Item
            name="lawyerId"
            label={t('aidCases.lawyer')}
            rules={[{ required: true, message: t('aidCases.lawyer') }]}
            extra={lawyers ? <RotationHint lawyers={lawyers} /> : null}
          >
            <Select
              loading={!lawyers}
              showSearch
              optionFilterProp="label"
              options={(lawyers ?? []).map((l) => ({ value: l.id, label: l.displayName, disabled: l.refusalRule !== null }))}
              optionRender={(option) => {
                const lawyer = lawyers?.find((l) => l.id === option.value);
                return lawyer ? <LawyerOption lawyer={lawyer} /> : option.label;
              }}
            />
          </Form.Item>
        )}
        {needs.includes('isChosenByApplicant') && (
          <Form.Item name="isChosenByApplicant" valuePropName="checked">
            <Checkbox>{t('aidCases.chosenByApplicant')}</Checkbox>
          </Form.Item>
        )}
        {needs.includes('kind') && (
          <Form.Item name="kind" label={t('aidCases.kind')}>
            <Radio.Group options={[{ value: 'note', label: t('aidCases.noteKind') }, { value: 'hearing', label: t('aidCases.hearingKind') }]} />
          </Form.Item>
        )}
        {needs.includes('hearingAt') && kind === 'hearing' && (
          <Form.Item name="hearingAt" label={`${t('aidCases.hearingAt')}（北京时间）`} rules={[{ required: true, message: t('aidCases.hearingAt') }]}>
            <Input type="datetime-local" />
          </Form.Item>
        )}
        {needs.includes('text') && (
          <Form.Item name="text" label={t('aidCases.text')} rules={required(t('aidCases.text'))}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        )}
        {needs.includes('outcome') && (
          <Form.Item name="outcome" label={t('aidCases.outcome')} rules={[{ required: true, message: t('aidCases.outcome') }]}>
            <Select showSearch optionFilterProp="label" options={CLOSING_OUTCOMES.map((o) => ({ value: o, label: t(`aidCases.outcomes.${o}`) }))} />
          </Form.Item>
        )}
        {needs.includes('summary') && (
          <Form.Item name="summary" label={t('aidCases.summary')} rules={required(t('aidCases.summary'))}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        )}
        {needs.includes('score') && (
          <Form.Item name="score" label={t('aidCases.score')} rules={[{ required: true, message: t('aidCases.score') }]}>
            <InputNumber min={0} max={100} precision={0} />
          </Form.Item>
        )}
        {needs.includes('comment') && (
          <Form.Item name="comment" label={t('aidCases.comment')} rules={required(t('aidCases.comment'))}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {(needs.includes('reason') || needs.includes('note')) && (
          <Form.Item name={needs.includes('reason') ? 'reason' : 'note'} label={t(needs.includes('reason') ? 'aidCases.reason' : 'aidCases.note')} rules={needs.includes('reason') ? required(t('aidCases.reason')) : []}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'decide_objection' && <Alert type="info" message={t('aidCases.remedy')} />}
      </Form>
    </Modal>
  );
}
