import { useCallback, useEffect, useState } from 'react';
import { Card, Select, Space } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime, formatDeadline } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { AID_CASE_STATUSES, listAidCases, type AidCase, type AidCaseStatus } from './aid-cases-api';
import { AidStatusTag } from './AidCasePanel';

const PAGE_SIZE = 20;

/** 法律援助案件: the cases of this account's scope; each opens on its ticket's page, where the case panel is. */
export default function AidCaseListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status') as AidCaseStatus | null;
  const status = requested && AID_CASE_STATUSES.includes(requested) ? requested : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: AidCase[]; total: number }>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(() => {
    setData(undefined);
    listAidCases({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [status, page]);
  useEffect(load, [load]);

  const columns: ColumnType<AidCase>[] = [
    {
      title: t('aidCases.number'),
      key: 'number',
      render: (_, c) => (
        <Link to={`/workbench/tickets/${c.ticketId}`} className="nowrap">
          {c.ticket.number}
        </Link>
      ),
    },
    { title: t('aidCases.status'), key: 'status', render: (_, c) => <AidStatusTag status={c.status} /> },
    { title: t('aidCases.applicant'), key: 'applicant', className: 'nowrap', render: (_, c) => c.ticket.applicantName },
    { title: t('tickets.category'), key: 'category', className: 'nowrap', render: (_, c) => c.ticket.category },
    { title: t('aidCases.region'), key: 'region', className: 'nowrap', render: (_, c) => c.station?.name ?? c.region.name },
    { title: t('aidCases.nextDue'), key: 'nextDue', className: 'nowrap', render: (_, c) => (c.nextDueAt ? formatDeadline(c.nextDueAt) : '—') },
    { title: t('aidCases.appliedAt'), key: 'appliedAt', className: 'nowrap', render: (_, c) => formatDateTime(String((c.state as { appliedAt?: string }).appliedAt ?? c.createdAt)) },
  ];

  return (
    <>
      <PageTitle>{t('aidCases.title')}</PageTitle>
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <label htmlFor="aid-status">{t('aidCases.status')}</label>
          <Select
            id="aid-status"
            style={{ minWidth: 180 }}
            value={status ?? ''}
            onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
            options={[{ value: '', label: t('aidCases.all') }, ...AID_CASE_STATUSES.map((s) => ({ value: s, label: t(`aidCases.statuses.${s}`) }))]}
          />
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<AidCase>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('aidCases.empty') }}
            cardLabel={(c) => c.ticket.number}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              onChange: (p) => setParams({ ...(status ? { status } : {}), page: String(p) }, { replace: true }),
            }}
          />
        )}
      </Card>
    </>
  );
}
