import { useEffect, useState, type FormEvent } from 'react';
import { Button, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { verifyDocument, type Verification } from '../../modules/documents/api';
import { readingErrorMessage } from '../portal-errors';
import './verify.css';

/**
 * /verify and /verify/:code (文书核验): anyone holding a document checks that the platform issued
 * it — which document, for which ticket number, by which unit, when, and the file's SHA-256 to
 * compare with the copy in hand. Nothing personal beyond the applicant's masked name.
 */
export default function VerifyPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code);
  const [found, setFound] = useState<Verification>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(false);

  useEffect(() => {
    document.title = `${t('verify.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    setTyped(code);
    setFound(undefined);
    setError(undefined);
    if (!code) return;
    const controller = new AbortController();
    setLoading(true);
    verifyDocument(code, controller.signal)
      .then(setFound, (e: unknown) => !controller.signal.aborted && setError(e))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [code]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = typed.trim();
    if (next) navigate(`/verify/${encodeURIComponent(next)}`);
  }

  const isUnknown = error instanceof ApiError && (error.status === 404 || error.status === 400);
  return (
    <div className="verify-page">
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <form className="verify-form" onSubmit={submit} role="search">
        <label htmlFor="verify-code">{t('verify.codeLabel')}</label>
        <div className="verify-row">
          <input id="verify-code" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} placeholder="XXXX-XXXX-XXXX-XXXX" maxLength={40} />
          <Button type="primary" htmlType="submit">
            {t('verify.check')}
          </Button>
        </div>
      </form>
      {isLoading ? (
        <div role="status" className="verify-status">
          <Spin /> <span className="visually-hidden">{t('verify.checking')}</span>
        </div>
      ) : isUnknown ? (
        <p role="alert" className="verify-result is-unknown">
          {t('verify.unknown')}
        </p>
      ) : error ? (
        <p role="alert">{readingErrorMessage(t, error, 'verify.failed')}</p>
      ) : found ? (
        <section className={`verify-result ${found.isRevoked ? 'is-revoked' : 'is-found'}`} aria-labelledby="verify-found">
          <h2 id="verify-found">{t('verify.found')}</h2>
          {found.isRevoked ? (
            <div role="alert" className="verify-revoked">
              <strong>{t('verify.revoked')}</strong>
              <dl>
                <dt>{t('verify.revokedAt')}</dt>
                <dd>
                  <time dateTime={found.revokedAt ?? undefined}>{found.revokedAtBeijing}</time> {t('verify.beijingTime')}
                </dd>
                <dt>{t('verify.revocationReason')}</dt>
                <dd lang="zh-CN">{found.revocationReason}</dd>
              </dl>
            </div>
          ) : null}
          <dl>
            <dt>{t('verify.document')}</dt>
            <dd lang="zh-CN">{found.name}（{found.format.toUpperCase()}）</dd>
            <dt>{t('verify.ticketNumber')}</dt>
            <dd className="nowrap">{found.ticketNumber}</dd>
            <dt>{t('verify.issuingUnit')}</dt>
            <dd lang="zh-CN">{found.issuingUnit}</dd>
            <dt>{t('verify.issuedAt')}</dt>
            <dd>
              <time dateTime={found.issuedAt}>{found.issuedAtBeijing}</time> {t('verify.beijingTime')}
            </dd>
            <dt>{t('verify.applicant')}</dt>
            <dd lang="zh-CN">{found.applicant}</dd>
            <dt>{t('verify.code')}</dt>
            <dd className="nowrap">{found.code}</dd>
            <dt>{t('verify.sha256')}</dt>
            <dd className="verify-hash">{found.sha256}</dd>
          </dl>
          <p className="verify-hint">{t('verify.hashHint')}</p>
        </section>
      ) : null}
    </div>
  );
}
