import { useEffect, useState, type ReactNode } from 'react';
import { Button, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { cardUrl, publicDirectory, type CardKind, type PublicPerson, type PublicProvider, type PublicVenue } from '../../modules/directory/api';
import { PersonFacts } from '../../modules/directory/PersonCard';
import { ContactCardBlock, DirectoryFrame } from './DirectoryFrame';

/** Loads one public record; a 404 says it is not (or no longer) public. */
function useRecord<T>(load: (id: string) => Promise<T>, id: string | undefined) {
  const [state, setState] = useState<{ record?: T; error?: unknown }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    setState({});
    if (id) load(id).then((record) => isCurrent && setState({ record }), (error) => isCurrent && setState({ error }));
    return () => {
      isCurrent = false;
    };
  }, [id, load, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

function DetailFrame({ tab, state, children }: { tab: CardKind; state: { record?: unknown; error?: unknown; retry(): void }; children: () => ReactNode }) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400)) {
    body = (
      <>
        <Typography.Title level={1} style={{ fontSize: '1.4em' }}>{t('directory.title')}</Typography.Title>
        <p role="alert">{t('directory.notFound')}</p>
      </>
    );
  } else if (state.error) {
    body = (
      <p role="alert">
        {t('directory.loadError')} <Button onClick={state.retry}>{t('directory.retry')}</Button>
      </p>
    );
  } else if (!state.record) {
    body = (
      <div style={{ padding: 32, textAlign: 'center' }} role="status" aria-live="polite">
        <Spin />
      </div>
    );
  } else {
    body = children();
  }
  return (
    <DirectoryFrame>
      <p>
        <Link to={tab === 'venues' ? '/directory' : `/directory?tab=${tab}`}>
          <ArrowLeftOutlined aria-hidden /> {t('directory.backToList')}
        </Link>
      </p>
      {body}
    </DirectoryFrame>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function MapLink({ url }: { url: string | null }) {
  const { t } = useTranslation();
  return url ? (
    <div>
      <a href={url} target="_blank" rel="noopener noreferrer">
        {t('directory.mapLink')}
      </a>
    </div>
  ) : null;
}

export function VenuePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const state = useRecord<PublicVenue>(publicDirectory.venue, id);
  return (
    <DetailFrame tab="venues" state={state}>
      {() => {
        const venue = state.record!;
        return (
          <article>
            <Typography.Title level={1} style={{ fontSize: '1.6em' }}>{venue.name}</Typography.Title>
            <p>
              <Tag color="blue">{t(`directory.venueLevels.${venue.level}`)}</Tag> {venue.region.name}
            </p>
            <dl className="directory-facts">
              {venue.address && (
                <Fact label={t('directory.fields.address')}>
                  {venue.address}
                  <MapLink url={venue.mapUrl} />
                </Fact>
              )}
              {venue.openingHours && <Fact label={t('directory.fields.hours')}>{venue.openingHours}</Fact>}
              {venue.phone && (
                <Fact label={t('directory.fields.phone')}>
                  <a href={`tel:${venue.phone}`}>{venue.phone}</a>
                </Fact>
              )}
              {venue.services.length > 0 && <Fact label={t('directory.fields.services')}>{venue.services.map((s) => t(`directory.services.${s}`)).join('、')}</Fact>}
            </dl>
            {venue.windows.length > 0 && (
              <section aria-labelledby="venue-windows">
                <h2 id="venue-windows" style={{ fontSize: '1.2em' }}>{t('directory.fields.windows')}</h2>
                <ul>
                  {venue.windows.map((w, i) => (
                    <li key={i}>
                      <strong>{w.name}</strong>
                      {w.services.length > 0 && <>：{w.services.map((s) => t(`directory.services.${s}`)).join('、')}</>}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <ContactCardBlock url={cardUrl('venues', venue.id, 'vcf')} svgUrl={cardUrl('venues', venue.id, 'svg')} name={venue.name} />
          </article>
        );
      }}
    </DetailFrame>
  );
}

export function PersonPage() {
  const { id } = useParams();
  const state = useRecord<PublicPerson>(publicDirectory.person, id);
  return (
    <DetailFrame tab="people" state={state}>
      {() => {
        const person = state.record!;
        return (
          <article>
            <PersonFacts person={person} headingLevel={1} />
            <ContactCardBlock url={cardUrl('people', person.id, 'vcf')} svgUrl={cardUrl('people', person.id, 'svg')} name={person.displayName} />
          </article>
        );
      }}
    </DetailFrame>
  );
}

export function ProviderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const state = useRecord<PublicProvider>(publicDirectory.provider, id);
  return (
    <DetailFrame tab="providers" state={state}>
      {() => {
        const provider = state.record!;
        return (
          <article>
            <Typography.Title level={1} style={{ fontSize: '1.6em' }}>{provider.name}</Typography.Title>
            <p>
              <Tag color="purple">{t(`directory.providerKinds.${provider.kind}`)}</Tag> {provider.region.name}
            </p>
            <dl className="directory-facts">
              {provider.address && (
                <Fact label={t('directory.fields.address')}>
                  {provider.address}
                  <MapLink url={provider.mapUrl} />
                </Fact>
              )}
              {provider.openingHours && <Fact label={t('directory.fields.hours')}>{provider.openingHours}</Fact>}
              {provider.phone && (
                <Fact label={t('directory.fields.phone')}>
                  <a href={`tel:${provider.phone}`}>{provider.phone}</a>
                </Fact>
              )}
              {provider.services.length > 0 && <Fact label={t('directory.fields.services')}>{provider.services.map((s) => t(`directory.services.${s}`)).join('、')}</Fact>}
              {provider.licenceNumber && <Fact label={t('directory.fields.licenceNumber')}>{provider.licenceNumber}</Fact>}
            </dl>
            {provider.description && (
              <>
                <h2 style={{ fontSize: '1.2em' }}>{t('directory.fields.introduction')}</h2>
                <p style={{ whiteSpace: 'pre-wrap' }}>{provider.description}</p>
              </>
            )}
            <ContactCardBlock url={cardUrl('providers', provider.id, 'vcf')} svgUrl={cardUrl('providers', provider.id, 'svg')} name={provider.name} />
          </article>
        );
      }}
    </DetailFrame>
  );
}

export default PersonPage;
