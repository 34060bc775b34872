import { useEffect, useState, type ReactNode } from 'react';
import { Card, Spin, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { getGuide, type Guide } from '../../modules/content/api';
import { RegionChooser, rememberedRegion } from './RegionChooser';

/** Services the portal pre-registers for (预登记, /preregister): the guide links to the guided steps. */
const PREREGISTERED = ['notarization', 'forensic_appraisal', 'arbitration', 'administrative_reconsideration'];

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 20 }}>
      <h2 style={{ fontSize: '1.2em', margin: '0 0 8px' }}>{title}</h2>
      {children}
    </section>
  );
}

/** /guides/:serviceType: who, steps, materials (the window's list at the visitor's region), limits, fees, remedies, where to go. */
export default function GuidePage() {
  const { t } = useTranslation();
  const { serviceType = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? rememberedRegion();
  const [guide, setGuide] = useState<Guide>();
  const [failure, setFailure] = useState<'missing' | 'failed'>();

  useEffect(() => {
    let isCurrent = true;
    setFailure(undefined);
    getGuide(serviceType, region)
      .then((g) => isCurrent && setGuide(g))
      .catch((e) => isCurrent && setFailure(e instanceof ApiError && e.status >= 400 && e.status < 500 ? 'missing' : 'failed'));
    return () => {
      isCurrent = false;
    };
  }, [serviceType, region]);

  const limit = (step: string) => {
    const rule = guide?.deadlines.find((d) => d.step === step);
    if (!rule) return '';
    return rule.unit === 'hours' ? t('content.hours', { count: rule.amount }) : t('content.workingDays', { count: rule.amount });
  };
  const back = (
    <p style={{ margin: '8px 0 16px' }}>
      <Link to={`/guides${region ? `?region=${encodeURIComponent(region)}` : ''}`}>← {t('content.backToGuides')}</Link>
    </p>
  );

  if (failure) {
    return (
      <>
        {back}
        <Typography.Title level={1}>{failure === 'missing' ? t('content.guideNotFound') : t('content.loadFailed')}</Typography.Title>
      </>
    );
  }
  if (!guide || guide.serviceType !== serviceType) {
    return (
      <>
        {back}
        <div style={{ textAlign: 'center', padding: 32 }} role="status">
          <Spin />
        </div>
      </>
    );
  }
  const key = `content.guides.${guide.serviceType}`;
  return (
    <>
      {back}
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        {t(`content.serviceNames.${guide.serviceType}`)} · {t('content.guidesTitle')}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <RegionChooser value={region} onChange={(code) => setParams(code ? { region: code } : {}, { replace: true })} />
      </Card>
      <Card>
        <Section title={t('content.what')}>
          <p style={{ margin: 0 }}>{t(`${key}.what`)}</p>
        </Section>
        <Section title={t('content.who')}>
          <p style={{ margin: 0 }}>{t(`${key}.who`)}</p>
        </Section>
        <Section title={t('content.steps')}>
          <ol style={{ paddingInlineStart: '1.4em', margin: 0, lineHeight: 1.8 }}>
            <li>{t('content.step1')}</li>
            <li>
              {guide.isOnline ? t('content.step2Online') : t('content.step2')}
              {PREREGISTERED.includes(guide.serviceType) ? (
                <>
                  {' '}
                  <Link to={`/preregister?service=${guide.serviceType}`}>{t('preregistration.title')} →</Link>
                </>
              ) : null}
            </li>
            {limit('accept') && <li>{t('content.step3', { limit: limit('accept') })}</li>}
            {limit('resolve') && <li>{t('content.step4', { limit: limit('resolve') })}</li>}
          </ol>
        </Section>
        <Section title={t('content.materials')}>
          {guide.materials.length === 0 ? (
            <p style={{ margin: 0 }}>{t('content.noMaterials')}</p>
          ) : (
            <ul aria-label={t('content.materials')} style={{ paddingInlineStart: '1.4em', margin: '0 0 8px', lineHeight: 1.8 }}>
              {guide.materials.map((m) => (
                <li key={m.key}>
                  {m.name}{' '}
                  <Tag color={m.isRequired ? 'red' : 'default'} style={{ marginInlineStart: 4 }}>
                    {m.isRequired ? t('content.required') : t('content.optional')}
                  </Tag>
                </li>
              ))}
            </ul>
          )}
          <p style={{ margin: 0, color: 'rgba(0,0,0,0.7)' }}>
            {t('content.materialsNote')}{' '}
            {guide.settingsSource === 'default' ? t('content.settingsDefault') : t('content.settingsSource', { region: guide.settingsSource.regionName })}
          </p>
        </Section>
        <Section title={t('content.timeLimits')}>
          <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 16px' }}>
            {guide.deadlines.map((d) => (
              <div key={d.step} style={{ display: 'contents' }}>
                <dt>{t(`content.deadlineSteps.${d.step}`)}</dt>
                <dd style={{ margin: 0 }}>{limit(d.step)}</dd>
              </div>
            ))}
          </dl>
        </Section>
        <Section title={t('content.fees')}>
          <p style={{ margin: 0 }}>{t(`content.fee.${guide.fee}`)}</p>
        </Section>
        <Section title={t('content.remedies')}>
          <p style={{ margin: 0 }}>{t(`${key}.remedy`)}</p>
        </Section>
        {guide.basis.length > 0 && (
          <Section title={t('content.basis')}>
            <p style={{ margin: 0 }}>{guide.basis.join('、')}</p>
          </Section>
        )}
      </Card>
      <section style={{ marginTop: 16 }} aria-labelledby="guide-venues">
        <h2 id="guide-venues" style={{ fontSize: '1.2em' }}>
          {guide.region ? t('content.whereToGoIn', { region: guide.region.name }) : t('content.whereToGo')}
        </h2>
        {guide.venues.length === 0 ? (
          <p>
            {t('content.noVenues')} <a href="tel:12348">12348</a>
          </p>
        ) : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12 }}>
            {guide.venues.map((venue) => (
              <li key={venue.id}>
                <Card>
                  <h3 style={{ fontSize: '1.1em', margin: '0 0 8px', overflowWrap: 'anywhere' }}>{venue.name}</h3>
                  <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', overflowWrap: 'anywhere' }}>
                    {venue.address && (
                      <>
                        <dt>{t('content.address')}</dt>
                        <dd style={{ margin: 0 }}>{venue.address}</dd>
                      </>
                    )}
                    {venue.openingHours && (
                      <>
                        <dt>{t('content.openingHours')}</dt>
                        <dd style={{ margin: 0 }}>{venue.openingHours}</dd>
                      </>
                    )}
                    {venue.windows.length > 0 && (
                      <>
                        <dt>{t('content.windows')}</dt>
                        <dd style={{ margin: 0 }}>{venue.windows.join('、')}</dd>
                      </>
                    )}
                    {venue.phone && (
                      <>
                        <dt>{t('content.phone')}</dt>
                        <dd style={{ margin: 0 }}>
                          <a href={`tel:${venue.phone}`} aria-label={t('content.callVenue', { name: venue.name, phone: venue.phone })}>
                            <PhoneOutlined aria-hidden /> {venue.phone}
                          </a>
                        </dd>
                      </>
                    )}
                  </dl>
                  <p style={{ margin: '8px 0 0' }}>
                    <a href={venue.mapUrl} target="_blank" rel="noopener noreferrer" aria-label={`${t('content.mapShort')} · ${venue.name}`}>
                      <EnvironmentOutlined aria-hidden /> {t('content.mapShort')}
                    </a>
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
