import { useCallback, useEffect, useMemo, useState } from 'react';
import { Card, Col, Form, Grid, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { useMe } from '../../app/session';
import { formatDateTime } from '../../app/time';
import { EChart, type ChartOption } from '../../workbench/EChart';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { getBoard, type Board } from './api';
import { useBoardLive } from './board-live';

/** How often a wall screen asks again while it is shown (it also asks whenever it regains focus). */
const REFRESH_MS = 30_000;

/**
 * 指挥大屏: today's tickets (Beijing day) by channel, service type and child
 * region, the backlog, due soon and overdue, satisfaction today and this month.
 * Large figures for a wall screen. Read again whenever the live feed says a
 * ticket of the region changed today's figures (within about a second), and
 * every 30 s while visible and on focus for what the feed does not cover (a
 * deadline passing, an assignment).
 */
export default function BoardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [regionCode, setRegionCode] = useState<string>();
  const [board, setBoard] = useState<Board>();
  const [error, setError] = useState<unknown>();
  const isNarrow = !Grid.useBreakpoint().sm;

  const load = useCallback(() => {
    getBoard(regionCode)
      .then((b) => {
        setBoard(b);
        setError(undefined);
      })
      .catch(setError);
  }, [regionCode]);
  const feed = useBoardLive(regionCode, load);
  useEffect(() => {
    load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') load();
    }, REFRESH_MS);
    const onFocus = () => load();
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [load]);

  const bars = useCallback(
    (list: { key: string; n: number }[], label: (key: string) => string) =>
      ({
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 28, containLabel: true },
        xAxis: { type: 'category', data: list.map((c) => label(c.key)), axisLabel: { interval: 0, rotate: list.length > 4 ? 30 : 0 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', name: t('analytics.measures.created'), data: list.map((c) => c.n) }],
      }) as ChartOption,
    [t],
  );
  const byChannel = useMemo(() => bars(board?.todayByChannel ?? [], (k) => t(`tickets.channels.${k}`)), [board, bars, t]);
  const byService = useMemo(() => bars(board?.todayByServiceType ?? [], (k) => t(`services.${k}`)), [board, bars, t]);

  if (error && !board) return <ErrorResult error={error} />;
  const figure = (key: string, value: number | string | null | undefined, tone?: 'warning' | 'danger') => (
    <Col xs={12} sm={8} lg={6} xl={4} key={key}>
      <Card size="small">
        <Statistic
          title={<span style={{ fontSize: 16 }}>{t(`analytics.board.${key}`)}</span>}
          value={value ?? '—'}
          valueStyle={{ fontSize: isNarrow ? 28 : 44, fontWeight: 600, color: tone === 'danger' ? '#cf1322' : tone === 'warning' ? '#d46b08' : undefined }}
          valueRender={(node) => <span data-board={key}>{node}</span>}
        />
      </Card>
    </Col>
  );

  return (
    <>
      <PageTitle
        extra={
          board ? (
            <Typography.Text type="secondary" data-feed={feed}>
              {t('analytics.board.asOf', { time: formatDateTime(board.asOf) })} · {t(`analytics.board.feed.${feed}`)}
            </Typography.Text>
          ) : null
        }
      >
        {t('analytics.board.title')}
        {board ? ` · ${board.region.name}` : ''}
      </PageTitle>
      {me && (
        <Form layout={isNarrow ? 'vertical' : 'inline'} style={{ marginBottom: 16 }}>
          <Form.Item label={t('analytics.region')} htmlFor="board-region">
            <div style={{ minWidth: isNarrow ? undefined : 200 }}>
              <RegionPicker id="board-region" value={regionCode ?? me.region.code} initial={me.region} onChange={(code) => setRegionCode(code ?? undefined)} />
            </div>
          </Form.Item>
        </Form>
      )}
      <section aria-label={t('analytics.board.today')} aria-busy={!board} aria-live="polite">
        <Row gutter={[12, 12]}>
          {figure('created', board?.today.created)}
          {figure('resolved', board?.today.resolved)}
          {figure('open', board?.open.open)}
          {figure('unassigned', board?.open.unassigned)}
          {figure('dueSoon', board?.open.dueSoon, 'warning')}
          {figure('overdue', board?.open.overdue, 'danger')}
          {figure('satisfactionToday', board?.today.satisfaction)}
          {figure('satisfactionMonth', board?.satisfactionMonth)}
        </Row>
      </section>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analytics.board.byChannel')}>
            <EChart option={byChannel} label={t('analytics.board.byChannel')} height={240} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analytics.board.byServiceType')}>
            <EChart option={byService} label={t('analytics.board.byServiceType')} height={240} />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 12 }} title={t('analytics.board.byRegion')}>
        <Table
          size="small"
          rowKey={(r) => r.region.code}
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={!board}
          dataSource={board?.todayByRegion ?? []}
          columns={[
            { title: t('analytics.dimension.region'), key: 'region', render: (_, r) => r.region.name },
            { title: t('analytics.board.created'), dataIndex: 'created', align: 'right' },
            { title: t('analytics.board.resolved'), dataIndex: 'resolved', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
