import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Spin, Table, Tag, Timeline } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/session';
import { errorMessage, fieldErrorText, normalizeField } from '../../app/errors';
import { formatDateTime, formatDeadline } from '../../app/time';
import { FactList, Prose } from '../../workbench/FactList';
import {
  actOnMediationCase,
  DECLINE_GROUNDS,
  FAILURE_GUIDANCE,
  getMediationCaseOfTicket,
  listCommittees,
  listMediators,
  MEDIATION_ACTION_RULES,
  MEDIATION_CASE_ACTION_TYPES,
  MEDIATION_STATUS_COLORS,
  openMediationCase,
  PARTNER_KINDS,
  PERFORMANCE_STATES,
  referOut,
  takesMediationIntake,
  type Committee,
  type MediationCase,
  type MediationCaseActionInput,
  type MediationCaseActionType,
  type MediationCaseState,
  type Mediator,
} from './mediation-api';

type Rule = NonNullable<MediationCase['rules']>[number];

/** An article, linked to the law reader where the laws are imported. */
export function MediationRuleLink({ rule }: { rule: Pick<Rule, 'lawTitle' | 'articleNo' | 'lawId' | 'anchor' | 'explanation'> }) {
  const text = `《${rule.lawTitle}》${rule.articleNo}`;
  return rule.lawId ? (
    <Link to={`/workbench/laws/${rule.lawId}${rule.anchor ? `#${rule.anchor}` : ''}`} title={rule.explanation}>
      {text}
    </Link>
  ) : (
    <span title={rule.explanation}>{text}</span>
  );
}

export function MediationStatusTag({ status }: { status: MediationCase['status'] }) {
  const { t } = useTranslation();
  return <Tag color={MEDIATION_STATUS_COLORS[status]}>{t(`mediation.statuses.${status}`)}</Tag>;
}

/**
 * 人民调解: the case on a mediation ticket — the committee, mediators, sessions, the
 * agreement or the failure, the Art. 33 deadline, the steps taken and the actions this
 * account may take now (the server's abilities), each rule linked to its article.
 * Free of charge (Art. 4), and it says so.
 */
export function MediationCasePanel({ ticketId, regionCode, onChanged }: { ticketId: string; regionCode: string; onChanged?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [found, setFound] = useState<MediationCase | 'none'>();
  const [error, setError] = useState<unknown>();
  const [action, setAction] = useState<MediationCaseActionType | 'refer_out'>();
  const [committees, setCommittees] = useState<Committee[]>();
  const [committeeId, setCommitteeId] = useState<string>();
  const [isOpening, setOpening] = useState(false);

  const load = useCallback(() => {
    getMediationCaseOfTicket(ticketId)
      .then((c) => {
        setFound(c);
        setError(undefined);
      })
      .catch((e) => (e instanceof ApiError && e.status === 404 ? setFound('none') : setError(e)));
  }, [ticketId]);
  useEffect(load, [load]);
  useEffect(() => {
    if (found === 'none') listCommittees(regionCode).then((r) => setCommittees(r.items)).catch(setError);
  }, [found, regionCode]);

  const title = <h2 style={{ fontSize: '1em', margin: 0 }}>{t('mediation.panelTitle')}</h2>;
  if (error) return <Card title={title}><Alert type="error" message={errorMessage(t, error)} /></Card>;
  if (!found) return <Card title={title}><Spin /></Card>;
  if (found === 'none') {
    return (
      <Card title={title} aria-label={t('mediation.panelTitle')}>
        <Alert type="info" showIcon message={t('mediation.free')} style={{ marginBottom: 12 }} />
        <p>{t('mediation.openHint')}</p>
        {takesMediationIntake(me) && (
          <Space wrap>
            <label htmlFor="mediation-committee">{t('mediation.committee')}</label>
            <Select
              id="mediation-committee"
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 280 }}
              loading={!committees}
              value={committeeId}
              placeholder={t('mediation.chooseCommittee')}
              onChange={setCommitteeId}
              options={(committees ?? []).map((c) => ({ value: c.id, label: `${c.name}（${t(`mediation.committeeKinds.${c.kind}`)}）` }))}
            />
            <Button
              type="primary"
              disabled={!committeeId}
              loading={isOpening}
              onClick={async () => {
                setOpening(true);
                try {
                  setFound(await openMediationCase(ticketId, committeeId!));
                  message.success(`${t('mediation.done')}：${t('mediation.open')}`);
                  onChanged?.();
                } catch (e) {
                  message.error(errorMessage(t, e));
                } finally {
                  setOpening(false);
                }
              }}
            >
              {t('mediation.open')}
            </Button>
          </Space>
        )}
      </Card>
    );
  }
  return (
    <>
      <MediationCaseView mediationCase={found} onAction={setAction} />
      {action === 'refer_out' ? (
        <ReferOutModal
          mediationCase={found}
          onClose={() => setAction(undefined)}
          onDone={() => {
            setAction(undefined);
            message.success(`${t('mediation.done')}：${t('mediation.referrals.referOut')}`);
            load();
          }}
        />
      ) : (
        <MediationActionModal
          mediationCase={found}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={(updated) => {
            setAction(undefined);
            setFound(updated);
            message.success(`${t('mediation.done')}：${t(`mediation.actionNames.${action}`)}`);
            onChanged?.();
          }}
        />
      )}
    </>
  );
}

function MediationCaseView({ mediationCase, onAction }: { mediationCase: MediationCase; onAction: (a: MediationCaseActionType | 'refer_out') => void }) {
  const { t } = useTranslation();
  const state = mediationCase.state as unknown as MediationCaseState;
  const rules = mediationCase.rules ?? [];
  const ruleByKey = new Map(rules.map((r) => [r.key, r]));
  const allowed = MEDIATION_CASE_ACTION_TYPES.filter((a) => mediationCase.abilities[a]);
  const agreement = state.agreement;
  const freeRule = ruleByKey.get('free_of_charge');
  return (
    <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('mediation.panelTitle')}</h2>} extra={<MediationStatusTag status={mediationCase.status} />} aria-label={t('mediation.panelTitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert type="info" showIcon message={<span>{t('mediation.free')} {freeRule ? <MediationRuleLink rule={freeRule} /> : null}</span>} />
        <section aria-label={t('mediation.actions')}>
          {allowed.length === 0 && !mediationCase.abilities.refer_out ? (
            <p style={{ margin: 0 }}>{t('mediation.noActions')}</p>
          ) : (
            <Space wrap role="toolbar" aria-label={t('mediation.actions')}>
              {allowed.map((a) => (
                <Button key={a} type={['accept', 'assign_mediators', 'record_session', 'agree_written'].includes(a) ? 'primary' : 'default'} danger={a === 'terminate' || a === 'decline' || a === 'fail'} onClick={() => onAction(a)}>
                  {t(`mediation.actionNames.${a}`)}
                </Button>
              ))}
              {mediationCase.abilities.refer_out && <Button onClick={() => onAction('refer_out')}>{t('mediation.referrals.referOut')}</Button>}
            </Space>
          )}
        </section>

        <FactList
          columns={1}
          items={[
            { key: 'status', label: t('mediation.status'), children: <MediationStatusTag status={mediationCase.status} /> },
            { key: 'committee', label: t('mediation.committee'), children: `${mediationCase.committee.name}（${t(`mediation.committeeKinds.${mediationCase.committee.kind}`)}）` },
            { key: 'appliedAt', label: t('mediation.appliedAt'), children: <span className="nowrap">{formatDateTime(state.appliedAt)}</span> },
            { key: 'origin', label: t('mediation.origin'), children: state.origin.kind === 'referral' ? t('mediation.originReferral', { partner: state.origin.partnerName ?? '' }) : t('mediation.originApplication') },
            {
              key: 'mediators',
              label: t('mediation.mediators'),
              children: state.mediators.length ? (
                <span>
                  {state.mediators.map((m) => m.name).join('、')} <Tag>{t(state.isMediatorChosenByParties ? 'mediation.chosenByParties' : 'mediation.designated')}</Tag>
                </span>
              ) : (
                '—'
              ),
            },
            ...(state.decline ? [{ key: 'decline', label: t('mediation.decline'), children: `${t(`mediation.declineGrounds.${state.decline.ground}`)}：${state.decline.reason}` }] : []),
            ...(state.termination ? [{ key: 'termination', label: t('mediation.termination'), children: `${state.termination.party}：${state.termination.reason}` }] : []),
            ...(state.failure
              ? [{ key: 'failure', label: t('mediation.failure'), children: <Prose>{`${state.failure.reason}\n${t('mediation.guidance')}：${state.failure.guidance.map((g) => t(`mediation.guidances.${g}`)).join('、')}`}</Prose> }]
              : []),
            ...(state.followUps.length
              ? [{ key: 'followUps', label: t('mediation.followUps'), children: <Prose>{state.followUps.map((f) => `${formatDateTime(f.at)} ${t(`mediation.performances.${f.performance}`)}：${f.note}`).join('\n')}</Prose> }]
              : []),
            ...(agreement
              ? [{
                  key: 'confirmation',
                  label: t('mediation.confirmation'),
                  children: state.confirmation.outcome
                    ? `${t(`mediation.confirmationOutcomes.${state.confirmation.outcome}`)}${state.confirmation.court ? `：${state.confirmation.court}（${state.confirmation.appliedOn}）` : ''}`
                    : state.confirmation.guidedAt
                      ? `${t('mediation.confirmationGuided')}（${formatDateTime(state.confirmation.guidedAt)}）`
                      : '—',
                }]
              : []),
          ]}
        />

        <section aria-label={t('mediation.sessions')}>
          <h3 style={{ fontSize: '1em' }}>{t('mediation.sessions')}</h3>
          {state.sessions.length === 0 ? (
            <p>—</p>
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey="no"
              scroll={{ x: 'max-content' }}
              dataSource={state.sessions}
              columns={[
                { title: '#', dataIndex: 'no' },
                { title: t('mediation.scheduledAt'), dataIndex: 'scheduledAt', render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
                { title: t('mediation.place'), dataIndex: 'place' },
                { title: t('mediation.invitees'), dataIndex: 'invitees', render: (v: string | null) => v ?? '—' },
                { title: t('mediation.minutes'), key: 'minutes', render: (_, s) => (s.heldAt ? <Prose>{`${s.minutes ?? ''}${s.participants ? `\n${t('mediation.participants')}：${s.participants}` : ''}`}</Prose> : <Tag>{t('mediation.notHeld')}</Tag>) },
              ]}
            />
          )}
        </section>

        {agreement && (
          <section aria-label={t('mediation.agreement')}>
            <h3 style={{ fontSize: '1em' }}>
              {t(agreement.kind === 'written' ? 'mediation.written' : 'mediation.oral')}
              {ruleByKey.get(agreement.kind === 'written' ? 'agreement_contents' : 'oral_effect') ? <> · <MediationRuleLink rule={ruleByKey.get(agreement.kind === 'written' ? 'agreement_contents' : 'oral_effect')!} /></> : null}
            </h3>
            <FactList
              columns={1}
              items={[
                { key: 'effectiveAt', label: t('mediation.effectiveAt'), children: formatDateTime(agreement.effectiveAt) },
                { key: 'parties', label: t('mediation.parties'), children: <Prose>{agreement.parties.map((p) => `${p.name}：${p.info}`).join('\n')}</Prose> },
                ...(agreement.kind === 'written'
                  ? [
                      { key: 'facts', label: t('mediation.facts'), children: <Prose>{agreement.facts}</Prose> },
                      { key: 'disputedMatters', label: t('mediation.disputedMatters'), children: <Prose>{agreement.disputedMatters}</Prose> },
                      { key: 'responsibilities', label: t('mediation.responsibilities'), children: <Prose>{agreement.responsibilities}</Prose> },
                      { key: 'terms', label: t('mediation.terms'), children: <Prose>{agreement.terms}</Prose> },
                      { key: 'performanceManner', label: t('mediation.performanceManner'), children: agreement.performanceManner },
                      { key: 'performanceDeadline', label: t('mediation.performanceDeadline'), children: agreement.performanceDeadline },
                    ]
                  : [{ key: 'content', label: t('mediation.content'), children: <Prose>{agreement.content}</Prose> }]),
              ]}
            />
          </section>
        )}

        <section aria-label={t('mediation.deadlines')}>
          <h3 style={{ fontSize: '1em' }}>{t('mediation.deadlines')}</h3>
          {mediationCase.deadlines.length === 0 ? (
            <p>—</p>
          ) : (
            <Table
              size="small"
              pagination={false}
              rowKey="step"
              scroll={{ x: 'max-content' }}
              dataSource={mediationCase.deadlines}
              columns={[
                { title: t('tickets.timeline.step'), dataIndex: 'step', render: (s: string) => t(`mediation.steps.${s}`) },
                { title: t('tickets.dueAt'), dataIndex: 'dueAt', render: (v: string) => <span className="nowrap">{formatDeadline(v)}</span> },
                { title: t('tickets.deadlineState'), dataIndex: 'state', render: (s: string) => <Tag>{t(`tickets.deadlineStates.${s}`, { defaultValue: s })}</Tag> },
                { title: t('mediation.rules'), dataIndex: 'rule', render: (key: string) => (ruleByKey.get(key) ? <MediationRuleLink rule={ruleByKey.get(key)!} /> : key) },
              ]}
            />
          )}
        </section>

        <section aria-label={t('mediation.timeline')}>
          <h3 style={{ fontSize: '1em' }}>{t('mediation.timeline')}</h3>
          <Timeline
            items={(mediationCase.timeline ?? []).map((e, i) => {
              const label = t(`tickets.events.${e.type.replace(/\./g, '_')}`, { defaultValue: e.type });
              const applied = Array.isArray(e.data.rules) ? (e.data.rules as { key?: string; articleNo?: string }[]).flatMap((r) => {
                const rule = r.key ? ruleByKey.get(r.key) : rules.find((x) => x.articleNo === r.articleNo);
                return rule ? [rule] : [];
              }) : [];
              const from = typeof e.data.from === 'string' ? e.data.from : undefined;
              const to = typeof e.data.to === 'string' ? e.data.to : undefined;
              return {
                key: i,
                children: (
                  <article aria-label={label}>
                    <strong>{label}</strong> <span className="nowrap">{formatDateTime(e.at)}</span> {e.actorName ?? ''}
                    {from && to && from !== to && !e.type.startsWith('mediation_referral') ? <div>{`${t(`mediation.statuses.${from}`)} → ${t(`mediation.statuses.${to}`)}`}</div> : null}
                    {applied.length > 0 && (
                      <div>
                        {applied.map((r) => (
                          <span key={r.key} style={{ marginRight: 8 }}>
                            <MediationRuleLink rule={r} />
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

        <section aria-label={t('mediation.rules')}>
          <h3 style={{ fontSize: '1em' }}>{t('mediation.rules')}</h3>
          <ul style={{ paddingLeft: 20, margin: 0 }}>
            {rules.map((r) => (
              <li key={r.key}>
                <MediationRuleLink rule={r} />：{r.explanation}
              </li>
            ))}
          </ul>
        </section>
      </Space>
    </Card>
  );
}

type Values = Record<string, unknown>;

/** The fields each action's form asks for, as the server's action schema names them. */
const NEEDS: Record<MediationCaseActionType, readonly string[]> = {
  accept: ['note'],
  decline: ['ground', 'reason'],
  assign_mediators: ['mediatorIds', 'isChosenByParties'],
  schedule_session: ['scheduledAt', 'place', 'invitees', 'isInviteeConsented'],
  record_session: ['sessionNo', 'heldAt', 'minutes', 'participants'],
  agree_written: ['parties', 'facts', 'disputedMatters', 'responsibilities', 'terms', 'performanceManner', 'performanceDeadline', 'signedAt'],
  agree_oral: ['parties', 'content', 'agreedAt'],
  fail: ['reason', 'guidance', 'note'],
  terminate: ['party', 'reason'],
  follow_up: ['performance', 'note'],
  guide_confirmation: [],
  record_confirmation: ['outcome', 'court', 'appliedOn'],
  archive: [],
};
const REQUIRED = new Set(['ground', 'reason', 'mediatorIds', 'scheduledAt', 'place', 'sessionNo', 'minutes', 'parties', 'facts', 'disputedMatters', 'responsibilities', 'terms', 'performanceManner', 'performanceDeadline', 'content', 'guidance', 'party', 'performance', 'outcome']);
/** Fields one action requires, or names after its own way, beyond the shared ones: a follow-up records what was found (Art. 31). */
const REQUIRED_IN: Partial<Record<MediationCaseActionType, readonly string[]>> = { follow_up: ['note'] };
const LABEL_IN: Partial<Record<MediationCaseActionType, Record<string, string>>> = { follow_up: { note: 'followUpNote' } };
/** Fields answered by a choice rather than typed (a blank-only rule would type them as text). */
const CHOICES = new Set(['ground', 'mediatorIds', 'sessionNo', 'guidance', 'performance', 'outcome']);
const LONG = new Set(['reason', 'minutes', 'facts', 'disputedMatters', 'responsibilities', 'terms', 'content', 'note']);
const DATE_TIMES = new Set(['scheduledAt', 'heldAt', 'signedAt', 'agreedAt']);

function MediationActionModal({ mediationCase, action, onClose, onDone }: { mediationCase: MediationCase; action?: MediationCaseActionType; onClose: () => void; onDone: (c: MediationCase) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [mediators, setMediators] = useState<Mediator[]>();
  const outcome = Form.useWatch('outcome', form);
  const state = mediationCase.state as unknown as MediationCaseState;

  useEffect(() => {
    form.resetFields();
    setFormError(undefined);
    if (action === 'agree_written' || action === 'agree_oral') form.setFieldsValue({ parties: [{ name: '', info: '' }, { name: '', info: '' }] });
    if (action === 'record_session') form.setFieldsValue({ sessionNo: state.sessions.find((s) => !s.heldAt)?.no });
    if (action === 'assign_mediators') {
      setMediators(undefined);
      listMediators(mediationCase.id).then((r) => setMediators(r.items)).catch((e) => setFormError(errorMessage(t, e)));
    }
  }, [action, mediationCase.id, form, t, state.sessions]);

  if (!action) return null;
  const needs = NEEDS[action];
  const rules = (mediationCase.rules ?? []).filter((r) => (MEDIATION_ACTION_RULES[action] as string[]).includes(r.key));
  const isRequiredHere = (name: string) => (REQUIRED.has(name) && !(name === 'court' || name === 'appliedOn')) || (REQUIRED_IN[action] ?? []).includes(name);
  const confirmationDue = state.deadlines.mediation_confirmation?.dueAt;

  async function submit(values: Values) {
    setSaving(true);
    setFormError(undefined);
    try {
      const input: Record<string, unknown> = { action };
      for (const key of needs) {
        const value = values[key];
        if (value === undefined || value === '' || value === null) continue;
        if (DATE_TIMES.has(key)) input[key] = `${value}:00+08:00`;
        else if (key === 'parties') input.parties = (value as { name?: string; info?: string }[]).filter((p) => p?.name?.trim()).map((p) => ({ name: p.name!.trim(), info: (p.info ?? '').trim() }));
        else if (key === 'sessionNo') input.sessionNo = Number(value);
        else input[key] = value;
      }
      onDone(await actOnMediationCase(mediationCase.id, input as MediationCaseActionInput));
    } catch (e) {
      const field = e instanceof ApiError && e.field ? normalizeField(e.field) : undefined;
      if (field && needs.includes(field)) form.setFields([{ name: field, errors: [fieldErrorText(t, e)] }]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const label = (name: string) => {
    const key = LABEL_IN[action]?.[name] ?? { mediatorIds: 'mediators', isChosenByParties: 'chosenByParties', sessionNo: 'sessions' }[name] ?? name;
    return t(`mediation.${key}`);
  };

  return (
    <Modal open title={t(`mediation.actionNames.${action}`)} onCancel={onClose} onOk={() => form.submit()} okText={t('mediation.submit')} cancelText={t('mediation.cancel')} confirmLoading={isSaving} destroyOnHidden width={640}>
      {rules.length > 0 && (
        <p>
          {rules.map((r) => (
            <span key={r.key} style={{ marginRight: 8 }}>
              <MediationRuleLink rule={r} />
            </span>
          ))}
        </p>
      )}
      {action === 'guide_confirmation' && (
        // Art. 33: what the parties are told, with the last day of their 30 days.
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('mediation.confirmationGuide', { dueAt: confirmationDue ? formatDeadline(confirmationDue) : '—' })} />
      )}
      {action === 'archive' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('mediation.archiveHint')} />}
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {needs.map((name) => {
          if (name === 'parties') {
            return (
              <Form.List key={name} name="parties">
                {(fields, { add }) => (
                  <fieldset style={{ border: 0, padding: 0 }}>
                    <legend style={{ fontSize: '1em' }}>{t('mediation.parties')}</legend>
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap>
                        <Form.Item name={[f.name, 'name']} label={t('mediation.partyName')} rules={f.name < 2 ? [{ required: true, whitespace: true, message: t('mediation.partyName') }] : []}>
                          <Input maxLength={50} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'info']} label={t('mediation.partyInfo')} style={{ minWidth: 300 }}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </Space>
                    ))}
                    <Button onClick={() => add({ name: '', info: '' })}>{t('mediation.addParty')}</Button>
                  </fieldset>
                )}
              </Form.List>
            );
          }
          let control: React.ReactNode;
          if (name === 'ground') control = <Select options={DECLINE_GROUNDS.map((g) => ({ value: g, label: t(`mediation.declineGrounds.${g}`) }))} />;
          else if (name === 'mediatorIds')
            control = <Select mode="multiple" loading={!mediators} optionFilterProp="label" options={(mediators ?? []).map((m) => ({ value: m.id, label: `${m.displayName}（${m.region.name}，${m.activeCases}）` }))} />;
          else if (name === 'isInviteeConsented')
            return (
              <Form.Item key={name} name={name} valuePropName="checked">
                <Checkbox>{t('mediation.isInviteeConsented')}</Checkbox>
              </Form.Item>
            );
          else if (name === 'isChosenByParties')
            return (
              <Form.Item key={name} name={name} valuePropName="checked">
                <Checkbox>{t('mediation.chosenByParties')}</Checkbox>
              </Form.Item>
            );
          else if (name === 'sessionNo') control = <Select options={state.sessions.filter((s) => !s.heldAt).map((s) => ({ value: s.no, label: `${t('mediation.session', { no: s.no })} ${formatDateTime(s.scheduledAt)} ${s.place}` }))} />;
          else if (name === 'guidance') control = <CheckboxList options={FAILURE_GUIDANCE.map((g) => ({ value: g, label: t(`mediation.guidances.${g}`) }))} />;
          else if (name === 'performance') control = <Radio.Group options={PERFORMANCE_STATES.map((p) => ({ value: p, label: t(`mediation.performances.${p}`) }))} />;
          else if (name === 'outcome') control = <Radio.Group options={(['applied', 'declined'] as const).map((o) => ({ value: o, label: t(`mediation.confirmationOutcomes.${o}`) }))} />;
          else if (name === 'appliedOn') control = <Input type="date" />;
          else if (DATE_TIMES.has(name)) control = <Input type="datetime-local" />;
          else if (LONG.has(name)) control = <Input.TextArea rows={3} maxLength={name === 'minutes' ? 10000 : 5000} />;
          else control = <Input maxLength={200} />;
          if ((name === 'court' || name === 'appliedOn') && outcome !== 'applied') return null;
          const isRequired = isRequiredHere(name) || ((name === 'court' || name === 'appliedOn') && outcome === 'applied');
          return (
            <Form.Item key={name} name={name} label={label(name)} rules={isRequired ? [{ required: true, ...(CHOICES.has(name) ? {} : { whitespace: true }), message: label(name) }] : []}>
              {control}
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}

function ReferOutModal({ mediationCase, onClose, onDone }: { mediationCase: MediationCase; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ partnerKind: string; partnerName: string; partnerReference?: string; reason: string }>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  return (
    <Modal open title={t('mediation.referrals.referOut')} onCancel={onClose} onOk={() => form.submit()} okText={t('mediation.submit')} cancelText={t('mediation.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ partnerKind: 'court' }}
        onFinish={async (values) => {
          setSaving(true);
          try {
            await referOut(mediationCase.id, { ...values, partnerKind: values.partnerKind as (typeof PARTNER_KINDS)[number], partnerReference: values.partnerReference || undefined });
            onDone();
          } catch (e) {
            setFormError(errorMessage(t, e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="partnerKind" label={t('mediation.referrals.partnerKind')} rules={[{ required: true }]}>
          <Select options={PARTNER_KINDS.map((k) => ({ value: k, label: t(`mediation.referrals.partnerKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="partnerName" label={t('mediation.referrals.partnerName')} rules={[{ required: true, whitespace: true, message: t('mediation.referrals.partnerName') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('mediation.referrals.reason')} rules={[{ required: true, whitespace: true, message: t('mediation.referrals.reason') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
