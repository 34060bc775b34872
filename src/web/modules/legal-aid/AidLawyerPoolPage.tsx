import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import {
  AID_LAWYER_FIELDS,
  AID_LAWYER_STATUSES,
  AID_LAWYER_STATUS_COLORS,
  approvePoolLawyer,
  getPoolLawyer,
  listPoolCandidates,
  listPoolLawyers,
  managesAidLawyerPool,
  setPoolLawyerStatus,
  suggestPoolLawyer,
  type AidLawyerField,
  type AidLawyerStatus,
  type PoolCandidateAccount,
  type PoolLawyer,
} from './aid-lawyers-api';

type StatusAction = 'suspend' | 'reinstate' | 'remove';

/** 法律援助律师库: the approved aid lawyers of the account's county (or counties), with workload, ratings, rotation and standing. */
export default function AidLawyerPoolPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = (AID_LAWYER_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as AidLawyerStatus) : undefined;
  const field = (AID_LAWYER_FIELDS as readonly string[]).includes(params.get('field') ?? '') ? (params.get('field') as AidLawyerField) : undefined;
  const [data, setData] = useState<{ items: PoolLawyer[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isApproving, setIsApproving] = useState(false);
  const [statusOf, setStatusOf] = useState<{ lawyer: PoolLawyer; action: StatusAction }>();
  const [historyOf, setHistoryOf] = useState<PoolLawyer>();

  const load = useCallback(() => {
    setData(undefined);
    listPoolLawyers({ status, field, limit: 200 })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [status, field]);
  useEffect(load, [load]);

  const fieldTags = (fields: string[]) => fields.map((f) => <Tag key={f}>{t(`aidPool.fieldNames.${f}`)}</Tag>);
  const columns: ColumnType<PoolLawyer>[] = [
    { title: t('aidPool.lawyer'), key: 'lawyer', className: 'nowrap', render: (_, l) => <Button type="link" style={{ padding: 0 }} onClick={() => getPoolLawyer(l.id).then(setHistoryOf).catch(setError)}>{l.displayName}</Button> },
    { title: t('aidPool.center'), key: 'center', className: 'nowrap', render: (_, l) => l.center.name },
    { title: t('aidPool.fields'), key: 'fields', render: (_, l) => fieldTags(l.fields) },
    { title: t('aidPool.years'), key: 'years', className: 'nowrap', render: (_, l) => t('aidPool.yearsValue', { count: l.yearsOfPractice }) },
    {
      title: t('aidPool.status'),
      key: 'status',
      render: (_, l) => (
        <Space direction="vertical" size={0}>
          <Tag color={AID_LAWYER_STATUS_COLORS[l.status as AidLawyerStatus]}>{t(`aidPool.statuses.${l.status}`)}</Tag>
          {l.status !== 'approved' && l.statusReason ? <Typography.Text type="secondary">{l.statusReason}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('aidPool.activeCases'), key: 'activeCases', className: 'nowrap', render: (_, l) => l.activeCases },
    { title: t('aidPool.lastAssignedAt'), key: 'lastAssignedAt', className: 'nowrap', render: (_, l) => (l.lastAssignedAt ? formatDateTime(l.lastAssignedAt) : '—') },
    { title: t('aidPool.rating'), key: 'rating', className: 'nowrap', render: (_, l) => (l.rating === null ? t('aidPool.noRating') : t('aidPool.ratingValue', { score: l.rating, count: l.ratedCases })) },
    {
      title: '',
      key: 'actions',
      render: (_, l) =>
        l.abilities.manage ? (
          <Space wrap>
            {l.status === 'approved' && <Button size="small" onClick={() => setStatusOf({ lawyer: l, action: 'suspend' })}>{t('aidPool.suspend')}</Button>}
            {l.status === 'suspended' && <Button size="small" onClick={() => setStatusOf({ lawyer: l, action: 'reinstate' })}>{t('aidPool.reinstate')}</Button>}
            {l.status !== 'removed' && <Button size="small" danger onClick={() => setStatusOf({ lawyer: l, action: 'remove' })}>{t('aidPool.remove')}</Button>}
          </Space>
        ) : null,
    },
  ];

  const setFilter = (key: 'status' | 'field', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle>{t('aidPool.title')}</PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="pool-status">{t('aidPool.status')}</label>
          <Select id="pool-status" style={{ minWidth: 140 }} value={status ?? ''} onChange={(v) => setFilter('status', v)}
            options={[{ value: '', label: t('aidPool.all') }, ...AID_LAWYER_STATUSES.map((s) => ({ value: s, label: t(`aidPool.statuses.${s}`) }))]} />
          <label htmlFor="pool-field">{t('aidPool.fields')}</label>
          <Select id="pool-field" style={{ minWidth: 140 }} value={field ?? ''} onChange={(v) => setFilter('field', v)}
            options={[{ value: '', label: t('aidPool.all') }, ...AID_LAWYER_FIELDS.map((f) => ({ value: f, label: t(`aidPool.fieldNames.${f}`) }))]} />
          {me && managesAidLawyerPool(me) && <Button type="primary" onClick={() => setIsApproving(true)}>{t('aidPool.approve')}</Button>}
        </Space>
        {me && <Suggestion centerRegionCode={me.region.code} field={field} />}
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<PoolLawyer>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('aidPool.empty') }}
            cardLabel={(l) => l.displayName}
            pagination={false}
          />
        )}
      </Card>
      {isApproving && me && <ApproveModal centerRegionCode={me.region.code} onClose={() => setIsApproving(false)} onDone={() => { setIsApproving(false); load(); }} />}
      {statusOf && <StatusModal {...statusOf} onClose={() => setStatusOf(undefined)} onDone={() => { setStatusOf(undefined); load(); }} />}
      {historyOf && (
        <Modal open title={`${historyOf.displayName} · ${t('aidPool.history')}`} footer={null} onCancel={() => setHistoryOf(undefined)}>
          <Typography.Paragraph>{t('aidPool.licenseNo')}：{historyOf.licenseNo ?? '—'}　{t('aidPool.practiceSince')}：{historyOf.practiceSince}</Typography.Paragraph>
          <Timeline items={(historyOf.history ?? []).map((h) => ({ children: `${formatDateTime(h.at)} ${t(`aidPool.events.${h.type}`)}${h.actorName ? `（${h.actorName}）` : ''}${h.reason ? `：${h.reason}` : ''}` }))} />
        </Modal>
      )}
    </>
  );
}

/** The fair rotation's next lawyer of the account's center for the field in the filter (and Art. 26 when ticked). */
function Suggestion({ centerRegionCode, field }: { centerRegionCode: string; field?: AidLawyerField }) {
  const { t } = useTranslation();
  const [isLifeOrDeathCase, setIsLifeOrDeathCase] = useState(false);
  const [answer, setAnswer] = useState<{ lawyer: PoolLawyer | null }>();
  const [error, setError] = useState<unknown>();
  const ask = () => suggestPoolLawyer({ centerRegionCode, field, isLifeOrDeathCase }).then((r) => { setAnswer(r); setError(undefined); }).catch(setError);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Checkbox checked={isLifeOrDeathCase} onChange={(e) => setIsLifeOrDeathCase(e.target.checked)}>{t('aidPool.lifeOrDeath')}</Checkbox>
      <Button onClick={ask}>{t('aidPool.suggest')}</Button>
      {answer && <span role="status">{answer.lawyer ? `${t('aidPool.suggestion')}：${answer.lawyer.displayName}` : t('aidPool.noSuggestion')}</span>}
      {error ? <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text> : null}
    </Space>
  );
}

function ApproveModal({ centerRegionCode, onClose, onDone }: { centerRegionCode: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [candidates, setCandidates] = useState<PoolCandidateAccount[]>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => {
    listPoolCandidates(centerRegionCode).then((r) => setCandidates(r.items)).catch((e) => setFormError(errorMessage(t, e)));
  }, [centerRegionCode, t]);
  const submit = (values: { accountId: string; fields: AidLawyerField[]; practiceSince: string; licenseNo?: string; reason?: string }) => {
    setIsSaving(true);
    approvePoolLawyer({ centerRegionCode, accountId: values.accountId, fields: values.fields, practiceSince: values.practiceSince, licenseNo: values.licenseNo || undefined, reason: values.reason || undefined })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={t('aidPool.approveTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('aidPool.save')} cancelText={t('aidPool.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="accountId" label={t('aidPool.lawyer')} rules={[{ required: true, message: t('aidPool.lawyer') }]}>
          <Select showSearch optionFilterProp="label" loading={!candidates} options={(candidates ?? []).map((c) => ({ value: c.accountId, label: `${c.displayName}（${c.region.name}）` }))} />
        </Form.Item>
        <Form.Item name="fields" label={t('aidPool.fields')} rules={[{ required: true, message: t('aidPool.fields') }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={AID_LAWYER_FIELDS.map((f) => ({ value: f, label: t(`aidPool.fieldNames.${f}`) }))} />
        </Form.Item>
        <Form.Item name="practiceSince" label={t('aidPool.practiceSince')} extra={t('aidPool.art26Hint')} rules={[{ required: true, message: t('aidPool.practiceSince') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="licenseNo" label={t('aidPool.licenseNo')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="reason" label={t('aidPool.reason')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StatusModal({ lawyer, action, onClose, onDone }: { lawyer: PoolLawyer; action: StatusAction; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const submit = (values: { reason: string }) => {
    setIsSaving(true);
    setPoolLawyerStatus(lawyer.id, { action, reason: values.reason })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={`${t(`aidPool.${action}`)} · ${lawyer.displayName}`} onCancel={onClose} onOk={() => form.submit()} okText={t('aidPool.save')} cancelText={t('aidPool.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('aidPool.reason')} rules={[{ required: true, whitespace: true, message: t('aidPool.reason') }]}>
          <Input.TextArea maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
