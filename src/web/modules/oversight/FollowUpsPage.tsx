import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Tabs, Tag } from 'antd';
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
import { completeFollowUp, FOLLOW_UP_QUEUES, listFollowUps, type FollowUp, type FollowUpQueue } from './api';

/** 回访任务: follow-ups after resolution, by phone or by message, and the mandatory ones after a low rating. */
export default function FollowUpsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const requested = params.get('queue') as FollowUpQueue | null;
  const queue: FollowUpQueue = requested && FOLLOW_UP_QUEUES.includes(requested) ? requested : 'mine';
  const [rows, setRows] = useState<FollowUp[]>();
  const [error, setError] = useState<unknown>();
  const [completing, setCompleting] = useState<FollowUp>();
  const [form] = Form.useForm<{ outcome: string; isSatisfied: boolean }>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  const load = useCallback(() => {
    setRows(undefined);
    listFollowUps({ queue, limit: 200 })
      .then((r) => {
        setRows(r.items);
        setError(undefined);
      })
      .catch(setError);
  }, [queue]);
  useEffect(load, [load]);

  async function complete(v: { outcome: string; isSatisfied: boolean }) {
    if (!completing) return;
    setSaving(true);
    setFormError(undefined);
    try {
      await completeFollowUp(completing.id, { outcome: v.outcome.trim(), isSatisfied: v.isSatisfied });
      message.success(t('oversight.followUpDone'));
      setCompleting(undefined);
      load();
    } catch (e) {
      setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const columns: ColumnType<FollowUp>[] = [
    {
      title: t('tickets.number'),
      key: 'ticket',
      render: (_, r) => (
        <Link to={`/workbench/tickets/${r.ticket.id}`} className="nowrap">
          {r.ticket.number}
        </Link>
      ),
    },
    {
      title: t('tickets.applicant'),
      key: 'applicant',
      className: 'nowrap',
      render: (_, r) => [r.applicant.name, r.applicant.phone].filter(Boolean).join(' · '),
    },
    { title: t('oversight.method'), dataIndex: 'method', className: 'nowrap', render: (m: string) => t(`oversight.methods.${m}`, { defaultValue: m }) },
    {
      title: t('oversight.reason'),
      key: 'reason',
      render: (_, r) => (
        <>
          {t(`oversight.followUpReasons.${r.reason}`, { defaultValue: r.reason })} {r.isMandatory && <Tag color="red">{t('oversight.mandatory')}</Tag>}
        </>
      ),
    },
    { title: t('oversight.role'), dataIndex: 'role', className: 'nowrap', render: (r: string) => t(`roles.${r}`, { defaultValue: r }) },
    {
      title: t('tickets.dueAt'),
      dataIndex: 'dueAt',
      className: 'nowrap',
      render: (v: string, r) => <span style={r.isOverdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{formatDeadline(v)}</span>,
    },
    {
      title: t('tickets.actionForm.outcome'),
      key: 'outcome',
      render: (_, r) =>
        r.doneAt ? (
          <>
            {r.outcome}{' '}
            {r.isSatisfied !== null && <Tag color={r.isSatisfied ? 'green' : 'red'}>{r.isSatisfied ? t('oversight.satisfied') : t('oversight.unsatisfied')}</Tag>}
            <div style={{ color: '#666' }}>
              {r.doneBy?.displayName} {formatDateTime(r.doneAt)}
            </div>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.doneAt ? null : r.abilities.complete ? (
          <Button size="small" type="primary" onClick={() => setCompleting(r)} aria-label={t('oversight.completeFor', { number: r.ticket.number })}>
            {t('oversight.complete')}
          </Button>
        ) : (
          // A call-back task is done on the ticket with its 回访 action (it records the outcome on the
          // timeline): say where, rather than leave the column empty.
          <Link to={`/workbench/tickets/${r.ticket.id}`} className="nowrap" aria-label={t('oversight.followUpOnTicketFor', { number: r.ticket.number })}>
            {t('oversight.followUpOnTicket')}
          </Link>
        ),
    },
  ];

  return (
    <>
      <PageTitle>{t('nav.followUps')}</PageTitle>
      <Card>
        <Tabs
          activeKey={queue}
          onChange={(k) => setParams({ queue: k }, { replace: true })}
          items={FOLLOW_UP_QUEUES.map((q) => ({ key: q, label: t(`oversight.followUpQueues.${q}`) }))}
        />
        {isMissingRoute(error) ? (
          <Unavailable what={t('nav.followUps')} />
        ) : error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<FollowUp> rowKey="id" loading={!rows} columns={columns} dataSource={rows ?? []} cardLabel={(r) => t('tickets.ticketTitle', { number: r.ticket.number })} />
        )}
      </Card>
      <Modal
        open={Boolean(completing)}
        title={t('oversight.complete')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={isSaving}
        onOk={() => form.submit()}
        onCancel={() => setCompleting(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ isSatisfied: true }} onFinish={(v) => void complete(v)}>
          {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
          <Form.Item label={t('tickets.actionForm.outcome')} name="outcome" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item label={t('oversight.isSatisfied')} name="isSatisfied">
            <Radio.Group
              options={[
                { value: true, label: t('oversight.satisfied') },
                { value: false, label: t('oversight.unsatisfied') },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
