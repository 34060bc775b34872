import { useEffect, useId, useState } from 'react';
import { Button, Card, Select, Space, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePreferences } from '../../app/preferences';
import { ARTICLE_CATEGORIES, ARTICLE_KINDS, beijingDate, listPublicArticles, type ArticleCategory, type ArticleKind, type PublicArticle } from '../../modules/content/api';
import { RegionChooser, rememberedRegion } from './RegionChooser';

const PAGE_SIZE = 10;

/** /news: published articles and notices of the visitor's region and above, newest first. */
export default function NewsListPage() {
  const { t } = useTranslation();
  const { isElderMode } = usePreferences();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as ArticleKind | null) ?? undefined;
  const category = (params.get('category') as ArticleCategory | null) ?? undefined;
  const region = params.get('region') ?? rememberedRegion();
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [data, setData] = useState<{ items: PublicArticle[]; total: number }>();
  const [hasFailed, setFailed] = useState(false);
  const headingId = useId();

  useEffect(() => {
    let isCurrent = true;
    setData(undefined);
    listPublicArticles({ kind, category, regionCode: region, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((result) => isCurrent && (setData(result), setFailed(false)))
      .catch(() => isCurrent && setFailed(true));
    return () => {
      isCurrent = false;
    };
  }, [kind, category, region, page]);

  function update(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  }

  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('content.newsTitle')}
      </Typography.Title>
      <p style={{ color: 'rgba(0,0,0,0.7)' }}>{t('content.newsIntro')}</p>
      <Card style={{ marginBottom: 16 }}>
        <section aria-label={t('content.filters')}>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              <Select<ArticleKind | ''>
                aria-label={t('content.kind')}
                value={kind ?? ''}
                onChange={(v) => update({ kind: v || undefined, page: undefined })}
                options={[{ value: '', label: t('content.allKinds') }, ...ARTICLE_KINDS.map((k) => ({ value: k, label: t(`content.kinds.${k}`) }))]}
                style={{ minWidth: 140, flex: '1 1 140px' }}
              />
              <Select<ArticleCategory | ''>
                aria-label={t('content.category')}
                value={category ?? ''}
                onChange={(v) => update({ category: v || undefined, page: undefined })}
                options={[{ value: '', label: t('content.allCategories') }, ...ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`content.categories.${c}`) }))]}
                style={{ minWidth: 160, flex: '1 1 160px' }}
              />
            </div>
            <RegionChooser value={region} onChange={(code) => update({ region: code, page: undefined })} />
          </Space>
        </section>
      </Card>
      <section aria-labelledby={headingId} aria-busy={!data && !hasFailed}>
        <h2 id={headingId} className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {t('content.newsTitle')}
        </h2>
        {hasFailed ? (
          <p role="alert">{t('content.loadFailed')}</p>
        ) : !data ? (
          <div style={{ textAlign: 'center', padding: 32 }} role="status">
            <Spin />
          </div>
        ) : data.items.length === 0 ? (
          <p>{t('content.empty')}</p>
        ) : (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12 }}>
            {data.items.map((article) => (
              <li key={article.id}>
                <Card hoverable styles={{ body: { padding: isElderMode ? 20 : 16 } }}>
                  <article style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                    {article.coverUrl && !isElderMode && (
                      <img src={article.coverUrl} alt="" loading="lazy" width={96} height={72} style={{ objectFit: 'cover', borderRadius: 6, flex: 'none' }} />
                    )}
                    <div style={{ minWidth: 0, flex: 1 }}>
                      <h3 style={{ fontSize: '1.15em', margin: '0 0 6px', overflowWrap: 'anywhere' }}>
                        <Link to={`/news/${article.id}`}>{article.title}</Link>
                      </h3>
                      {article.summary && (
                        <p style={{ margin: '0 0 6px', color: 'rgba(0,0,0,0.7)', overflowWrap: 'anywhere' }}>{article.summary}</p>
                      )}
                      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', color: 'rgba(0,0,0,0.7)' }}>
                        <Tag color={article.kind === 'notice' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>{t(`content.kinds.${article.kind}`)}</Tag>
                        <Tag style={{ marginInlineEnd: 0 }}>{t(`content.categories.${article.category}`)}</Tag>
                        <time dateTime={article.publishedAt}>{beijingDate(article.publishedAt)}</time>
                        <span>· {article.region.name}</span>
                      </div>
                    </div>
                  </article>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {data && pages > 1 && (
          <nav aria-label={t('content.pageOf', { page, pages })} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 16, gap: 8 }}>
            <Button disabled={page <= 1} onClick={() => update({ page: page > 2 ? String(page - 1) : undefined })}>
              {t('content.prev')}
            </Button>
            <span>{t('content.pageOf', { page, pages })}</span>
            <Button disabled={page >= pages} onClick={() => update({ page: String(page + 1) })}>
              {t('content.next')}
            </Button>
          </nav>
        )}
      </section>
    </>
  );
}
