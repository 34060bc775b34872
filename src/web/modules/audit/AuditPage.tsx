import { useEffect, useState } from 'react';
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { listAudit, type AuditEntry } from './api';

const PAGE_SIZE = 50;

export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: AuditEntry[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);

  useEffect(() => {
    if (!me.abilities.readAudit) return;
    let isCurrent = true;
    setLoading(true);
    listAudit({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((d) => {
        if (isCurrent) {
          setData(d);
          setError(undefined);
        }
      })
      .catch((e) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [page, me.abilities.readAudit]);

  if (!me.abilities.readAudit) {
    return <ErrorResult error={new ApiError(403, { code: 'FORBIDDEN', message: '' })} backTo="/workbench" />;
  }

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => formatDateTime(v) },
    { title: t('audit.actor'), dataIndex: 'actorUsername', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => t(`audit.actions.${v}`, { defaultValue: v }) },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) => (
        <>
          {t(`audit.entities.${e.entityType}`, { defaultValue: e.entityType })}
          {e.entityId && <Typography.Text type="secondary"> {e.entityId}</Typography.Text>}
        </>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageTitle>{t('nav.audit')}</PageTitle>
      <Card>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 800 }}
            expandable={{
              rowExpandable: (e) => e.detail !== null && e.detail !== undefined,
              expandedRowRender: (e) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: '0.85em' }}>{JSON.stringify(e.detail, null, 2)}</pre>
              ),
            }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: setPage,
            }}
          />
        )}
      </Card>
    </>
  );
}
