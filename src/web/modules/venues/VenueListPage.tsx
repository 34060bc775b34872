import { useEffect, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { ErrorResult } from '../../app/ErrorResult';
import { PageTitle } from '../../workbench/PageTitle';
import { LEVEL_COLORS, listVenues, VENUE_LEVELS, type Venue, type VenueLevel } from './api';

const PAGE_SIZE = 20;

function Yes({ value, label }: { value: boolean; label: string }) {
  return value ? <CheckOutlined aria-label={label} style={{ color: '#15803d' }} /> : <span aria-label={label}>—</span>;
}

export default function VenueListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const level = (params.get('level') as VenueLevel | null) ?? undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [data, setData] = useState<{ items: Venue[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [search, setSearch] = useState(q);

  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    listVenues({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, level, q: q || undefined })
      .then((result) => {
        if (isCurrent) {
          setData(result);
          setError(undefined);
        }
      })
      .catch((e) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [level, q, page]);

  function update(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  }

  const columns: TableColumnsType<Venue> = [
    {
      title: t('venues.name'),
      dataIndex: 'name',
      render: (name: string, v) => <Link to={`/workbench/venues/${v.id}`}>{name}</Link>,
    },
    {
      title: t('venues.level'),
      dataIndex: 'level',
      width: 110,
      render: (l: VenueLevel) => <Tag color={LEVEL_COLORS[l]}>{t(`venueLevels.${l}`)}</Tag>,
    },
    { title: t('venues.region'), key: 'region', render: (_, v) => v.region?.name },
    { title: t('venues.phone'), dataIndex: 'phone', width: 150 },
    {
      title: t('venues.streetFacing'),
      dataIndex: 'isStreetFacingGroundFloor',
      width: 120,
      align: 'center',
      render: (b: boolean) => <Yes value={b} label={b ? t('common.yes') : t('common.no')} />,
    },
    {
      title: t('venues.windowsCount'),
      key: 'windows',
      width: 90,
      align: 'right',
      render: (_, v) => v.windows?.length ?? 0,
    },
    {
      title: t('venues.kiosk'),
      key: 'kiosk',
      width: 110,
      align: 'center',
      render: (_, v) => (
        <Yes value={!!v.equipment?.hasTouchKiosk} label={v.equipment?.hasTouchKiosk ? t('common.yes') : t('common.no')} />
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          me.abilities.createVenue && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/workbench/venues/new')}>
              {t('venues.create')}
            </Button>
          )
        }
      >
        {t('nav.venues')}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} role="search" aria-label={t('venues.filters')}>
          <Select<VenueLevel | ''>
            aria-label={t('venues.level')}
            style={{ minWidth: 160 }}
            value={level ?? ''}
            onChange={(v) => update({ level: v || undefined, page: undefined })}
            options={[
              { value: '', label: t('venues.allLevels') },
              ...VENUE_LEVELS.map((l) => ({ value: l, label: t(`venueLevels.${l}`) })),
            ]}
          />
          <Input.Search
            aria-label={t('venues.search')}
            placeholder={t('venues.searchPlaceholder')}
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) update({ q: undefined, page: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
            style={{ width: 280 }}
          />
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<Venue>
            rowKey="id"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 800 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
            }}
          />
        )}
      </Card>
    </>
  );
}
