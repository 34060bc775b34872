import { useEffect, useState } from 'react';
import { Button, Spin } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { LawReader } from '../../modules/knowledge/LawReader';
import { anchorOfHash } from '../../modules/knowledge/law-text';
import { getLaw, type Law } from '../../modules/knowledge/laws-api';
import { readingErrorMessage } from '../portal-errors';

/** /laws/:id: a law to read, scrolled to #anchor; back to the search that led here. */
export default function LawReaderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const [law, setLaw] = useState<Law>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  // The search that led here, kept while reading (a jump in the table of contents is a new history entry without it).
  const [from] = useState(() => (location.state as { search?: string } | null)?.search);

  useEffect(() => {
    const controller = new AbortController();
    setLaw(undefined);
    setError(undefined);
    getLaw(id, controller.signal).then(setLaw, (e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [id, attempt]);

  useEffect(() => {
    if (law) document.title = `${law.title} · ${t('app.name')}`;
  }, [law, t]);

  const isMissing = error instanceof ApiError && (error.status === 404 || error.code === 'VALIDATION_FAILED');

  return (
    <div className="law-page">
      <p style={{ margin: '4px 0 12px' }}>
        <Link to={`/laws${from ?? ''}`}>← {t('laws.reader.backToSearch')}</Link>
      </p>
      {isMissing ? (
        <h1>{t('laws.reader.notFound')}</h1>
      ) : error ? (
        <p role="alert">
          {readingErrorMessage(t, error, 'laws.loadFailed')} <Button onClick={() => setAttempt((n) => n + 1)}>{t('laws.retry')}</Button>
        </p>
      ) : !law ? (
        <div role="status" style={{ padding: 32, textAlign: 'center' }}>
          <Spin /> <span className="visually-hidden">{t('laws.loading')}</span>
        </div>
      ) : (
        <LawReader law={law} base="/laws" targetAnchor={anchorOfHash(location.hash)} />
      )}
    </div>
  );
}
