import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Input, Select, Spin, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../app/api';
import {
  DIRECTORY_LANGUAGES,
  PROVIDER_KINDS,
  PUBLIC_ROLES,
  SPECIALITIES,
  publicDirectory,
  type ListQuery,
  type PublicPerson,
  type PublicProvider,
  type PublicVenue,
} from '../../modules/directory/api';
import { DirectoryFrame } from './DirectoryFrame';
import { RegionChooser } from '../content/RegionChooser';

const PAGE_SIZE = 10;
const TABS = ['venues', 'people', 'providers'] as const;
type Tab = (typeof TABS)[number];

/** 法律服务名录: venues, people and providers, filtered by region, by what they do, and by name. */
export default function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'venues';

  function update(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  }

  return (
    <DirectoryFrame>
      <Typography.Title level={1} style={{ fontSize: '1.6em' }}>
        {t('directory.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('directory.intro')}</Typography.Paragraph>
      {/* Three sections as links that wrap (tabs would hide the third behind a menu at 360 px in Tibetan). */}
      <nav aria-label={t('directory.title')} className="directory-sections">
        {TABS.map((key) => (
          <Link
            key={key}
            to={key === 'venues' ? '/directory' : `/directory?tab=${key}`}
            aria-current={key === tab ? 'page' : undefined}
            className={key === tab ? 'is-current' : undefined}
            onClick={(event) => {
              // Keep the region and the words searched for; other filters belong to one section.
              event.preventDefault();
              update({ tab: key === 'venues' ? undefined : key, page: undefined, role: undefined, speciality: undefined, language: undefined, kind: undefined });
            }}
          >
            {t(`directory.tabs.${key}`)}
          </Link>
        ))}
      </nav>
      <Typography.Title level={2} style={{ fontSize: '1.3em' }}>
        {t(`directory.tabs.${tab}`)}
      </Typography.Title>
      <Listing key={tab} tab={tab} params={params} update={update} />
    </DirectoryFrame>
  );
}

function Listing({ tab, params, update }: { tab: Tab; params: URLSearchParams; update(next: Record<string, string | undefined>): void }) {
  const { t } = useTranslation();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const [data, setData] = useState<Page<PublicVenue | PublicPerson | PublicProvider>>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const filterKeys = tab === 'people' ? ['role', 'speciality', 'language'] : tab === 'providers' ? ['kind'] : [];
  const query: ListQuery = { regionCode: params.get('region') ?? undefined, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  for (const key of filterKeys) query[key] = params.get(key) ?? undefined;
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    let isCurrent = true;
    setData(undefined);
    setError(undefined);
    const load = tab === 'people' ? publicDirectory.people : tab === 'providers' ? publicDirectory.providers : publicDirectory.venues;
    load(JSON.parse(queryKey) as ListQuery)
      .then((result) => isCurrent && setData(result as Page<PublicVenue | PublicPerson | PublicProvider>))
      .catch((e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, [tab, queryKey, attempt]);

  const select = (key: string, values: readonly string[], labelPath: string) => (
    <label key={key}>
      <span>{t(`directory.filters.${key}`)}</span>
      <Select<string>
        aria-label={t(`directory.filters.${key}`)}
        value={params.get(key) ?? ''}
        onChange={(v) => update({ [key]: v || undefined, page: undefined })}
        options={[{ value: '', label: t('directory.filters.any') }, ...values.map((v) => ({ value: v, label: t(`${labelPath}.${v}`) }))]}
      />
    </label>
  );

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <div className="directory-filters" role="search" aria-label={t('directory.filters.search')}>
        <RegionChooser value={params.get('region') ?? undefined} onChange={(code) => update({ region: code, page: undefined })} />
        {tab === 'people' && [select('role', PUBLIC_ROLES, 'directory.roles'), select('speciality', SPECIALITIES, 'directory.specialities'), select('language', DIRECTORY_LANGUAGES, 'directory.languages')]}
        {tab === 'providers' && select('kind', PROVIDER_KINDS, 'directory.providerKinds')}
        <label>
          <span>{t('directory.filters.search')}</span>
          <Input.Search
            aria-label={t('directory.filters.search')}
            value={search}
            allowClear
            enterButton={t('directory.searchButton')}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) update({ q: undefined, page: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
          />
        </label>
      </div>
      <div aria-live="polite" aria-busy={!data && !error}>
        {error ? (
          <p role="alert">
            {t('directory.loadError')} <Button onClick={() => setAttempt((n) => n + 1)}>{t('directory.retry')}</Button>
          </p>
        ) : !data ? (
          <div style={{ padding: 32, textAlign: 'center' }}>
            <Spin />
          </div>
        ) : data.items.length === 0 ? (
          <p>{t('directory.empty')}</p>
        ) : (
          <>
            <p className="directory-note" data-testid="directory-total">{t('directory.total', { count: data.total })}</p>
            <ul className="directory-list">
              {data.items.map((item) => (
                <li key={item.id}>
                  {tab === 'venues' ? <VenueItem venue={item as PublicVenue} /> : tab === 'people' ? <PersonItem person={item as PublicPerson} /> : <ProviderItem provider={item as PublicProvider} />}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {data && pages > 1 && (
        <nav className="directory-pager" aria-label={t('directory.pageOf', { page, pages })}>
          <Button disabled={page <= 1} onClick={() => update({ page: page > 2 ? String(page - 1) : undefined })}>
            {t('directory.previous')}
          </Button>
          <span>{t('directory.pageOf', { page, pages })}</span>
          <Button disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>
            {t('directory.next')}
          </Button>
        </nav>
      )}
    </>
  );
}

function ItemCard({ title, to, tag, children }: { title: string; to: string; tag: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <h3 style={{ fontSize: '1.15em', margin: '0 0 6px' }}>
        <Link to={to}>{title}</Link>
      </h3>
      <div style={{ marginBottom: 6 }}>{tag}</div>
      {children}
    </Card>
  );
}

function Phone({ phone }: { phone: string }) {
  const { t } = useTranslation();
  if (!phone) return null;
  return (
    <div>
      <PhoneOutlined aria-hidden /> <a href={`tel:${phone}`} aria-label={t('directory.call', { phone })}>{phone}</a>
    </div>
  );
}

function VenueItem({ venue }: { venue: PublicVenue }) {
  const { t } = useTranslation();
  return (
    <ItemCard title={venue.name} to={`/directory/venues/${venue.id}`} tag={<><Tag color="blue">{t(`directory.venueLevels.${venue.level}`)}</Tag> {venue.region.name}</>}>
      {venue.address && (
        <div>
          <EnvironmentOutlined aria-hidden /> {venue.address}
        </div>
      )}
      {venue.openingHours && <div>{t('directory.fields.hours')}：{venue.openingHours}</div>}
      <Phone phone={venue.phone} />
      {venue.services.length > 0 && <div style={{ marginTop: 6 }}>{venue.services.map((s) => <Tag key={s}>{t(`directory.services.${s}`)}</Tag>)}</div>}
    </ItemCard>
  );
}

function PersonItem({ person }: { person: PublicPerson }) {
  const { t } = useTranslation();
  return (
    <ItemCard title={person.displayName} to={`/directory/people/${person.id}`} tag={<><Tag color="green">{t(`directory.roles.${person.role}`)}</Tag> {person.region.name}</>}>
      {person.specialities.length > 0 && <div>{t('directory.fields.specialities')}：{person.specialities.map((s) => t(`directory.specialities.${s}`)).join('、')}</div>}
      {person.languages.length > 0 && <div>{t('directory.fields.languages')}：{person.languages.map((l) => t(`directory.languages.${l}`)).join('、')}</div>}
      {person.officePhone && <Phone phone={person.officePhone} />}
    </ItemCard>
  );
}

function ProviderItem({ provider }: { provider: PublicProvider }) {
  const { t } = useTranslation();
  return (
    <ItemCard title={provider.name} to={`/directory/providers/${provider.id}`} tag={<><Tag color="purple">{t(`directory.providerKinds.${provider.kind}`)}</Tag> {provider.region.name}</>}>
      {provider.address && (
        <div>
          <EnvironmentOutlined aria-hidden /> {provider.address}
        </div>
      )}
      <Phone phone={provider.phone} />
    </ItemCard>
  );
}
