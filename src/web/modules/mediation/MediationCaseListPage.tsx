import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Select, Space } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime, formatDeadline } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { listMediationCases, MEDIATION_CASE_STATUSES, type MediationCase, type MediationCaseStatus } from './mediation-api';
import { MediationStatusTag } from './MediationCasePanel';

const PAGE_SIZE = 20;

/** 人民调解案件: the cases of this account's scope; each opens on its ticket's page, where the case panel is. */
export default function MediationCaseListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status') as MediationCaseStatus | null;
  const status = requested && MEDIATION_CASE_STATUSES.includes(requested) ? requested : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: MediationCase[]; total: number }>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(() => {
    setData(undefined);
    listMediationCases({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [status, page]);
  useEffect(load, [load]);

  const columns: ColumnType<MediationCase>[] = [
    { title: t('mediation.number'), key: 'number', render: (_, c) => <Link to={`/workbench/tickets/${c.ticketId}`} className="nowrap">{c.ticket.number}</Link> },
    { title: t('mediation.status'), key: 'status', render: (_, c) => <MediationStatusTag status={c.status} /> },
    { title: t('mediation.applicant'), key: 'applicant', className: 'nowrap', render: (_, c) => c.ticket.applicantName },
    { title: t('tickets.category'), key: 'category', className: 'nowrap', render: (_, c) => c.ticket.category },
    { title: t('mediation.committee'), key: 'committee', render: (_, c) => c.committee.name },
    { title: t('mediation.nextDue'), key: 'nextDue', className: 'nowrap', render: (_, c) => (c.nextDueAt ? formatDeadline(c.nextDueAt) : '—') },
    { title: t('mediation.appliedAt'), key: 'appliedAt', className: 'nowrap', render: (_, c) => formatDateTime(String((c.state as { appliedAt?: string }).appliedAt ?? c.createdAt)) },
  ];

  return (
    <>
      <PageTitle>{t('mediation.title')}</PageTitle>
      <Card>
        <Alert type="info" showIcon message={t('mediation.free')} style={{ marginBottom: 12 }} />
        <Space style={{ marginBottom: 12 }}>
          <label htmlFor="mediation-status">{t('mediation.status')}</label>
          <Select
            id="mediation-status"
            style={{ minWidth: 180 }}
            value={status ?? ''}
            onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
            options={[{ value: '', label: t('mediation.all') }, ...MEDIATION_CASE_STATUSES.map((s) => ({ value: s, label: t(`mediation.statuses.${s}`) }))]}
          />
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<MediationCase>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('mediation.empty') }}
            cardLabel={(c) => c.ticket.number}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (p) => setParams({ ...(status ? { status } : {}), page: String(p) }, { replace: true }) }}
          />
        )}
      </Card>
    </>
  );
}
