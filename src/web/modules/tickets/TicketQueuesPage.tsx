import { useEffect, useMemo, useState } from 'react';
import { App, Badge, Button, Card, DatePicker, Input, Select, Space, Tabs } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime, fromPickerDate, toPickerDate } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { RegionPicker } from '../regions/RegionPicker';
import {
  DISPUTE_CATEGORIES,
  downloadExport,
  isMissingRoute,
  listTickets,
  SERVICE_TYPES,
  TICKET_STATUSES,
  ticketMenu,
  type Queue,
  type Ticket,
  type TicketQuery,
} from './api';
import { categoryName, DueCell, PriorityTag, StatusTag } from './components';

const PAGE_SIZE = 20;
const BOARD: Queue[] = ['unassigned', 'due_soon', 'overdue', 'bounced', 'supervised'];
const FILTER_KEYS = ['number', 'phone', 'name', 'category', 'serviceType', 'status', 'due', 'from', 'to', 'regionCode'] as const;
/** The deadline filter (the home page's "mine, due soon" and "mine, overdue" open the mine queue with it). */
const DUE_FILTERS = ['due_soon', 'overdue'] as const;

export default function TicketQueuesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const menu = ticketMenu(me);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();

  const queues: Queue[] = useMemo(() => ['mine', 'unit', ...(menu.seesBoard ? BOARD : []), 'all'], [menu.seesBoard]);
  const requested = params.get('queue') as Queue | null;
  const queue: Queue = requested && queues.includes(requested) ? requested : menu.seesBoard ? 'unassigned' : 'mine';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const filters = useMemo(() => {
    const f: Partial<Record<(typeof FILTER_KEYS)[number], string>> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v && (k !== 'phone' || me.abilities.searchByPhone)) f[k] = v;
    }
    return f;
  }, [params, me.abilities.searchByPhone]);
  const filterKey = JSON.stringify(filters);

  const [data, setData] = useState<{ items: Ticket[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [counts, setCounts] = useState<Partial<Record<Queue, number>>>({});
  const [isExporting, setExporting] = useState(false);
  const [text, setText] = useState({ number: filters.number ?? '', phone: filters.phone ?? '', name: filters.name ?? '' });

  const query: TicketQuery = useMemo(() => ({ queue, ...(JSON.parse(filterKey) as object) }), [queue, filterKey]);

  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    listTickets({ ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((result) => {
        if (!isCurrent) return;
        setData(result);
        setError(undefined);
      })
      .catch((e) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [query, page]);

  useEffect(() => {
    // The tab counts: one tiny request per queue, unfiltered, so the board shows its load at a glance.
    let isCurrent = true;
    Promise.all(queues.filter((q) => q !== 'all').map((q) => listTickets({ queue: q, limit: 1 }).then((r) => [q, r.total] as const).catch(() => [q, undefined] as const)))
      .then((pairs) => isCurrent && setCounts(Object.fromEntries(pairs.filter(([, n]) => n !== undefined))))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [queues, data]);

  function update(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    if (!('page' in next)) merged.delete('page');
    setParams(merged, { replace: true });
  }

  async function exportExcel() {
    setExporting(true);
    try {
      await downloadExport(query);
    } catch (e) {
      message.error(isMissingRoute(e) ? t('tickets.unavailable', { what: t('tickets.export') }) : errorMessage(t, e));
    } finally {
      setExporting(false);
    }
  }

  const columns: ColumnType<Ticket>[] = [
    {
      title: t('tickets.number'),
      dataIndex: 'number',
      render: (n: string, r) => (
        <Space size={4} wrap>
          <Link to={`/workbench/tickets/${r.id}`} className="nowrap">
            {n}
          </Link>
          <PriorityTag ticket={r} />
        </Space>
      ),
    },
    { title: t('tickets.serviceType'), dataIndex: 'serviceType', className: 'nowrap', render: (s: string) => t(`services.${s}`) },
    { title: t('tickets.category'), dataIndex: 'category', className: 'nowrap', render: (c: string) => categoryName(t, c) },
    { title: t('tickets.applicantName'), key: 'applicant', className: 'nowrap', render: (_, r) => r.applicant.name },
    { title: t('tickets.region'), key: 'region', render: (_, r) => r.region.name },
    { title: t('tickets.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('tickets.handler'),
      key: 'handler',
      render: (_, r) => [r.unit?.name, r.assignee?.displayName].filter(Boolean).join(' · ') || '—',
    },
    { title: t('tickets.nextDue'), key: 'due', className: 'nowrap', render: (_, r) => <DueCell ticket={r} /> },
    { title: t('tickets.createdAt'), dataIndex: 'createdAt', className: 'nowrap', render: (v: string) => formatDateTime(v) },
  ];

  // The range is two Beijing dates (the server reads from/to as Beijing days), picked as shown.
  const range: [Dayjs, Dayjs] | null = filters.from && filters.to ? [toPickerDate(filters.from), toPickerDate(filters.to)] : null;

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportExcel()} loading={isExporting}>
              {t('tickets.export')}
            </Button>
            {menu.canTakeIn && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/workbench/tickets/new')}>
                {t('nav.ticketIntake')}
              </Button>
            )}
          </Space>
        }
      >
        {t('nav.tickets')}
      </PageTitle>
      <Card>
        <Tabs
          activeKey={queue}
          onChange={(key) => update({ queue: key })}
          items={queues.map((q) => ({
            key: q,
            label: (
              <span>
                {t(`tickets.queues.${q}`)}{' '}
                {counts[q] !== undefined && (
                  <Badge
                    count={counts[q]}
                    showZero
                    overflowCount={9999}
                    color={q === 'overdue' && counts[q] ? '#cf1322' : '#8c8c8c'}
                    aria-label={t('common.total', { count: counts[q] })}
                  />
                )}
              </span>
            ),
          }))}
        />
        <Space wrap style={{ marginBottom: 16 }} role="search" aria-label={t('tickets.filters')}>
          <Input.Search
            aria-label={t('tickets.number')}
            placeholder={t('tickets.number')}
            allowClear
            value={text.number}
            onChange={(e) => {
              setText({ ...text, number: e.target.value });
              if (!e.target.value) update({ number: undefined });
            }}
            onSearch={(v) => update({ number: v.trim() || undefined })}
            style={{ width: 200 }}
          />
          {/* Only accounts that see phones in full may search by one (a masked number must not be recoverable by trying). */}
          {me.abilities.searchByPhone && (
            <Input.Search
              aria-label={t('tickets.phone')}
              placeholder={t('tickets.phone')}
              allowClear
              value={text.phone}
              onChange={(e) => {
                setText({ ...text, phone: e.target.value });
                if (!e.target.value) update({ phone: undefined });
              }}
              onSearch={(v) => update({ phone: v.trim() || undefined })}
              style={{ width: 180 }}
            />
          )}
          <Input.Search
            aria-label={t('tickets.applicantName')}
            placeholder={t('tickets.applicantName')}
            allowClear
            value={text.name}
            onChange={(e) => {
              setText({ ...text, name: e.target.value });
              if (!e.target.value) update({ name: undefined });
            }}
            onSearch={(v) => update({ name: v.trim() || undefined })}
            style={{ width: 160 }}
          />
          <Select
            aria-label={t('tickets.category')}
            placeholder={t('tickets.category')}
            allowClear
            style={{ minWidth: 130 }}
            value={filters.category}
            onChange={(v) => update({ category: v })}
            options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))}
          />
          <Select
            aria-label={t('tickets.serviceType')}
            placeholder={t('tickets.serviceType')}
            allowClear
            style={{ minWidth: 140 }}
            value={filters.serviceType}
            onChange={(v) => update({ serviceType: v })}
            options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))}
          />
          <Select
            aria-label={t('tickets.status')}
            placeholder={t('tickets.status')}
            allowClear
            style={{ minWidth: 120 }}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`tickets.statuses.${s}`) }))}
          />
          <Select
            aria-label={t('tickets.limit')}
            placeholder={t('tickets.limit')}
            allowClear
            style={{ minWidth: 120 }}
            value={filters.due}
            onChange={(v) => update({ due: v })}
            options={DUE_FILTERS.map((d) => ({ value: d, label: t(`tickets.dueStates.${d}`) }))}
          />
          <DatePicker.RangePicker
            aria-label={t('tickets.dateRange')}
            value={range}
            onChange={(v) =>
              update({ from: v?.[0] ? fromPickerDate(v[0]) : undefined, to: v?.[1] ? fromPickerDate(v[1]) : undefined })
            }
            placeholder={[t('tickets.from'), t('tickets.to')]}
          />
          <div style={{ minWidth: 220 }}>
            <RegionPicker aria-label={t('tickets.region')} value={filters.regionCode} onChange={(v) => update({ regionCode: v })} />
          </div>
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<Ticket>
            rowKey="id"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            cardLabel={(r) => t('tickets.ticketTitle', { number: r.number })}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
            }}
          />
        )}
      </Card>
    </>
  );
}
