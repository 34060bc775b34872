import { useEffect, useState } from 'react';
import { Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { usePreferences } from '../../app/preferences';
import { ArticleBody } from '../../modules/content/ArticleBody';
import { beijingDate, getPublicArticle, type PublicArticleDetail } from '../../modules/content/api';

/** /news/:id: one published article, readable on a phone and in elder mode. */
export default function NewsArticlePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { isElderMode } = usePreferences();
  const [article, setArticle] = useState<PublicArticleDetail>();
  const [failure, setFailure] = useState<'missing' | 'failed'>();

  useEffect(() => {
    let isCurrent = true;
    setArticle(undefined);
    setFailure(undefined);
    getPublicArticle(id)
      .then((a) => isCurrent && setArticle(a))
      .catch((e) => isCurrent && setFailure(e instanceof ApiError && e.status < 500 && e.status > 0 ? 'missing' : 'failed'));
    return () => {
      isCurrent = false;
    };
  }, [id]);

  useEffect(() => {
    if (article) document.title = `${article.title} · ${t('app.name')}`;
  }, [article, t]);

  const back = (
    <p style={{ margin: '8px 0 16px' }}>
      <Link to="/news">← {t('content.backToNews')}</Link>
    </p>
  );

  return (
    <>
      {back}
      {failure ? (
        <>
          <Typography.Title level={1}>{failure === 'missing' ? t('content.notFound') : t('content.loadFailed')}</Typography.Title>
        </>
      ) : !article ? (
        <div style={{ textAlign: 'center', padding: 32 }} role="status">
          <Spin />
        </div>
      ) : (
        <article style={{ background: '#fff', borderRadius: 8, padding: isElderMode ? 20 : 16, maxWidth: 760 }}>
          <Typography.Title level={1} style={{ fontSize: isElderMode ? '1.8em' : '1.6em', marginTop: 0, overflowWrap: 'anywhere' }}>
            {article.title}
          </Typography.Title>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 16, color: 'rgba(0,0,0,0.7)' }}>
            <Tag color={article.kind === 'notice' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>{t(`content.kinds.${article.kind}`)}</Tag>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`content.categories.${article.category}`)}</Tag>
            <span>
              {t('content.publishedAt')}: <time dateTime={article.publishedAt}>{beijingDate(article.publishedAt)}</time>
            </span>
            <span>
              {t('content.source')}: {t('content.sourceOf', { region: article.region.name })}
            </span>
          </div>
          {article.coverUrl && (
            <img src={article.coverUrl} alt="" style={{ width: '100%', maxHeight: 360, objectFit: 'cover', borderRadius: 8, marginBottom: 16 }} />
          )}
          {article.summary && <p style={{ fontWeight: 600, fontSize: '1.05em' }}>{article.summary}</p>}
          <ArticleBody blocks={article.blocks} isLarge={isElderMode} />
        </article>
      )}
    </>
  );
}
