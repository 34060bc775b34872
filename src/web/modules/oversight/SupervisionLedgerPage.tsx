import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Tabs, Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime, formatDeadline } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { isMissingRoute } from '../tickets/api';
import { Unavailable } from '../tickets/components';
import { listSupervision, respondSupervision, SUPERVISION_STATES, type SupervisionOrder, type SupervisionState } from './api';

/** 督办台账: every supervision order in scope, with the handler's response. */
export default function SupervisionLedgerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const requested = params.get('state') as SupervisionState | null;
  const state: SupervisionState = requested && SUPERVISION_STATES.includes(requested) ? requested : 'open';
  const [rows, setRows] = useState<SupervisionOrder[]>();
  const [error, setError] = useState<unknown>();
  const [responding, setResponding] = useState<SupervisionOrder>();
  const [form] = Form.useForm<{ response: string }>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  const load = useCallback(() => {
    setRows(undefined);
    listSupervision({ state, limit: 200 })
      .then((r) => {
        setRows(r.items);
        setError(undefined);
      })
      .catch(setError);
  }, [state]);
  useEffect(load, [load]);

  async function respond(v: { response: string }) {
    if (!responding) return;
    setSaving(true);
    setFormError(undefined);
    try {
      await respondSupervision(responding.id, v.response.trim());
      message.success(t('tickets.supervision.responded'));
      setResponding(undefined);
      load();
    } catch (e) {
      setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const stateOf = (r: SupervisionOrder) => (r.respondedAt ? 'responded' : r.isOverdue ? 'overdue' : 'open');

  const columns: ColumnType<SupervisionOrder>[] = [
    {
      title: t('tickets.number'),
      key: 'ticket',
      render: (_, r) => (
        <Link to={`/workbench/tickets/${r.ticket.id}`} className="nowrap">
          {r.ticket.number}
        </Link>
      ),
    },
    { title: t('tickets.actionForm.reason'), dataIndex: 'reason', render: (v: string) => <div style={{ minWidth: 160 }}>{v}</div> },
    {
      title: t('oversight.issuedBy'),
      key: 'issuedBy',
      className: 'nowrap',
      render: (_, r) => (r.isAutomatic ? <Tag>{t('oversight.automatic')}</Tag> : r.issuedBy?.displayName ?? '—'),
    },
    { title: t('oversight.addressees'), key: 'addressees', className: 'nowrap', render: (_, r) => r.addressees.map((a) => a.displayName).join('、') || '—' },
    { title: t('oversight.issuedAt'), dataIndex: 'createdAt', className: 'nowrap', render: (v: string) => formatDateTime(v) },
    {
      title: t('tickets.supervision.dueAt'),
      dataIndex: 'dueAt',
      className: 'nowrap',
      render: (v: string, r) => <span style={r.isOverdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatDeadline(v)}</span>,
    },
    {
      title: t('oversight.state'),
      key: 'state',
      className: 'nowrap',
      render: (_, r) => {
        const s = stateOf(r);
        return (
          <>
            <Tag color={s === 'overdue' ? 'red' : s === 'responded' ? 'green' : 'orange'}>{t(`oversight.supervisionStates.${s}`)}</Tag>
            {r.isRespondedLate && <Tag color="red">{t('oversight.respondedLate')}</Tag>}
          </>
        );
      },
    },
    {
      title: t('tickets.supervision.response'),
      key: 'response',
      render: (_, r) => (r.response ? <div style={{ minWidth: 160 }}>{`${r.response}（${r.respondedBy?.displayName ?? ''} ${formatDateTime(r.respondedAt)}）`}</div> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        !r.respondedAt && r.abilities.respond ? (
          <Button size="small" onClick={() => setResponding(r)} aria-label={t('oversight.respondTo', { number: r.ticket.number })}>
            {t('tickets.supervision.respond')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle>{t('nav.supervision')}</PageTitle>
      <Card>
        <Tabs
          activeKey={state}
          onChange={(k) => setParams({ state: k }, { replace: true })}
          items={SUPERVISION_STATES.map((s) => ({ key: s, label: t(`oversight.supervisionStates.${s}`) }))}
        />
        {isMissingRoute(error) ? (
          <Unavailable what={t('nav.supervision')} />
        ) : error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<SupervisionOrder> rowKey="id" loading={!rows} columns={columns} dataSource={rows ?? []} cardLabel={(r) => t('tickets.ticketTitle', { number: r.ticket.number })} />
        )}
      </Card>
      <Modal
        open={Boolean(responding)}
        title={t('tickets.supervision.respond')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={isSaving}
        onOk={() => form.submit()}
        onCancel={() => setResponding(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void respond(v)}>
          {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
          <p>{responding?.reason}</p>
          <Form.Item label={t('tickets.supervision.response')} name="response" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
