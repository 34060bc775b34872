import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Form, Grid, Input, Pagination, Select, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime, fromPickerDate, toPickerDate } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { AccountPicker } from '../accounts/AccountPicker';
import { getTicketAudit, type TicketAudit } from '../tickets/api';
import { ChainBadge, TicketTimeline } from '../tickets/TicketTimeline';
import { AUDIT_FILTER_KEYS, listAudit, type AuditEntry, type AuditFilter, type AuditPage as AuditList } from './api';

const PAGE_SIZE = 50;

/** The filters in the URL, so a view can be shared. */
function filterOf(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filter[key] = value;
  }
  return filter;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** The action in words; an unknown code (written after this build) shows as it is. */
export const actionLabel = (t: TFunction, action: string) => t(`audit.actions.${action}`, { defaultValue: action });
const entityTypeLabel = (t: TFunction, type: string) => t(`audit.entities.${type}`, { defaultValue: type });

/** What the object is called: its owner's name for it, else words built from the entry's detail, else its id. */
function objectName(t: TFunction, e: AuditEntry): string | undefined {
  if (e.entityLabel) return e.entityLabel;
  const d = e.detail ?? {};
  if (e.entityType === 'service_settings' && d.serviceType) {
    return t('audit.settingsOf', { region: text(d.regionName) ?? '', service: t(`services.${String(d.serviceType)}`, { defaultValue: String(d.serviceType) }) });
  }
  if (e.entityType === 'regional_holidays' && d.year) return t('audit.regionalYearOf', { region: text(d.regionName) ?? '', year: text(d.year) });
  if (e.entityType === 'holiday_year' && (d.year || e.entityId)) return t('audit.yearOf', { year: text(d.year) ?? e.entityId });
  if (e.entityType === 'venue' && d.name) return text(d.name);
  return e.entityId ?? undefined;
}

/** Where the object lives in the workbench, if it has a page. */
function objectLink(e: AuditEntry): string | undefined {
  if (!e.entityId) return undefined;
  const id = encodeURIComponent(e.entityId);
  switch (e.entityType) {
    case 'ticket':
      return `/workbench/tickets/${id}`;
    case 'venue':
      return `/workbench/venues/${id}`;
    case 'account':
      return e.entitySecondary ? `/workbench/accounts?q=${encodeURIComponent(e.entitySecondary)}` : undefined;
    case 'region':
      return '/workbench/regions';
    case 'service_settings':
      return '/workbench/settings/services';
    case 'holiday_year':
    case 'regional_holidays':
      return '/workbench/calendar';
    default:
      return undefined;
  }
}

function Actor({ entry: e }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (e.actorKind === 'system') return <span>{t('audit.system')}</span>;
  // A sign-in is written before there is a session: it names the account it was for, if any.
  if (e.actorKind === 'anonymous' && !e.actorName) {
    return (
      <span>
        {t('audit.anonymous')}
        {e.actorUsername && <Typography.Text type="secondary"> · {t('audit.claimed', { username: e.actorUsername })}</Typography.Text>}
      </span>
    );
  }
  return (
    <span title={e.actorUsername ?? undefined}>
      {e.actorName ?? e.actorUsername ?? '—'}
      {e.actorName && e.actorUsername && <Typography.Text type="secondary"> ({e.actorUsername})</Typography.Text>}
    </span>
  );
}

function ObjectCell({ entry: e, onOnly }: { entry: AuditEntry; onOnly: (e: AuditEntry) => void }) {
  const { t } = useTranslation();
  const name = objectName(t, e);
  const link = objectLink(e);
  return (
    <span>
      <Typography.Text type="secondary">{entityTypeLabel(t, e.entityType)}</Typography.Text>
      {name && (
        <>
          {' '}
          {link ? <Link to={link}>{name}</Link> : <span>{name}</span>}
          {e.entitySecondary && e.entitySecondary !== name && <Typography.Text type="secondary"> ({e.entitySecondary})</Typography.Text>}
        </>
      )}
      {e.entityId && (
        <Button type="link" size="small" onClick={() => onOnly(e)} aria-label={`${t('audit.showEntries')}: ${name ?? e.entityId}`}>
          {t('audit.showEntries')}
        </Button>
      )}
    </span>
  );
}

function Detail({ entry: e }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (!e.detail || Object.keys(e.detail).length === 0) return null;
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>{t('audit.detail')}</summary>
      <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: '0.85em' }}>{JSON.stringify(e.detail, null, 2)}</pre>
    </details>
  );
}

type FormValues = { actorIds?: string[]; actor?: string; action?: string; entityType?: string; entity?: string; range?: [Dayjs | null, Dayjs | null] | null };

/** 审计日志: who did what to which object, in words, filtered by person, action, object and Beijing day. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.md === false;
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterOf(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<AuditList>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [ticketAudit, setTicketAudit] = useState<{ id: string; audit?: TicketAudit; error?: unknown }>();
  const canPickAccounts = me.abilities.manageAccounts;
  const query = params.toString();

  useEffect(() => {
    if (!me.abilities.readAudit) return;
    let isCurrent = true;
    setLoading(true);
    listAudit({ ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((d) => {
        if (!isCurrent) return;
        setData(d);
        setError(undefined);
      })
      .catch((e) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
    // `query` (the URL) stands for the filter and the page.
  }, [query, me.abilities.readAudit]);

  // A filtered ticket: its own trail (受理、分配、办理…), which lives with the ticket, not in this log.
  const ticketId = data?.subject?.entityType === 'ticket' ? data.subject.entityId : undefined;
  useEffect(() => {
    if (!ticketId) return;
    let isCurrent = true;
    setTicketAudit({ id: ticketId });
    getTicketAudit(ticketId)
      .then((audit) => isCurrent && setTicketAudit({ id: ticketId, audit }))
      .catch((e) => isCurrent && setTicketAudit({ id: ticketId, error: e }));
    return () => {
      isCurrent = false;
    };
  }, [ticketId]);

  const actionGroups = useMemo(() => {
    const tree = t('audit.actions', { returnObjects: true }) as Record<string, Record<string, string>>;
    return Object.entries(tree).map(([group, actions]) => ({
      label: t(`audit.actionGroups.${group}`, { defaultValue: group }),
      title: t(`audit.actionGroups.${group}`, { defaultValue: group }),
      options: Object.entries(actions).map(([code, label]) => ({ value: `${group}.${code}`, label })),
    }));
  }, [t, i18n.language]);
  const entityTypes = useMemo(
    () => Object.entries(t('audit.entities', { returnObjects: true }) as Record<string, string>).map(([value, label]) => ({ value, label })),
    [t, i18n.language],
  );

  if (!me.abilities.readAudit) {
    return <ErrorResult error={new ApiError(403, { code: 'FORBIDDEN', message: '' })} backTo="/workbench" />;
  }

  function apply(next: AuditFilter, nextPage = 1) {
    const out = new URLSearchParams();
    for (const key of AUDIT_FILTER_KEYS) if (next[key]) out.set(key, next[key]!);
    if (nextPage > 1) out.set('page', String(nextPage));
    setParams(out);
  }

  function submit(v: FormValues) {
    const [from, to] = v.range ?? [];
    const keepsEntityId = filter.entityId && v.entityType === filter.entityType && !v.entity;
    apply({
      actorId: canPickAccounts ? v.actorIds?.at(-1) : undefined,
      actor: canPickAccounts ? undefined : v.actor?.trim() || undefined,
      action: v.action,
      entityType: v.entityType,
      entityId: keepsEntityId ? filter.entityId : undefined,
      entity: v.entity?.trim() || undefined,
      from: from ? fromPickerDate(from) : undefined,
      to: to ? fromPickerDate(to) : undefined,
    });
  }

  const onlyThis = (e: AuditEntry) => apply({ entityType: e.entityType, entityId: e.entityId ?? undefined });

  const initial: FormValues = {
    actorIds: filter.actorId ? [filter.actorId] : [],
    actor: filter.actor,
    action: filter.action,
    entityType: filter.entityType,
    entity: filter.entity ?? (filter.entityId ? (data?.subject?.label ?? filter.entityId) : undefined),
    range: filter.from || filter.to ? [filter.from ? toPickerDate(filter.from) : null, filter.to ? toPickerDate(filter.to) : null] : null,
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <time dateTime={v}>{formatDateTime(v)}</time> },
    { title: t('audit.actor'), key: 'actor', width: 200, render: (_, e) => <Actor entry={e} /> },
    { title: t('audit.action'), dataIndex: 'action', width: 180, render: (v: string) => <span title={v}>{actionLabel(t, v)}</span> },
    { title: t('audit.entity'), key: 'entity', render: (_, e) => <ObjectCell entry={e} onOnly={onlyThis} /> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('audit.detail'), key: 'detail', width: 220, render: (_, e) => <Detail entry={e} /> },
  ];

  const pager = (
    <Pagination
      current={page}
      pageSize={PAGE_SIZE}
      total={data?.total ?? 0}
      showSizeChanger={false}
      size={isNarrow ? 'small' : undefined}
      showTotal={(total) => t('common.total', { count: total })}
      onChange={(p) => apply(filter, p)}
      style={{ marginTop: 16, textAlign: 'end' }}
    />
  );

  let results: ReactNode;
  if (error) results = <ErrorResult error={error} />;
  else if (isNarrow) {
    results = (
      <Spin spinning={isLoading}>
        {data && data.items.length === 0 ? (
          <Empty description={t('audit.noEntries')} />
        ) : (
          <ul aria-label={t('nav.audit')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
            {data?.items.map((e) => (
              <li key={e.id}>
                <Card size="small" styles={{ body: { padding: 12 } }}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                    <strong>{actionLabel(t, e.action)}</strong>
                    <time dateTime={e.at} style={{ color: '#666' }}>{formatDateTime(e.at)}</time>
                  </div>
                  <div>
                    <Actor entry={e} />
                    {e.ip && <Typography.Text type="secondary"> · {e.ip}</Typography.Text>}
                  </div>
                  <div style={{ overflowWrap: 'anywhere' }}>
                    <ObjectCell entry={e} onOnly={onlyThis} />
                  </div>
                  <Detail entry={e} />
                </Card>
              </li>
            ))}
          </ul>
        )}
        {pager}
      </Spin>
    );
  } else {
    results = (
      <>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('audit.noEntries') }}
          pagination={false}
        />
        {pager}
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('nav.audit')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <section aria-label={t('audit.filters')} role="search">
          <Form<FormValues> key={query + (data?.subject?.label ?? '')} layout={isNarrow ? 'vertical' : 'inline'} initialValues={initial} onFinish={submit} style={{ rowGap: 8 }}>
            {canPickAccounts ? (
              <Form.Item name="actorIds" label={t('audit.person')} htmlFor="audit-person" style={{ minWidth: isNarrow ? undefined : 240 }}>
                <AccountPicker
                  id="audit-person"
                  aria-label={t('audit.person')}
                  known={filter.actorId && data?.items.find((e) => e.actorId === filter.actorId) ? [personOf(data.items.find((e) => e.actorId === filter.actorId)!)] : []}
                />
              </Form.Item>
            ) : (
              <Form.Item name="actor" label={t('audit.person')} htmlFor="audit-person">
                <Input id="audit-person" placeholder={t('audit.personPlaceholder')} allowClear maxLength={64} />
              </Form.Item>
            )}
            <Form.Item name="action" label={t('audit.action')} htmlFor="audit-action">
              <Select
                id="audit-action"
                aria-label={t('audit.action')}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('audit.anyAction')}
                options={actionGroups}
                style={{ minWidth: 200 }}
              />
            </Form.Item>
            <Form.Item name="entityType" label={t('audit.entityType')} htmlFor="audit-entity-type">
              <Select id="audit-entity-type" aria-label={t('audit.entityType')} allowClear placeholder={t('audit.anyEntityType')} options={entityTypes} style={{ minWidth: 140 }} />
            </Form.Item>
            <Form.Item name="entity" label={t('audit.entityText')} htmlFor="audit-entity">
              <Input id="audit-entity" placeholder={t('audit.entityTextPlaceholder')} allowClear maxLength={100} />
            </Form.Item>
            <Form.Item name="range" label={t('audit.dateRange')} htmlFor="audit-from">
              <DatePicker.RangePicker id={{ start: 'audit-from', end: 'audit-to' }} allowEmpty={[true, true]} placeholder={[t('audit.from'), t('audit.to')]} />
            </Form.Item>
            <Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit">
                  {t('audit.search')}
                </Button>
                <Button onClick={() => apply({})}>{t('audit.reset')}</Button>
              </Space>
            </Form.Item>
          </Form>
        </section>
      </Card>
      {filter.entityType === 'ticket' && !ticketId && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('audit.ticketEventsHint')} />}
      {ticketId && (
        <Card
          style={{ marginBottom: 16 }}
          title={<h2 style={{ fontSize: '1.1em', margin: 0 }}>{t('audit.ticketTimeline', { number: data?.subject?.label ?? ticketId })}</h2>}
          extra={<Link to={`/workbench/tickets/${encodeURIComponent(ticketId)}`}>{t('audit.openTicket')}</Link>}
        >
          <Typography.Paragraph type="secondary">{t('audit.ticketTimelineHint')}</Typography.Paragraph>
          {ticketAudit?.audit && <ChainBadge audit={ticketAudit.audit} />}
          <div style={{ marginTop: 12 }}>
            <TicketTimeline audit={ticketAudit?.id === ticketId ? ticketAudit.audit : undefined} error={ticketAudit?.id === ticketId ? ticketAudit.error : undefined} />
          </div>
        </Card>
      )}
      <Card>{results}</Card>
    </>
  );
}

function personOf(e: AuditEntry) {
  return { id: e.actorId!, username: e.actorUsername ?? '', displayName: e.actorName ?? e.actorUsername ?? '' };
}
