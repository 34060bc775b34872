import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useCitizen } from '../citizen-session';
import { portalErrorMessage } from '../portal-errors';
import { fetchMyRequest, type CitizenRequest } from './api';
import { RequestView } from './RequestView';

/** One of my requests: its progress, the conversation with the handler, files, rating and reopening. */
export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { t } = useTranslation();
  const { state } = useCitizen();
  const [request, setRequest] = useState<CitizenRequest | null>(null);
  const [error, setError] = useState<{ text: string; isMissing: boolean } | null>(null);
  const isNew = Boolean((location.state as { isNew?: boolean } | null)?.isNew);

  useEffect(() => {
    if (state.status !== 'signedIn') return;
    let isCurrent = true;
    fetchMyRequest(id).then(
      (found) => isCurrent && setRequest(found),
      (e) => isCurrent && setError({ text: portalErrorMessage(t, e), isMissing: e instanceof ApiError && (e.status === 404 || e.status === 400) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [state.status, id, t]);

  if (state.status === 'loading') return <Spin aria-label={t('citizen.common.loading')} />;
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(`/requests/${id}`)}`} replace />;
  return (
    <div className="portal-page">
      <p>
        <Link to="/requests">← {t('requests.mine.title')}</Link>
      </p>
      {isNew && request ? <Alert type="success" showIcon role="status" message={t('requests.submitted', { number: request.number })} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon role="alert" message={error.isMissing ? t('requests.notFound') : error.text} /> : null}
      {!request && !error ? <Spin aria-label={t('citizen.common.loading')} /> : null}
      {request ? <RequestView request={request} onChange={setRequest} /> : null}
    </div>
  );
}
