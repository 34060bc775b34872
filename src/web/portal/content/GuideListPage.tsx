import { useEffect, useState } from 'react';
import { Card, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listGuides, type GuideSummary } from '../../modules/content/api';
import { RegionChooser, rememberedRegion } from './RegionChooser';

// Colours whose text keeps a 4.5:1 contrast on their background (axe-core, WCAG AA).
const FEE_COLORS = { free: 'blue', charged: 'red', partly: 'purple' } as const;

/** /guides: every service's guide, with what it costs and how many materials to bring. */
export default function GuideListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? rememberedRegion();
  const [items, setItems] = useState<GuideSummary[]>();
  const [hasFailed, setFailed] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    listGuides(region)
      .then((result) => isCurrent && (setItems(result.items), setFailed(false)))
      .catch(() => isCurrent && setFailed(true));
    return () => {
      isCurrent = false;
    };
  }, [region]);

  const suffix = region ? `?region=${encodeURIComponent(region)}` : '';

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('content.guidesTitle')}
      </Typography.Title>
      <p style={{ color: 'rgba(0,0,0,0.7)' }}>{t('content.guidesIntro')}</p>
      <Card style={{ marginBottom: 16 }}>
        <RegionChooser value={region} onChange={(code) => setParams(code ? { region: code } : {}, { replace: true })} />
      </Card>
      {hasFailed ? (
        <p role="alert">{t('content.loadFailed')}</p>
      ) : !items ? (
        <div style={{ textAlign: 'center', padding: 32 }} role="status">
          <Spin />
        </div>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))' }}>
          {items.map((guide) => (
            <li key={guide.serviceType}>
              <Card style={{ height: '100%' }}>
                <h2 style={{ fontSize: '1.15em', margin: '0 0 8px' }}>
                  <Link to={`/guides/${guide.serviceType}${suffix}`}>{t(`content.serviceNames.${guide.serviceType}`)}</Link>
                </h2>
                <p style={{ margin: '0 0 8px', color: 'rgba(0,0,0,0.7)' }}>{t(`content.guides.${guide.serviceType}.what`)}</p>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                  <Tag color={FEE_COLORS[guide.fee]} style={{ marginInlineEnd: 0 }}>{t(`content.feeTag.${guide.fee}`)}</Tag>
                  <Tag style={{ marginInlineEnd: 0 }}>{guide.materialCount > 0 ? t('content.materialCount', { count: guide.materialCount }) : t('content.noMaterialList')}</Tag>
                  {guide.isOnline && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('content.onlineToo')}</Tag>}
                </div>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
