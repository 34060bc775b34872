import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag, Timeline } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import type { Me } from '../auth/api';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { RegionPicker } from '../regions/RegionPicker';
import { DISPUTE_CATEGORIES } from '../../../server/modules/services/service-catalogue.ts';
import { categoryName } from '../tickets/components';
import { listCommittees, listReferrals, PARTNER_KINDS, receiveReferral, REFERRAL_STATUSES, takesMediationIntake, updateReferral, type Committee, type Referral, type ReferralStatus } from './mediation-api';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<ReferralStatus, string> = { sent: 'gold', received: 'blue', accepted: 'geekblue', returned: 'volcano', concluded: 'green' };

/** 诉调、公调、访调对接: referrals in and out, their receipts, status and history. */
export default function ReferralListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const direction = (['incoming', 'outgoing'] as const).find((d) => d === params.get('direction'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: Referral[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [updating, setUpdating] = useState<Referral>();
  const [isReceiving, setReceiving] = useState(false);

  const load = useCallback(() => {
    setData(undefined);
    listReferrals({ direction, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [direction, page]);
  useEffect(load, [load]);

  const columns: ColumnType<Referral>[] = [
    { title: t('mediation.referrals.direction'), key: 'direction', render: (_, r) => <Tag>{t(`mediation.referrals.directions.${r.direction}`)}</Tag> },
    { title: t('mediation.referrals.partner'), key: 'partner', render: (_, r) => `${r.partnerName}（${t(`mediation.referrals.partnerKinds.${r.partnerKind}`)}）` },
    { title: t('mediation.referrals.partnerReference'), key: 'ref', render: (_, r) => r.partnerReference ?? '—' },
    { title: t('mediation.referrals.receipt'), key: 'receipt', className: 'nowrap', render: (_, r) => r.receiptNumber ?? '—' },
    { title: t('mediation.referrals.case'), key: 'case', render: (_, r) => <Link to={`/workbench/tickets/${r.case.ticketId}`} className="nowrap">{r.case.number}</Link> },
    { title: t('mediation.referrals.status'), key: 'status', render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{t(`mediation.referrals.statuses.${r.status}`)}</Tag> },
    {
      title: t('mediation.referrals.history'),
      key: 'history',
      render: (_, r) => (
        <Timeline
          style={{ marginBottom: -24 }}
          items={r.history.map((h, i) => ({ key: i, children: `${t(`mediation.referrals.statuses.${h.status}`)} ${formatDateTime(h.at)} ${h.byName ?? ''}${h.note ? `：${h.note}` : ''}` }))}
        />
      ),
    },
    { title: '', key: 'update', render: (_, r) => (r.abilities.update ? <Button size="small" onClick={() => setUpdating(r)}>{t('mediation.referrals.updateStatus')}</Button> : null) },
  ];

  return (
    <>
      <PageTitle>{t('mediation.referralsTitle')}</PageTitle>
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          <label htmlFor="referral-direction">{t('mediation.referrals.direction')}</label>
          <Select
            id="referral-direction"
            style={{ minWidth: 140 }}
            value={direction ?? ''}
            onChange={(v) => setParams(v ? { direction: v } : {}, { replace: true })}
            options={[{ value: '', label: t('mediation.all') }, { value: 'incoming', label: t('mediation.referrals.directions.incoming') }, { value: 'outgoing', label: t('mediation.referrals.directions.outgoing') }]}
          />
          {takesMediationIntake(me) && <Button type="primary" onClick={() => setReceiving(true)}>{t('mediation.referrals.receive')}</Button>}
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<Referral>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('mediation.referrals.empty') }}
            cardLabel={(r) => r.partnerName}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (p) => setParams({ ...(direction ? { direction } : {}), page: String(p) }, { replace: true }) }}
          />
        )}
      </Card>
      {updating && (
        <UpdateModal
          referral={updating}
          onClose={() => setUpdating(undefined)}
          onDone={() => {
            setUpdating(undefined);
            message.success(t('mediation.done'));
            load();
          }}
        />
      )}
      {isReceiving && (
        <ReceiveModal
          defaultRegion={me.region}
          onClose={() => setReceiving(false)}
          onDone={(r) => {
            setReceiving(false);
            message.success(`${t('mediation.done')}：${t('mediation.referrals.receipt')} ${r.receiptNumber}`);
            load();
          }}
        />
      )}
    </>
  );
}

function UpdateModal({ referral, onClose, onDone }: { referral: Referral; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ status: ReferralStatus; note?: string; partnerReference?: string }>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  return (
    <Modal open title={t('mediation.referrals.updateStatus')} onCancel={onClose} onOk={() => form.submit()} okText={t('mediation.submit')} cancelText={t('mediation.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await updateReferral(referral.id, { status: v.status, note: v.note || undefined, partnerReference: v.partnerReference || undefined });
            onDone();
          } catch (e) {
            setFormError(errorMessage(t, e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="status" label={t('mediation.referrals.newStatus')} rules={[{ required: true, message: t('mediation.referrals.newStatus') }]}>
          <Select options={referral.nextStatuses.filter((s) => REFERRAL_STATUSES.includes(s)).map((s) => ({ value: s, label: t(`mediation.referrals.statuses.${s}`) }))} />
        </Form.Item>
        <Form.Item name="partnerReference" label={t('mediation.referrals.partnerReference')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('mediation.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ReceiveValues = { partnerKind: (typeof PARTNER_KINDS)[number]; partnerName: string; partnerReference?: string; reason: string; committeeId: string; category: string; regionCode: string; applicantName: string; applicantPhone: string; description: string };

function ReceiveModal({ defaultRegion, onClose, onDone }: { defaultRegion: Me['region']; onClose: () => void; onDone: (r: Referral) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReceiveValues>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const [committees, setCommittees] = useState<Committee[]>([]);
  const regionCode = Form.useWatch('regionCode', form);
  useEffect(() => {
    if (!regionCode) return;
    listCommittees(regionCode)
      .then((r) => {
        setCommittees(r.items);
        // A committee chosen for another place may not be competent here: choose again.
        if (!r.items.some((c) => c.id === form.getFieldValue('committeeId'))) form.setFieldValue('committeeId', undefined);
      })
      .catch(() => setCommittees([]));
  }, [regionCode, form]);
  const required = (label: string) => [{ required: true, whitespace: true, message: label }];
  return (
    <Modal open title={t('mediation.referrals.receive')} onCancel={onClose} onOk={() => form.submit()} okText={t('mediation.submit')} cancelText={t('mediation.cancel')} confirmLoading={isSaving} destroyOnHidden width={640}>
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ partnerKind: 'court', regionCode: defaultRegion.code }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            onDone(
              await receiveReferral({
                partnerKind: v.partnerKind,
                partnerName: v.partnerName,
                partnerReference: v.partnerReference || undefined,
                reason: v.reason,
                committeeId: v.committeeId,
                ticket: { category: v.category as never, regionCode: v.regionCode, applicant: { name: v.applicantName, phone: v.applicantPhone } as never, description: v.description },
              }),
            );
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
        <Form.Item name="partnerName" label={t('mediation.referrals.partnerName')} rules={required(t('mediation.referrals.partnerName'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="partnerReference" label={t('mediation.referrals.partnerReference')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('mediation.referrals.reason')} rules={required(t('mediation.referrals.reason'))}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('mediation.referrals.regionCode')} rules={[{ required: true, message: t('mediation.referrals.regionCode') }]}>
          <RegionPicker initial={defaultRegion} />
        </Form.Item>
        <Form.Item name="committeeId" label={t('mediation.committee')} rules={[{ required: true, message: t('mediation.committee') }]}>
          <Select options={committees.map((c) => ({ value: c.id, label: `${c.name}（${t(`mediation.committeeKinds.${c.kind}`)}）` }))} />
        </Form.Item>
        <Form.Item name="category" label={t('mediation.referrals.category')} rules={[{ required: true, message: t('mediation.referrals.category') }]}>
          <Select options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
        </Form.Item>
        <Form.Item name="applicantName" label={t('mediation.referrals.applicantName')} rules={required(t('mediation.referrals.applicantName'))}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="applicantPhone" label={t('mediation.referrals.applicantPhone')} rules={required(t('mediation.referrals.applicantPhone'))}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="description" label={t('mediation.referrals.description')} rules={required(t('mediation.referrals.description'))}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
