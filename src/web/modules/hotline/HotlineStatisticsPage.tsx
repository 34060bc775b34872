import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Empty, Form, Grid, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { beijingToday, fromPickerDate, toPickerDate } from '../../app/time';
import { EChart, type ChartOption } from '../../workbench/EChart';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { downloadStatistics, getStatistics, type Figures, type HotlineStatistics, type StatisticsQuery } from './statistics-api';

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** 12.3% — one decimal, as the export shows it; a dash when there were no calls to divide by. */
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const seconds = (value: number | null) => (value === null ? '—' : value.toFixed(1));

type Breakdown = 'day' | 'hour' | 'weekday';
type Labelled = Figures & { key: string; label: string };

/**
 * 话务统计 for the people who run the hotline: the period's answer and abandonment rates, waits and
 * handling time, charts by day, hour and weekday, and tables per operator and per seat. Every
 * figure comes from the call records (docs/hotline-statistics.md), and the Excel file holds the same.
 */
export default function HotlineStatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const today = beijingToday();
  const [query, setQuery] = useState<StatisticsQuery>(() => ({ from: addDays(today, -6), to: today }));
  const [stats, setStats] = useState<HotlineStatistics>();
  const [error, setError] = useState<unknown>();
  const [breakdown, setBreakdown] = useState<Breakdown>('day');
  const [isExporting, setExporting] = useState(false);
  // On a phone the filters stack, each the screen's width.
  const isNarrow = !Grid.useBreakpoint().sm;

  const load = useCallback(() => {
    setStats(undefined);
    getStatistics(query)
      .then((s) => {
        setStats(s);
        setError(undefined);
      })
      .catch(setError);
  }, [query]);
  useEffect(load, [load]);

  async function exportExcel() {
    setExporting(true);
    try {
      await downloadStatistics(query);
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setExporting(false);
    }
  }

  const weekdayName = useCallback((weekday: number) => t(`hotline.stats.weekdays.${weekday}`), [t]);
  const series: Labelled[] = useMemo(() => {
    if (!stats) return [];
    if (breakdown === 'hour') return stats.byHour.map((h) => ({ ...h, key: String(h.hour), label: `${String(h.hour).padStart(2, '0')}:00` }));
    if (breakdown === 'weekday') return stats.byWeekday.map((w) => ({ ...w, key: String(w.weekday), label: weekdayName(w.weekday) }));
    return stats.byDay.map((d) => ({ ...d, key: d.date, label: d.date.slice(5) }));
  }, [stats, breakdown, weekdayName]);

  const chart: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: series.map((s) => s.label) },
      yAxis: [
        { type: 'value', name: t('hotline.stats.calls'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { name: t('hotline.stats.answered'), type: 'bar', stack: 'calls', data: series.map((s) => s.answered) },
        { name: t('hotline.stats.abandoned'), type: 'bar', stack: 'calls', data: series.map((s) => s.abandoned) },
        { name: t('hotline.stats.missedOrVoicemail'), type: 'bar', stack: 'calls', data: series.map((s) => s.missed + s.voicemail) },
        {
          name: t('hotline.stats.answerRate'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: false,
          data: series.map((s) => (s.answerRate === null ? null : Math.round(s.answerRate * 1000) / 10)),
        },
      ],
    }),
    [series, t],
  ) as ChartOption;

  const figureColumns: ColumnsType<Figures> = [
    { title: t('hotline.stats.offered'), dataIndex: 'offered', align: 'right' },
    { title: t('hotline.stats.answered'), dataIndex: 'answered', align: 'right' },
    { title: t('hotline.stats.abandoned'), dataIndex: 'abandoned', align: 'right' },
    { title: t('hotline.stats.answerRate'), dataIndex: 'answerRate', align: 'right', render: percent },
    { title: t('hotline.stats.abandonRate'), dataIndex: 'abandonRate', align: 'right', render: percent },
    { title: t('hotline.stats.avgWait'), dataIndex: 'avgWaitSeconds', align: 'right', render: seconds },
    { title: t('hotline.stats.avgHandling'), dataIndex: 'avgHandlingSeconds', align: 'right', render: seconds },
  ];
  const nobody = t('hotline.stats.noSeat');

  if (error && !stats) return <ErrorResult error={error} />;
  const total = stats?.total;

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} onClick={exportExcel} loading={isExporting} disabled={!stats}>
            {t('hotline.stats.export')}
          </Button>
        }
      >
        {t('hotline.stats.title')}
      </PageTitle>
      <Form layout={isNarrow ? 'vertical' : 'inline'} style={{ marginBottom: 16, rowGap: 8 }} aria-label={t('hotline.stats.filters')}>
        <Form.Item label={t('hotline.stats.period')} htmlFor="hotline-stats-from">
          <DatePicker.RangePicker
            id={{ start: 'hotline-stats-from', end: 'hotline-stats-to' }}
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
          <Form.Item label={t('hotline.stats.region')} htmlFor="hotline-stats-region">
            <div style={{ minWidth: isNarrow ? undefined : 200 }}>
              <RegionPicker id="hotline-stats-region" value={query.regionCode ?? me.region.code} initial={me.region} onChange={(code) => setQuery((q) => ({ ...q, regionCode: code ?? undefined }))} />
            </div>
          </Form.Item>
        )}
      </Form>

      <section aria-label={t('hotline.stats.summary')} aria-busy={!stats}>
        <Row gutter={[16, 16]}>
          {(
            [
              ['offered', total ? String(total.offered) : '…'],
              ['answerRate', total ? percent(total.answerRate) : '…'],
              ['abandonRate', total ? percent(total.abandonRate) : '…'],
              ['serviceLevel', total ? percent(total.serviceLevel) : '…'],
              ['avgWait', total ? seconds(total.avgWaitSeconds) : '…'],
              ['avgAnswer', total ? seconds(total.avgAnswerSeconds) : '…'],
              ['avgHandling', total ? seconds(total.avgHandlingSeconds) : '…'],
              ['inProgress', total ? String(total.inProgress) : '…'],
            ] as const
          ).map(([key, value]) => (
            <Col xs={12} sm={8} lg={6} xl={3} key={key}>
              <Card size="small">
                <Statistic
                  title={key === 'serviceLevel' && stats ? t('hotline.stats.serviceLevelWithin', { seconds: stats.serviceLevelSeconds }) : t(`hotline.stats.${key}`)}
                  value={value}
                  valueRender={(node) => <span data-figure={key}>{node}</span>}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <Card
        style={{ marginTop: 16 }}
        title={t('hotline.stats.trend')}
        extra={
          <Segmented<Breakdown>
            value={breakdown}
            onChange={setBreakdown}
            options={[
              { value: 'day', label: t('hotline.stats.byDay') },
              { value: 'hour', label: t('hotline.stats.byHour') },
              { value: 'weekday', label: t('hotline.stats.byWeekday') },
            ]}
            aria-label={t('hotline.stats.breakdown')}
          />
        }
      >
        {stats && total && total.offered + total.inProgress === 0 ? (
          <Empty description={t('hotline.stats.noCalls')} />
        ) : (
          <EChart option={chart} label={t('hotline.stats.chartLabel', { by: t(`hotline.stats.by${breakdown[0].toUpperCase()}${breakdown.slice(1)}`) })} />
        )}
        <details style={{ marginTop: 8 }}>
          <summary>{t('hotline.stats.asTable')}</summary>
          <Table<Labelled>
            size="small"
            rowKey="key"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={series}
            columns={[{ title: t(`hotline.stats.${breakdown === 'day' ? 'date' : breakdown}`), dataIndex: 'label' }, ...(figureColumns as ColumnsType<Labelled>)]}
          />
        </details>
      </Card>

      <Card style={{ marginTop: 16 }} title={t('hotline.stats.byOperator')}>
        <Table
          size="small"
          rowKey={(r) => r.operator?.id ?? '-'}
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={!stats}
          dataSource={stats?.byOperator ?? []}
          columns={[{ title: t('hotline.stats.operator'), key: 'operator', render: (_, r) => r.operator?.name ?? <Typography.Text type="secondary">{nobody}</Typography.Text> }, ...(figureColumns as ColumnsType<HotlineStatistics['byOperator'][number]>)]}
        />
      </Card>
      <Card style={{ marginTop: 16 }} title={t('hotline.stats.bySeat')}>
        <Table
          size="small"
          rowKey={(r) => (r.seat ? `${r.seat.sourceId}|${r.seat.extension}` : '-')}
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={!stats}
          dataSource={stats?.bySeat ?? []}
          columns={[
            {
              title: t('hotline.stats.seat'),
              key: 'seat',
              render: (_, r) =>
                r.seat ? (
                  <Space size={4}>
                    <Typography.Text code>{r.seat.extension}</Typography.Text>
                    {r.seat.name}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{nobody}</Typography.Text>
                ),
            },
            ...(figureColumns as ColumnsType<HotlineStatistics['bySeat'][number]>),
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('hotline.stats.definitions', { seconds: stats?.serviceLevelSeconds ?? 20 })}
      </Typography.Paragraph>
    </>
  );
}
