import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Grid, Row, Select, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { downloadFile } from '../../app/download';
import { beijingToday, formatDateTime, fromPickerDate, toPickerDate } from '../../app/time';
import { EChart, type ChartOption } from '../../workbench/EChart';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { getDrillDown, getSummary, type DrillDown, type Figures, type Measure, type Summary, type SummaryQuery } from './api';

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const decimal = (value: number | null) => (value === null ? '—' : String(value));

/** The counted figures shown on the page, each opening the tickets behind it. */
const TOTALS: Measure[] = ['created', 'accepted', 'resolved', 'resolvedWithinDeadline', 'bounced', 'reopened', 'merged', 'rated', 'ratedLow', 'supervised', 'escalated'];
const CHANNELS = ['window', 'hotline', 'portal', 'wechat', 'kiosk', 'upstream', 'referral'];
const SERVICE_TYPES = ['consultation', 'legal_aid', 'mediation', 'notarization', 'forensic_appraisal', 'arbitration', 'administrative_reconsideration', 'lawyer_referral', 'complaint', 'suggestion'];

type Drill = { measure: Measure; query: SummaryQuery; title: string };
type Row = { key: string; label: string; figures: Figures; filter: Partial<SummaryQuery> };

/**
 * 统计分析: the figures of a region subtree over a period, from the rollups
 * (docs/analytics.md) — totals, the trend, breakdowns by channel, service type,
 * category and child region. Every count opens the tickets behind it.
 */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const today = beijingToday();
  const [query, setQuery] = useState<SummaryQuery>(() => ({ from: addDays(today, -29), to: today }));
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<unknown>();
  const [drill, setDrill] = useState<Drill>();
  const [isExporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const isNarrow = !Grid.useBreakpoint().sm;

  const load = useCallback(() => {
    setSummary(undefined);
    getSummary(query)
      .then((s) => {
        setSummary(s);
        setError(undefined);
      })
      .catch(setError);
  }, [query]);
  useEffect(load, [load]);

  async function exportExcel() {
    setExporting(true);
    try {
      await downloadFile('/analytics/summary.xlsx', query, `analytics-${query.from}-${query.to}.xlsx`);
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setExporting(false);
    }
  }

  const measureName = (m: Measure) => t(`analytics.measures.${m}`);
  const open = (measure: Measure, filter: Partial<SummaryQuery> = {}, label?: string) =>
    setDrill({ measure, query: { ...query, ...filter }, title: label ? `${label} · ${measureName(measure)}` : measureName(measure) });

  const chart = useMemo(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: (summary?.series ?? []).map((p) => p.period.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: (['created', 'resolved'] as const).map((m) => ({ name: measureName(m), type: 'line', data: (summary?.series ?? []).map((p) => p.figures[m]) })),
      }) as ChartOption,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [summary, t],
  );

  /** A count that opens its tickets: a link-styled button, reachable by keyboard. */
  const count = (n: number, measure: Measure, filter: Partial<SummaryQuery>, label: string) => (
    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(measure, filter, label)} aria-label={`${label} ${measureName(measure)} ${n}`}>
      {n}
    </Button>
  );
  const columns = (title: string): ColumnsType<Row> => [
    { title, dataIndex: 'label' },
    ...(['created', 'accepted', 'resolved', 'bounced', 'reopened'] as Measure[]).map((m) => ({
      title: measureName(m),
      key: m,
      align: 'right' as const,
      render: (_: unknown, r: Row) => count(r.figures[m], m, r.filter, r.label),
    })),
    { title: t('analytics.withinDeadlineShare'), key: 'share', align: 'right', render: (_, r) => percent(r.figures.withinDeadlineShare) },
    { title: t('analytics.satisfaction'), key: 'sat', align: 'right', render: (_, r) => decimal(r.figures.satisfaction) },
  ];
  const rows: Record<'region' | 'channel' | 'serviceType' | 'category', Row[]> = {
    region: (summary?.byRegion ?? []).map((r) => ({ key: r.region.code, label: r.region.name, figures: r.figures, filter: { regionCode: r.region.code } })),
    channel: (summary?.byChannel ?? []).map((r) => ({ key: r.channel, label: t(`tickets.channels.${r.channel}`), figures: r.figures, filter: { channel: r.channel } })),
    serviceType: (summary?.byServiceType ?? []).map((r) => ({ key: r.serviceType, label: t(`services.${r.serviceType}`), figures: r.figures, filter: { serviceType: r.serviceType } })),
    category: (summary?.byCategory ?? []).map((r) => ({ key: r.category, label: r.category, figures: r.figures, filter: { category: r.category } })),
  };

  if (error && !summary) return <ErrorResult error={error} />;
  const totals = summary?.totals;

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} disabled={!summary} loading={isExporting} onClick={exportExcel}>
            {t('analytics.export')}
          </Button>
        }
      >
        {t('analytics.title')}
      </PageTitle>
      <Form layout={isNarrow ? 'vertical' : 'inline'} style={{ marginBottom: 16, rowGap: 8 }} aria-label={t('analytics.filters')}>
        <Form.Item label={t('analytics.period')} htmlFor="analytics-from">
          <DatePicker.RangePicker
            id={{ start: 'analytics-from', end: 'analytics-to' }}
            allowClear={false}
            style={isNarrow ? { width: '100%' } : undefined}
            value={[toPickerDate(query.from), toPickerDate(query.to)]}
            onChange={(range) => {
              const [from, to] = (range ?? []) as [Dayjs | null, Dayjs | null];
              if (from && to) setQuery((q) => ({ ...q, from: fromPickerDate(from), to: fromPickerDate(to) }));
            }}
          />
        </Form.Item>
        {me && (
          <Form.Item label={t('analytics.region')} htmlFor="analytics-region">
            <div style={{ minWidth: isNarrow ? undefined : 200 }}>
              <RegionPicker id="analytics-region" value={query.regionCode ?? me.region.code} initial={me.region} onChange={(code) => setQuery((q) => ({ ...q, regionCode: code ?? undefined }))} />
            </div>
          </Form.Item>
        )}
        <Form.Item label={t('tickets.channel')} htmlFor="analytics-channel">
          <Select
            id="analytics-channel"
            allowClear
            style={{ minWidth: 140 }}
            value={query.channel}
            onChange={(channel) => setQuery((q) => ({ ...q, channel }))}
            options={CHANNELS.map((c) => ({ value: c, label: t(`tickets.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('tickets.serviceType')} htmlFor="analytics-service">
          <Select
            id="analytics-service"
            allowClear
            style={{ minWidth: 160 }}
            value={query.serviceType}
            onChange={(serviceType) => setQuery((q) => ({ ...q, serviceType }))}
            options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))}
          />
        </Form.Item>
      </Form>

      <section aria-label={t('analytics.totals')} aria-busy={!summary}>
        <Row gutter={[12, 12]}>
          {TOTALS.map((m) => (
            <Col xs={12} sm={8} lg={6} xl={4} key={m}>
              <Card size="small">
                <Statistic
                  title={measureName(m)}
                  value={totals ? totals[m] : '…'}
                  valueRender={(node) =>
                    totals ? (
                      <Button type="link" style={{ padding: 0, fontSize: 'inherit', height: 'auto' }} data-figure={m} onClick={() => open(m)} aria-label={`${measureName(m)} ${totals[m]}`}>
                        {node}
                      </Button>
                    ) : (
                      node
                    )
                  }
                />
              </Card>
            </Col>
          ))}
          {(
            [
              ['withinDeadlineShare', totals ? percent(totals.withinDeadlineShare) : '…'],
              ['avgAcceptMinutes', totals ? decimal(totals.avgAcceptMinutes) : '…'],
              ['avgResolveHours', totals ? decimal(totals.avgResolveHours) : '…'],
              ['satisfaction', totals ? decimal(totals.satisfaction) : '…'],
            ] as const
          ).map(([key, value]) => (
            <Col xs={12} sm={8} lg={6} xl={4} key={key}>
              <Card size="small">
                <Statistic title={t(`analytics.${key}`)} value={value} valueRender={(node) => <span data-figure={key}>{node}</span>} />
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <Card style={{ marginTop: 16 }} title={t(summary?.granularity === 'week' ? 'analytics.trendByWeek' : 'analytics.trendByDay')}>
        <EChart option={chart} label={t('analytics.trendLabel')} />
      </Card>
      {(['region', 'channel', 'serviceType', 'category'] as const).map((by) => (
        <Card key={by} style={{ marginTop: 16 }} title={t(`analytics.by.${by}`)}>
          <Table<Row> size="small" rowKey="key" pagination={false} scroll={{ x: 'max-content' }} loading={!summary} dataSource={rows[by]} columns={columns(t(`analytics.dimension.${by}`))} />
        </Card>
      ))}
      <DrillDownDrawer drill={drill} onClose={() => setDrill(undefined)} />
    </>
  );
}

/** The tickets behind a figure: one line per occurrence counted, so the list's total is the figure. */
function DrillDownDrawer({ drill, onClose }: { drill?: Drill; onClose(): void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [list, setList] = useState<DrillDown>();
  const [error, setError] = useState<unknown>();
  const isNarrow = !Grid.useBreakpoint().sm;
  useEffect(() => setPage(1), [drill]);
  useEffect(() => {
    if (!drill) return;
    setList(undefined);
    getDrillDown({ ...drill.query, measure: drill.measure, limit: 20, offset: (page - 1) * 20 })
      .then((l) => {
        setList(l);
        setError(undefined);
      })
      .catch(setError);
  }, [drill, page]);
  type Item = DrillDown['items'][number];
  return (
    <Drawer open={Boolean(drill)} onClose={onClose} width={isNarrow ? '100%' : 720} title={drill?.title} destroyOnHidden>
      {error ? <ErrorResult error={error} /> : null}
      <Typography.Paragraph data-testid="drill-total">{list ? t('analytics.drillTotal', { n: list.total }) : '…'}</Typography.Paragraph>
      <Table<Item>
        size="small"
        rowKey={(i) => `${i.ticket.id}-${i.at}`}
        loading={!list}
        dataSource={list?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('tickets.number'), key: 'number', render: (_, i) => <Link to={`/workbench/tickets/${i.ticket.id}`}>{i.ticket.number}</Link> },
          { title: t('analytics.when'), key: 'at', render: (_, i) => formatDateTime(i.at) },
          { title: t('tickets.region'), key: 'region', render: (_, i) => i.ticket.region.name },
          { title: t('tickets.channel'), key: 'channel', render: (_, i) => t(`tickets.channels.${i.ticket.channel}`) },
          { title: t('tickets.serviceType'), key: 'serviceType', render: (_, i) => t(`services.${i.ticket.serviceType}`) },
          { title: t('tickets.category'), key: 'category', render: (_, i) => i.ticket.category },
          { title: t('tickets.status'), key: 'status', render: (_, i) => t(`tickets.statuses.${i.ticket.status}`) },
        ]}
      />
    </Drawer>
  );
}
