import { useEffect, useState } from 'react';
import { Card, Spin } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { anchorOfHash } from './law-text';
import { LawReader } from './LawReader';
import { getLaw, type Law } from './laws-api';

/** /workbench/laws/:id: the law reader for staff, reached from law search and from cited articles beside a ticket. */
export default function StaffLawReaderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const [law, setLaw] = useState<Law>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const controller = new AbortController();
    setLaw(undefined);
    setError(undefined);
    getLaw(id, controller.signal).then(setLaw, (e: unknown) => !controller.signal.aborted && setError(e));
    return () => controller.abort();
  }, [id]);

  if (error) return <ErrorResult error={error} backTo="/workbench/laws" />;
  return (
    <>
      {/* The law's title is the page's heading (LawReader's h1). */}
      <p style={{ margin: '0 0 12px' }}>
        <Link to="/workbench/laws">← {t('laws.workbench.backToSearch')}</Link>
      </p>
      <Card styles={{ body: { padding: 0 } }}>
        {law ? (
          <LawReader law={law} base="/workbench/laws" targetAnchor={anchorOfHash(location.hash)} />
        ) : (
          <div role="status" style={{ padding: 48, textAlign: 'center' }}>
            <Spin />
          </div>
        )}
      </Card>
    </>
  );
}
