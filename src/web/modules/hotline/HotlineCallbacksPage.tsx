import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime, formatDeadline } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { DISPUTE_CATEGORIES, SERVICE_TYPES } from '../tickets/api';
import { RecordTable } from '../../workbench/RecordTable';
import {
  ATTEMPT_OUTCOMES,
  CALLBACK_KINDS,
  KIND_COLORS,
  claimCallback,
  listCallbacks,
  newRequestId,
  recordAttempt,
  recordSurvey,
  type AttemptOutcome,
  type Callback,
  type CallbackKind,
  type SurveyAnswers,
  type TicketIntake,
} from './callbacks-api';

const PAGE_SIZE = 50;

/** 回拨: the region's callbacks (missed calls, voicemails, follow-ups, negative ratings), oldest deadline first. */
export default function HotlineCallbacksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'closed' ? 'closed' : 'open';
  const kind = (CALLBACK_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as CallbackKind) : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: Callback[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [actionError, setActionError] = useState<string>();
  const [attempting, setAttempting] = useState<Callback>();
  const [surveying, setSurveying] = useState<Callback>();

  const load = useCallback(() => {
    listCallbacks({ status, kind, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [status, kind, page]);
  useEffect(load, [load]);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  const claim = (c: Callback) => {
    setActionError(undefined);
    claimCallback(c.id)
      .then(load)
      .catch((e) => setActionError(errorMessage(t, e)));
  };

  const columns: ColumnType<Callback>[] = [
    {
      title: t('hotline.callbacks.kind'),
      key: 'kind',
      className: 'nowrap',
      render: (_, c) => <Tag color={KIND_COLORS[c.kind]}>{t(`hotline.callbacks.kinds.${c.kind}`)}</Tag>,
    },
    {
      title: t('hotline.callbacks.phone'),
      key: 'phone',
      className: 'nowrap',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <span data-testid="callback-phone">{c.phone ?? '—'}</span>
          {c.ticket && <Link to={`/workbench/tickets/${c.ticket.id}`}>{c.ticket.number} · {c.ticket.applicantName}</Link>}
          {c.call?.arrivedAt && <Typography.Text type="secondary">{t('hotline.callbacks.calledAt', { at: formatDateTime(c.call.arrivedAt) })}</Typography.Text>}
          {c.call?.recordingUrl && <a href={c.call.recordingUrl} target="_blank" rel="noreferrer">{t('hotline.callbacks.voicemail')}</a>}
        </Space>
      ),
    },
    {
      title: t('hotline.callbacks.dueAt'),
      key: 'dueAt',
      className: 'nowrap',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <span>{formatDeadline(c.dueAt)}</span>
          {c.isOverdue && <Tag color="red">{t('hotline.callbacks.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('hotline.callbacks.attempts'),
      key: 'attempts',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <span>{t('hotline.callbacks.attemptCount', { count: c.attemptCount, max: c.maxAttempts })}</span>
          {c.attempts.map((a, i) => (
            <Typography.Text key={i} type="secondary">
              {formatDateTime(a.at)} {a.operator.displayName}：{t(`hotline.callbacks.outcomes.${a.outcome}`)}{a.note ? `（${a.note}）` : ''}
              {a.ticket && <> · <Link to={`/workbench/tickets/${a.ticket.id}`}>{a.ticket.number}</Link></>}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('hotline.callbacks.status'),
      key: 'status',
      className: 'nowrap',
      render: (_, c) =>
        c.status === 'closed' ? (
          <Tag>{t(`hotline.callbacks.closeReasons.${c.closeReason}`)}</Tag>
        ) : c.claimedBy ? (
          <span>{t('hotline.callbacks.claimedBy', { name: c.claimedBy.displayName })}</span>
        ) : (
          <Tag color="gold">{t('hotline.callbacks.unclaimed')}</Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      render: (_, c) => (
        <Space wrap>
          {c.abilities.claim && <Button size="small" type="primary" onClick={() => claim(c)}>{t('hotline.callbacks.claim')}</Button>}
          {c.abilities.attempt && <Button size="small" onClick={() => setAttempting(c)}>{t('hotline.callbacks.recordAttempt')}</Button>}
          {c.abilities.survey && <Button size="small" type="primary" onClick={() => setSurveying(c)}>{t('hotline.callbacks.survey')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('hotline.callbacks.title')}</PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Radio.Group value={status} onChange={(e) => setFilter('status', e.target.value === 'open' ? '' : e.target.value)} optionType="button" aria-label={t('hotline.callbacks.status')}
            options={[{ value: 'open', label: t('hotline.callbacks.open') }, { value: 'closed', label: t('hotline.callbacks.closed') }]} />
          <label htmlFor="callback-kind">{t('hotline.callbacks.kind')}</label>
          <Select id="callback-kind" style={{ minWidth: 140 }} value={kind ?? ''} onChange={(v) => setFilter('kind', v)}
            options={[{ value: '', label: t('hotline.callbacks.allKinds') }, ...CALLBACK_KINDS.map((k) => ({ value: k, label: t(`hotline.callbacks.kinds.${k}`) }))]} />
        </Space>
        {actionError && <Alert type="error" showIcon message={actionError} style={{ marginBottom: 12 }} closable onClose={() => setActionError(undefined)} />}
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<Callback>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('hotline.callbacks.empty') }}
            cardLabel={(c) => `${t(`hotline.callbacks.kinds.${c.kind}`)} ${c.phone ?? ''}`}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              onChange: (p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              },
            }}
          />
        )}
      </Card>
      {attempting && <AttemptModal callback={attempting} onClose={() => setAttempting(undefined)} onDone={() => { setAttempting(undefined); load(); }} />}
      {surveying && <SurveyModal callback={surveying} onClose={() => setSurveying(undefined)} onDone={() => { setSurveying(undefined); load(); }} />}
    </>
  );
}

type AttemptValues = { outcome: AttemptOutcome; note?: string; isTakingIn?: boolean; serviceType?: TicketIntake['serviceType']; category?: TicketIntake['category']; applicantName?: string; description?: string };

/**
 * One try: what came of the call, with a note. A follow-up that reached the citizen is recorded
 * with its survey instead; a call's callback that reached the caller may take the matter in as a
 * hotline ticket (in the operator's own region, the caller's number as the applicant's).
 */
function AttemptModal({ callback, onClose, onDone }: { callback: Callback; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<AttemptValues>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  // One id per dialog: pressing save again after a lost answer records the attempt once.
  const requestId = useMemo(newRequestId, []);
  const outcome = Form.useWatch('outcome', form);
  const isTakingIn = Form.useWatch('isTakingIn', form);
  const canTakeIn = callback.call !== null && outcome === 'reached';
  const outcomes = ATTEMPT_OUTCOMES.filter((o) => !(callback.kind === 'follow_up' && o === 'reached'));
  const submit = (v: AttemptValues) => {
    setIsSaving(true);
    const ticket =
      canTakeIn && v.isTakingIn && me
        ? { serviceType: v.serviceType!, category: v.category!, regionCode: me.region.code, applicantName: v.applicantName!.trim(), description: v.description!.trim() }
        : undefined;
    recordAttempt(callback.id, { requestId, outcome: v.outcome, note: v.note?.trim() || undefined, ...(ticket ? { ticket } : {}) })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  const required = [{ required: true, whitespace: true, message: t('hotline.callbacks.required') }];
  return (
    <Modal open title={`${t('hotline.callbacks.recordAttempt')} · ${callback.phone ?? ''}`} onCancel={onClose} onOk={() => form.submit()} okText={t('hotline.callbacks.save')} cancelText={t('hotline.callbacks.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="outcome" label={t('hotline.callbacks.outcome')} rules={[{ required: true, message: t('hotline.callbacks.outcome') }]}>
          <Radio.Group>
            <Space direction="vertical">
              {outcomes.map((o) => <Radio key={o} value={o}>{t(`hotline.callbacks.outcomes.${o}`)}</Radio>)}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('hotline.callbacks.note')}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
        {canTakeIn && (
          <Form.Item name="isTakingIn" valuePropName="checked">
            <Checkbox>{t('hotline.callbacks.takeIn')}</Checkbox>
          </Form.Item>
        )}
        {canTakeIn && isTakingIn && (
          <>
            <Form.Item name="serviceType" label={t('hotline.callbacks.serviceType')} rules={required}>
              <Select showSearch optionFilterProp="label" options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} />
            </Form.Item>
            <Form.Item name="category" label={t('hotline.callbacks.category')} rules={required}>
              <Select showSearch optionFilterProp="label" options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
            </Form.Item>
            <Form.Item name="applicantName" label={t('hotline.callbacks.applicantName')} rules={required}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="description" label={t('hotline.callbacks.description')} rules={required}>
              <Input.TextArea maxLength={5000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 回访: the bureau's script read out question by question; the answers become the ticket's rating. */
function SurveyModal({ callback, onClose, onDone }: { callback: Callback; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SurveyAnswers & { __note?: string }>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const requestId = useMemo(newRequestId, []);
  const script = callback.surveyScript ?? [];
  const submit = (values: Record<string, unknown>) => {
    const answers: SurveyAnswers = {};
    for (const q of script) {
      const value = values[q.id];
      if (value === undefined || value === null || value === '') continue;
      answers[q.id] = q.kind === 'yes_no' ? value === 'yes' : q.kind === 'score' ? Number(value) : String(value).trim();
    }
    const note = typeof values.__note === 'string' ? values.__note.trim() : '';
    setIsSaving(true);
    recordSurvey(callback.id, { requestId, answers, note: note || undefined })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={`${t('hotline.callbacks.survey')} · ${callback.ticket?.number ?? ''}`} onCancel={onClose} onOk={() => form.submit()} okText={t('hotline.callbacks.save')} cancelText={t('hotline.callbacks.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('hotline.callbacks.surveyHint', { phone: callback.phone ?? '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        {script.map((q) => (
          <Form.Item key={q.id} name={q.id} label={q.text} rules={q.isRequired ? [{ required: true, message: t('hotline.callbacks.answerRequired') }] : []}>
            {q.kind === 'yes_no' ? (
              <Radio.Group options={[{ value: 'yes', label: t('hotline.callbacks.yes') }, { value: 'no', label: t('hotline.callbacks.no') }]} />
            ) : q.kind === 'score' ? (
              <Radio.Group options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))} />
            ) : (
              <Input.TextArea maxLength={500} />
            )}
          </Form.Item>
        ))}
        <Form.Item name="__note" label={t('hotline.callbacks.note')}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
