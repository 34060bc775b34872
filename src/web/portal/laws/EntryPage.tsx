import { useEffect, useState } from 'react';
import { Button, Spin } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { beijingDate } from '../../modules/content/api';
import { citationOf } from '../../modules/knowledge/law-text';
import { getPublicEntry, readerHref, type PublicEntry } from '../../modules/knowledge/laws-api';
import { readingErrorMessage } from '../portal-errors';
import '../../modules/knowledge/laws.css';

/**
 * /laws/entries/:id: a FAQ entry or case explainer written by staff, as text paragraphs, with the
 * articles it rests on (法律依据), each opening the reader at its anchor.
 */
export default function EntryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const [entry, setEntry] = useState<PublicEntry>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [from] = useState(() => (location.state as { search?: string } | null)?.search);

  useEffect(() => {
    const controller = new AbortController();
    setEntry(undefined);
    setError(undefined);
    getPublicEntry(id, controller.signal).then(setEntry, (e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [id, attempt]);

  useEffect(() => {
    if (entry) document.title = `${entry.title} · ${t('app.name')}`;
  }, [entry, t]);

  return (
    <div className="law-page">
      <p style={{ margin: '4px 0 12px' }}>
        <Link to={`/laws${from ?? ''}`}>← {t('laws.reader.backToSearch')}</Link>
      </p>
      {error instanceof ApiError && error.status === 404 ? (
        <h1>{t('laws.entry.notFound')}</h1>
      ) : error ? (
        <p role="alert">
          {readingErrorMessage(t, error, 'laws.loadFailed')} <Button onClick={() => setAttempt((n) => n + 1)}>{t('laws.retry')}</Button>
        </p>
      ) : !entry ? (
        <div role="status" style={{ padding: 32, textAlign: 'center' }}>
          <Spin /> <span className="visually-hidden">{t('laws.loading')}</span>
        </div>
      ) : (
        <article className="law-reader">
          <h1 lang="zh-CN">{entry.title}</h1>
          <p className="law-badges">
            <span className={entry.kind === 'faq' ? 'law-badge is-faq' : 'law-badge is-case'}>{t(`laws.entry.kinds.${entry.kind}`)}</span>
            {entry.category ? <span className="law-badge">{t(`categories.${entry.category}`, { defaultValue: entry.category })}</span> : null}
          </p>
          <p className="law-facts">
            {t('content.source')}: {t('content.sourceOf', { region: entry.region.name })} · <time dateTime={entry.updatedAt}>{beijingDate(entry.updatedAt)}</time>
          </p>
          <div lang="zh-CN">
            {entry.paragraphs.map((paragraph, i) => (
              <p key={i} className="law-item-text">
                {paragraph}
              </p>
            ))}
          </div>
          {entry.citations.length > 0 ? (
            <section aria-labelledby="entry-basis">
              <h2 id="entry-basis" className="law-section-title">
                {t('laws.entry.basis')}
              </h2>
              <ul lang="zh-CN">
                {entry.citations.map((c, i) => (
                  <li key={i}>{c.lawId ? <Link to={readerHref(c.lawId, c.anchor)}>{citationOf(c)}</Link> : citationOf(c)}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </article>
      )}
    </div>
  );
}
