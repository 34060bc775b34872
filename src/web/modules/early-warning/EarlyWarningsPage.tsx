import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Select, Space, Tabs, Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import {
  ALERT_KINDS,
  ALERT_STATE_FILTERS,
  SEVERITY_COLOURS,
  STATE_COLOURS,
  alertSubject,
  listAlerts,
  mayScanAlerts,
  scanAlerts,
  type Alert,
  type AlertKindFilter,
  type AlertStateFilter,
} from './api';

/** 矛盾纠纷预警: the alerts of the actor's region, most severe first; the scan on demand for supervisors and admins. */
export default function EarlyWarningsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const requested = params.get('state') as AlertStateFilter | null;
  const state: AlertStateFilter = requested && ALERT_STATE_FILTERS.includes(requested) ? requested : 'live';
  const kindParam = params.get('kind') as AlertKindFilter | null;
  const kind = kindParam && ALERT_KINDS.includes(kindParam) ? kindParam : undefined;
  const [rows, setRows] = useState<Alert[]>();
  const [error, setError] = useState<unknown>();
  const [isScanning, setScanning] = useState(false);

  const load = useCallback(() => {
    setRows(undefined);
    listAlerts({ state, kind, limit: 200 })
      .then((r) => {
        setRows(r.items);
        setError(undefined);
      })
      .catch(setError);
  }, [state, kind]);
  useEffect(load, [load]);

  async function scan() {
    setScanning(true);
    try {
      const report = await scanAlerts();
      message.success(t('earlyWarning.scanned', report));
      load();
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setScanning(false);
    }
  }

  const setFilter = (next: Record<string, string | undefined>) => {
    const merged = { state, kind, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)) as Record<string, string>, { replace: true });
  };

  const columns: ColumnType<Alert>[] = [
    {
      title: t('earlyWarning.subject'),
      key: 'subject',
      render: (_, r) => (
        <Link to={`/workbench/early-warnings/${r.id}`} aria-label={t('earlyWarning.open', { subject: alertSubject(r), place: r.region.name })}>
          {alertSubject(r)}
        </Link>
      ),
    },
    { title: t('earlyWarning.severity'), dataIndex: 'severity', className: 'nowrap', render: (v: string) => <Tag color={SEVERITY_COLOURS[v]}>{t(`earlyWarning.severities.${v}`)}</Tag> },
    { title: t('earlyWarning.kind'), dataIndex: 'kind', className: 'nowrap', render: (v: string) => t(`earlyWarning.kinds.${v}`) },
    { title: t('earlyWarning.place'), key: 'place', render: (_, r) => r.region.name },
    { title: t('earlyWarning.counts'), key: 'counts', className: 'nowrap', render: (_, r) => t('earlyWarning.countsValue', { applicants: r.applicantCount, tickets: r.ticketCount }) },
    { title: t('earlyWarning.state'), dataIndex: 'state', className: 'nowrap', render: (v: string) => <Tag color={STATE_COLOURS[v]} data-state={v}>{t(`earlyWarning.states.${v}`)}</Tag> },
    { title: t('earlyWarning.raisedAt'), dataIndex: 'createdAt', className: 'nowrap', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageTitle
        extra={
          mayScanAlerts(me) ? (
            <Button onClick={() => void scan()} loading={isScanning}>
              {t('earlyWarning.scan')}
            </Button>
          ) : undefined
        }
      >
        {t('nav.earlyWarnings')}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 8 }}>
          <Select<AlertKindFilter | ''>
            aria-label={t('earlyWarning.kind')}
            style={{ minWidth: 160 }}
            value={kind ?? ''}
            onChange={(v) => setFilter({ kind: v || undefined })}
            options={[{ value: '', label: t('earlyWarning.allKinds') }, ...ALERT_KINDS.map((k) => ({ value: k, label: t(`earlyWarning.kinds.${k}`) }))]}
          />
        </Space>
        <Tabs activeKey={state} onChange={(k) => setFilter({ state: k })} items={ALERT_STATE_FILTERS.map((s) => ({ key: s, label: t(`earlyWarning.stateFilters.${s}`) }))} />
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<Alert>
            rowKey="id"
            loading={!rows}
            columns={columns}
            dataSource={rows ?? []}
            cardLabel={(r) => `${alertSubject(r)} ${r.region.name}`}
            locale={{ emptyText: t('earlyWarning.none') }}
          />
        )}
      </Card>
    </>
  );
}
