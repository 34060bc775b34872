import { useCallback, useEffect, useState } from 'react';
import { Alert as Notice, App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Timeline } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { SEVERITY_COLOURS, STATE_COLOURS, actOnAlert, alertSubject, getAlert, type AlertAction, type AlertDetail } from './api';

type AlertTicket = AlertDetail['tickets'][number];
const ACTIONS: AlertAction[] = ['acknowledge', 'handle', 'close'];

/** One alert: what clustered where, the tickets behind it, its steps, and the steps the actor may take now. */
export default function EarlyWarningDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const [alert, setAlert] = useState<AlertDetail>();
  const [error, setError] = useState<unknown>();
  const [acting, setActing] = useState<AlertAction>();
  const [form] = Form.useForm<{ note?: string }>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  const load = useCallback(() => {
    getAlert(id).then(setAlert, setError);
  }, [id]);
  useEffect(load, [load]);

  async function act(values: { note?: string }) {
    if (!acting) return;
    setSaving(true);
    setFormError(undefined);
    try {
      const note = values.note?.trim();
      setAlert(await actOnAlert(id, { action: acting, ...(note ? { note } : {}) }));
      message.success(t(`earlyWarning.done.${acting}`));
      setActing(undefined);
    } catch (e) {
      setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  if (error) return <ErrorResult error={error} />;
  if (!alert) return <Card loading />;

  const columns: ColumnType<AlertTicket>[] = [
    { title: t('tickets.number'), key: 'number', render: (_, r) => <Link to={`/workbench/tickets/${r.id}`} className="nowrap">{r.number}</Link> },
    { title: t('earlyWarning.category'), dataIndex: 'category', className: 'nowrap' },
    { title: t('earlyWarning.place'), key: 'region', render: (_, r) => r.region.name },
    { title: t('earlyWarning.applicant'), dataIndex: 'applicantName', className: 'nowrap' },
    { title: t('earlyWarning.createdAt'), dataIndex: 'createdAt', className: 'nowrap', render: (v: string) => formatDateTime(v) },
  ];
  const step = (s: { by: { name: string } | null; at: string } | null) => (s ? `${s.by?.name ?? '—'} ${formatDateTime(s.at)}` : '—');

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {ACTIONS.filter((a) => alert.abilities[a]).map((a) => (
              <Button key={a} type={a === 'close' ? 'primary' : 'default'} onClick={() => { form.resetFields(); setFormError(undefined); setActing(a); }}>
                {t(`earlyWarning.actions.${a}`)}
              </Button>
            ))}
          </Space>
        }
      >
        {t('earlyWarning.detailTitle', { subject: alertSubject(alert), place: alert.region.name })}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('earlyWarning.state')}>
            <Tag color={STATE_COLOURS[alert.state]} data-testid="alert-state" data-state={alert.state}>{t(`earlyWarning.states.${alert.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.severity')}><Tag color={SEVERITY_COLOURS[alert.severity]}>{t(`earlyWarning.severities.${alert.severity}`)}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.kind')}>{t(`earlyWarning.kinds.${alert.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.place')}>{alert.region.name}</Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.counts')}>{t('earlyWarning.countsValue', { applicants: alert.applicantCount, tickets: alert.ticketCount })}</Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.window')}>{`${formatDateTime(alert.windowStart)} – ${formatDateTime(alert.windowEnd)}`}</Descriptions.Item>
          {alert.baseline && (
            <Descriptions.Item label={t('earlyWarning.baseline')}>
              {t('earlyWarning.baselineValue', { mean: alert.baseline.mean, z: alert.baseline.z ?? '—' })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('earlyWarning.acknowledged')}>{step(alert.acknowledged)}</Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.handling')}>{step(alert.handling)}</Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.closed')}>{step(alert.closed)}</Descriptions.Item>
          <Descriptions.Item label={t('earlyWarning.recipients')}>
            {[...alert.recipients.accounts.map((a) => a.name), ...alert.recipients.committees.map((c) => c.name)].join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('earlyWarning.tickets')} style={{ marginBottom: 16 }}>
        <RecordTable<AlertTicket> rowKey="id" columns={columns} dataSource={alert.tickets} cardLabel={(r) => t('tickets.ticketTitle', { number: r.number })} pagination={false} />
      </Card>
      <Card title={t('earlyWarning.steps')}>
        {alert.notes.length === 0 ? (
          t('earlyWarning.noSteps')
        ) : (
          <Timeline
            items={alert.notes.map((n, i) => ({
              key: i,
              children: (
                <>
                  <strong>{t(`earlyWarning.actions.${n.action}`)}</strong> {n.by ?? '—'} {formatDateTime(n.at)}
                  {n.note && <div>{n.note}</div>}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <Modal
        open={Boolean(acting)}
        title={acting ? t(`earlyWarning.actions.${acting}`) : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={isSaving}
        onOk={() => form.submit()}
        onCancel={() => setActing(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void act(v)}>
          {formError && <Notice type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
          <Form.Item
            label={t('earlyWarning.note')}
            name="note"
            rules={acting === 'close' ? [{ required: true, whitespace: true, message: t('earlyWarning.noteRequired') }, { max: 1000 }] : [{ max: 1000 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
