import { useEffect, useState } from 'react';
import { Card, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { isMissingRoute } from '../tickets/api';
import { Unavailable } from '../tickets/components';
import { listNotifications, type NotificationMessage } from './api';

/** 消息记录: what the development channel "sent", so admins can read the messages citizens would get. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<NotificationMessage[]>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    listNotifications({ limit: 200 })
      .then((r) => setRows(r.items))
      .catch(setError);
  }, []);

  const columns: TableColumnsType<NotificationMessage> = [
    { title: t('audit.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 170 },
    {
      title: t('tickets.number'),
      key: 'ticket',
      render: (_, r) => (r.ticket ? <Link to={`/workbench/tickets/${r.ticket.id}`}>{r.ticket.number}</Link> : '—'),
    },
    {
      title: t('oversight.channel'),
      key: 'channel',
      render: (_, r) => [r.channel, r.deliveredVia].filter(Boolean).join(' / '),
    },
    { title: t('oversight.recipient'), dataIndex: 'recipient' },
    { title: t('oversight.template'), dataIndex: 'template', render: (v: string) => t(`oversight.templates.${v}`, { defaultValue: v }) },
    { title: t('oversight.content'), dataIndex: 'text' },
    {
      title: t('oversight.state'),
      key: 'state',
      render: (_, r) => (
        <>
          <Tag color={r.state === 'sent' ? 'green' : r.state === 'failed' ? 'red' : 'default'}>{t(`oversight.sendStates.${r.state}`, { defaultValue: r.state })}</Tag>
          {r.lastError && <div style={{ color: '#cf1322' }}>{r.lastError}</div>}
        </>
      ),
    },
    { title: t('oversight.attempts'), dataIndex: 'attempts', align: 'right' },
  ];

  return (
    <>
      <PageTitle>{t('nav.notifications')}</PageTitle>
      <Card>
        {isMissingRoute(error) ? (
          <Unavailable what={t('nav.notifications')} />
        ) : error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<NotificationMessage> rowKey="id" loading={!rows} columns={columns} dataSource={rows ?? []} scroll={{ x: 900 }} />
        )}
      </Card>
    </>
  );
}
