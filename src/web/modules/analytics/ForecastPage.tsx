import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Descriptions, Form, Grid, InputNumber, Row, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { useMe } from '../../app/session';
import { EChart, type ChartOption } from '../../workbench/EChart';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { DISPUTE_CATEGORIES, SERVICE_TYPES } from '../tickets/api';
import { categoryName } from '../tickets/components';
import { getForecast, type Forecast, type ForecastQuery } from './api';

/** Weeks of history drawn before the forecast (two years: last year's same weeks are in view). */
const SHOWN_WEEKS = 104;
const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`);

/**
 * 需求预测: a region subtree's weekly demand, the weeks ahead with their 80% and
 * 95% intervals, and how the same model did on the last weeks held back against
 * seasonal naive (docs/forecast.md), so the leader sees how far to trust it.
 */
export default function ForecastPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [query, setQuery] = useState<ForecastQuery>({ horizon: 12 });
  const [forecast, setForecast] = useState<Forecast>();
  const [error, setError] = useState<unknown>();
  const isNarrow = !Grid.useBreakpoint().sm;

  useEffect(() => {
    let isCurrent = true;
    setForecast(undefined);
    getForecast(query)
      .then((f) => {
        if (!isCurrent) return;
        setForecast(f);
        setError(undefined);
      })
      .catch((e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, [query]);

  const chart = useMemo(() => {
    const history = (forecast?.history ?? []).slice(-SHOWN_WEEKS);
    const ahead = forecast?.forecast ?? [];
    const weeks = [...history.map((w) => w.weekStart), ...ahead.map((w) => w.weekStart)];
    const pad = (n: number) => Array<null>(n).fill(null);
    // The band: a transparent lower line, and the interval's width stacked on it.
    const band = (name: string, lower: number[], upper: number[], opacity: number) => [
      { name, type: 'line', stack: name, symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, data: [...pad(history.length), ...lower] },
      { name, type: 'line', stack: name, symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity }, data: [...pad(history.length), ...upper.map((u, i) => Math.max(0, u - lower[i]))] },
    ];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('forecast.actual'), t('forecast.point'), t('forecast.interval95'), t('forecast.interval80')] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks.map((w) => w.slice(2)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        ...band(t('forecast.interval95'), ahead.map((w) => w.lower95), ahead.map((w) => w.upper95), 0.15),
        ...band(t('forecast.interval80'), ahead.map((w) => w.lower80), ahead.map((w) => w.upper80), 0.3),
        { name: t('forecast.actual'), type: 'line', symbol: 'none', data: [...history.map((w) => w.count), ...pad(ahead.length)] },
        { name: t('forecast.point'), type: 'line', symbol: 'circle', lineStyle: { type: 'dashed' }, data: [...pad(history.length), ...ahead.map((w) => w.point)] },
      ],
    } as ChartOption;
  }, [forecast, t]);

  if (error && !forecast) return <ErrorResult error={error} />;
  const backtest = forecast?.backtest;

  return (
    <>
      <PageTitle>{t('forecast.title')}</PageTitle>
      <Form layout={isNarrow ? 'vertical' : 'inline'} style={{ marginBottom: 16, rowGap: 8 }} aria-label={t('analytics.filters')}>
        {me && (
          <Form.Item label={t('analytics.region')} htmlFor="forecast-region">
            <div style={{ minWidth: isNarrow ? undefined : 200 }}>
              <RegionPicker id="forecast-region" value={query.regionCode ?? me.region.code} initial={me.region} onChange={(code) => setQuery((q) => ({ ...q, regionCode: code ?? undefined }))} />
            </div>
          </Form.Item>
        )}
        <Form.Item label={t('tickets.serviceType')} htmlFor="forecast-service">
          <Select
            id="forecast-service"
            allowClear
            style={{ minWidth: 160 }}
            value={query.serviceType}
            onChange={(serviceType) => setQuery((q) => ({ ...q, serviceType }))}
            options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('tickets.category')} htmlFor="forecast-category">
          <Select
            id="forecast-category"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 140 }}
            value={query.category}
            onChange={(category) => setQuery((q) => ({ ...q, category }))}
            options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))}
          />
        </Form.Item>
        <Form.Item label={t('forecast.horizon')} htmlFor="forecast-horizon">
          <InputNumber id="forecast-horizon" min={1} max={26} value={query.horizon} onChange={(horizon) => horizon && setQuery((q) => ({ ...q, horizon }))} />
        </Form.Item>
      </Form>

      {forecast && forecast.history.length === 0 ? <Alert type="info" showIcon message={t('forecast.noHistory')} style={{ marginBottom: 16 }} /> : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('forecast.chartTitle')}>
            <EChart option={chart} label={t('forecast.chartLabel')} height={320} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('forecast.backtest')} aria-busy={!forecast}>
            <Descriptions column={1} size="small" styles={{ label: { color: "rgba(0, 0, 0, 0.72)" } }}>
              <Descriptions.Item label={t('forecast.model')}>
                <span data-testid="forecast-model">{forecast ? t(`forecast.models.${forecast.model}`) : '…'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('forecast.mape')}>
                <span data-testid="forecast-mape">{forecast ? (backtest ? percent(backtest.mape) : t('forecast.tooShort')) : '…'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('forecast.baselineMape')}>{backtest ? percent(backtest.baselineMape) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('forecast.coverage80')}>{backtest ? percent(backtest.coverage80) : '—'}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('forecast.backtestHelp', { weeks: backtest?.holdoutWeeks ?? query.horizon })}
            </Typography.Paragraph>
          </Card>
          {forecast?.festival.length ? (
            <Card title={t('forecast.festival')} style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="week"
                pagination={false}
                dataSource={forecast.festival}
                columns={[
                  { title: t('forecast.festivalWeek'), dataIndex: 'week', render: (w: number) => (w === 0 ? t('forecast.festivalWeek0') : w < 0 ? t('forecast.weeksBefore', { n: -w }) : t('forecast.weeksAfter', { n: w })) },
                  { title: t('forecast.factor'), dataIndex: 'factor', align: 'right', render: (f: number) => `×${f.toFixed(2)}` },
                ]}
              />
            </Card>
          ) : null}
        </Col>
      </Row>

      <Card title={t('forecast.weeksAhead')} style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey="weekStart"
          loading={!forecast}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={forecast?.forecast ?? []}
          columns={[
            { title: t('forecast.week'), dataIndex: 'weekStart' },
            { title: t('forecast.point'), dataIndex: 'point', align: 'right' },
            { title: t('forecast.interval80'), key: 'i80', align: 'right', render: (_, w) => `${w.lower80} – ${w.upper80}` },
            { title: t('forecast.interval95'), key: 'i95', align: 'right', render: (_, w) => `${w.lower95} – ${w.upper95}` },
          ]}
        />
      </Card>
    </>
  );
}
