import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Empty, List, Space, Spin, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { getVenue, LEVEL_COLORS, type Venue } from './api';

export default function VenueDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [venue, setVenue] = useState<Venue>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let isCurrent = true;
    setVenue(undefined);
    setError(undefined);
    getVenue(id)
      .then((v) => isCurrent && setVenue(v))
      .catch((e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, [id]);

  if (error) return <ErrorResult error={error} backTo="/workbench/venues" />;
  if (!venue) {
    return (
      <div role="status" style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));

  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Button onClick={() => navigate('/workbench/venues')}>{t('common.back')}</Button>
            {venue.abilities?.update && (
              <Button type="primary" icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/workbench/venues/${venue.id}/edit`)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
        }
      >
        {venue.name} <Tag color={LEVEL_COLORS[venue.level]}>{t(`venueLevels.${venue.level}`)}</Tag>
      </PageTitle>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('venues.basics')}>
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
            <Descriptions.Item label={t('venues.region')}>
              {venue.region.name} ({venue.region.code})
            </Descriptions.Item>
            <Descriptions.Item label={t('venues.address')}>{venue.address}</Descriptions.Item>
            <Descriptions.Item label={t('venues.openingHours')}>{venue.openingHours}</Descriptions.Item>
            <Descriptions.Item label={t('venues.phone')}>{venue.phone}</Descriptions.Item>
            <Descriptions.Item label={t('venues.floorArea')}>{venue.floorArea === null ? '—' : `${venue.floorArea} m²`}</Descriptions.Item>
            <Descriptions.Item label={t('venues.streetFacing')}>{yesNo(venue.isStreetFacingGroundFloor)}</Descriptions.Item>
            <Descriptions.Item label={t('venues.updatedAt')}>{formatDateTime(venue.updatedAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('venues.windows')}>
          {venue.windows.length === 0 ? (
            <Empty description={t('common.noData')} />
          ) : (
            <List
              dataSource={venue.windows}
              renderItem={(w) => (
                <List.Item>
                  <List.Item.Meta
                    title={w.name}
                    description={w.services.map((s) => (
                      <Tag key={s}>{t(`services.${s}`)}</Tag>
                    ))}
                  />
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card title={t('venues.equipment')}>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('venues.hasTouchKiosk')}>{yesNo(venue.equipment.hasTouchKiosk)}</Descriptions.Item>
            <Descriptions.Item label={t('venues.hasDisplayScreen')}>{yesNo(venue.equipment.hasDisplayScreen)}</Descriptions.Item>
            <Descriptions.Item label={t('venues.hasRemoteVideo')}>{yesNo(venue.equipment.hasRemoteVideo)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('venues.posts')}>
          {venue.posts.length === 0 ? (
            <Empty description={t('common.noData')} />
          ) : (
            <Descriptions column={1} bordered size="small">
              {venue.posts.map((p) => (
                <Descriptions.Item key={p.post} label={t(`posts.${p.post}`)}>
                  {p.accounts.length === 0
                    ? '—'
                    : p.accounts.map((a) => (
                        <Tag key={a.id}>
                          {a.displayName} ({a.username})
                        </Tag>
                      ))}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
      </Space>
    </>
  );
}
