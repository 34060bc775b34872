import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, Pagination, Spin, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import './requests.css';
import { formatDateTime } from '../../app/time';
import { useCitizen } from '../citizen-session';
import { portalErrorMessage } from '../portal-errors';
import { fetchMyRequests, REQUEST_KINDS, type CitizenRequest } from './api';
import { StatusTag } from './RequestView';

const PAGE = 10;

/** 我的申请: every request the citizen made online, newest first, each a card that opens it; and the ways to make a new one. */
export default function MyRequestsPage() {
  const { t } = useTranslation();
  const { state } = useCitizen();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: CitizenRequest[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (state.status !== 'signedIn') return;
    let isCurrent = true;
    fetchMyRequests((page - 1) * PAGE, PAGE).then(
      (result) => isCurrent && setData(result),
      (e) => isCurrent && setError(portalErrorMessage(t, e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [state.status, page, t]);

  if (state.status === 'loading') return <Spin aria-label={t('citizen.common.loading')} />;
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent('/requests')}`} replace />;

  return (
    <div className="portal-page">
      <Typography.Title level={1}>{t('requests.mine.title')}</Typography.Title>
      <nav aria-label={t('requests.mine.newHeading')} className="request-new-links">
        {REQUEST_KINDS.map((kind) => (
          <Link key={kind} to={`/requests/new/${kind}`} className="ant-btn ant-btn-default">
            {t(`requests.kinds.${kind}`)}
          </Link>
        ))}
      </nav>
      {error ? <Alert type="error" showIcon message={error} role="alert" /> : null}
      {data === null && !error ? <Spin aria-label={t('citizen.common.loading')} /> : null}
      {data && data.items.length === 0 ? <Empty description={t('requests.mine.empty')} /> : null}
      <ul className="request-list" aria-busy={data === null}>
        {data?.items.map((item) => (
          <li key={item.id}>
            <Card size="small">
              <Link to={`/requests/${item.id}`} className="request-list-link">
                <strong>{t(`requests.kinds.${item.kind}`, { defaultValue: item.kind })}</strong> <StatusTag status={item.status} />
              </Link>
              <div className="request-list-meta">
                <span className="nowrap">{item.number}</span> · {formatDateTime(item.createdAt)}
                {item.unitName ? ` · ${item.unitName}` : ''}
              </div>
              <div className="request-list-summary">{item.description.slice(0, 80)}</div>
              {item.abilities.rate ? (
                <Link to={`/requests/${item.id}#rate`}>
                  <Button size="small" type="primary">
                    {t('requests.rating.invite')}
                  </Button>
                </Link>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
      {data && data.total > PAGE ? <Pagination current={page} pageSize={PAGE} total={data.total} onChange={setPage} showSizeChanger={false} /> : null}
    </div>
  );
}
