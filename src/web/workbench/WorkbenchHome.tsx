import { useEffect, useState } from 'react';
import { Button, Card, Col, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '../modules/auth/api';
import { ticketMenu } from '../modules/tickets/api';
import { ErrorResult } from '../app/ErrorResult';
import { useMe } from '../app/session';
import { formatDateTime } from '../app/time';
import { PageTitle } from './PageTitle';
import { getWorkbenchSummary, homeSections, type HomeCount, type WorkbenchSummary } from './home';

/**
 * The staff home: the account's own work as counts that open the list they
 * count, what changed since yesterday, and the one or two things its roles do
 * most. An account with several roles sees the union.
 */
export default function WorkbenchHome() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [summary, setSummary] = useState<WorkbenchSummary>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let isCurrent = true;
    getWorkbenchSummary()
      .then((s) => isCurrent && setSummary(s))
      .catch((e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, []);

  const roles = me.roles as Role[];
  const sections = summary ? homeSections(roles, ticketMenu(me), summary) : undefined;
  const isLeader = roles.includes('leader');

  return (
    <>
      <PageTitle
        extra={
          sections && sections.actions.length > 0 ? (
            <Space wrap>
              {sections.actions.map((action, i) => (
                <Button key={action.key} type={i === 0 ? 'primary' : 'default'} onClick={() => navigate(action.to)}>
                  {t(`home.actions.${action.key}`)}
                </Button>
              ))}
            </Space>
          ) : undefined
        }
      >
        {t('workbench.welcome', { name: me.displayName })}
      </PageTitle>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {me.roles.map((r) => t(`roles.${r}`)).join('、')} · {me.region.name}
      </Typography.Paragraph>
      {error ? (
        <ErrorResult error={error} />
      ) : !summary || !sections ? (
        <Card>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ display: 'flex' }}>
          {isLeader && <TodayFigures summary={summary} />}
          {sections.counts.length > 0 && (
            <section aria-labelledby="home-work">
              <Typography.Title level={2} id="home-work" style={{ fontSize: '1.15em' }}>
                {t('home.myWork')}
              </Typography.Title>
              <Row gutter={[16, 16]}>
                {sections.counts.map((c) => (
                  <Col key={c.key} xs={12} lg={8} xl={6}>
                    <CountCard count={c} />
                  </Col>
                ))}
              </Row>
            </section>
          )}
          <Changes summary={summary} />
          {sections.actions.length === 0 && <Card>{t('workbench.welcomeHint')}</Card>}
        </Space>
      )}
    </>
  );
}

/** A count that is a link to the list it counts; its accessible name is "label count". */
function CountCard({ count }: { count: HomeCount }) {
  const { t } = useTranslation();
  const label = t(`home.counts.${count.key}`);
  const isAlarming = count.tone === 'danger' && count.value > 0;
  return (
    <Link to={count.to} aria-label={`${label} ${count.value}`} className="home-count">
      <Card hoverable size="small">
        <Statistic title={label} value={count.value} valueStyle={isAlarming ? { color: '#cf1322' } : undefined} />
      </Card>
    </Link>
  );
}

function Changes({ summary }: { summary: WorkbenchSummary }) {
  const { t } = useTranslation();
  const items = (['created', 'resolved', 'overdue', 'sentBack'] as const).map((key) => ({ key, value: summary.changes[key] }));
  return (
    <Card size="small" title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('home.changes.title')}</h2>} extra={<small>{t('home.changes.since', { at: formatDateTime(summary.changes.since) })}</small>}>
      <Row gutter={[16, 8]}>
        {items.map(({ key, value }) => (
          <Col key={key} xs={12} md={6}>
            <Statistic title={t(`home.changes.${key}`)} value={value} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** A leader's day: received (by channel), resolved, overdue now, 满意度. */
function TodayFigures({ summary }: { summary: WorkbenchSummary }) {
  const { t } = useTranslation();
  const { today } = summary;
  const channels = Object.entries(today.receivedByChannel).sort((a, b) => b[1] - a[1]);
  const ratings = today.ratings;
  return (
    <Card size="small" title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('home.today.title')}</h2>}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('home.today.received')} value={today.received} />
          <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
            {channels.map(([channel, n]) => (
              <Tag key={channel}>
                {t(`tickets.channels.${channel}`)} {n}
              </Tag>
            ))}
          </Space>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('home.today.resolved')} value={today.resolved} />
        </Col>
        <Col xs={12} md={6}>
          <Link to="/workbench/tickets?queue=overdue" aria-label={`${t('home.today.overdueNow')} ${summary.tickets.overdue}`}>
            <Statistic title={t('home.today.overdueNow')} value={summary.tickets.overdue} valueStyle={summary.tickets.overdue > 0 ? { color: '#cf1322' } : undefined} />
          </Link>
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('home.today.satisfaction')}
            value={ratings.satisfiedShare === null ? '—' : Math.round(ratings.satisfiedShare * 100)}
            suffix={ratings.satisfiedShare === null ? undefined : '%'}
          />
          <Typography.Text type="secondary">
            {ratings.count === 0 ? t('home.today.noRatings') : t('home.today.ratings', { count: ratings.count, average: ratings.averageScore?.toFixed(2) ?? '—' })}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}
