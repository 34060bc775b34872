import { useEffect, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { ARTICLE_STATUSES, listArticles, type Article, type ArticleStatus } from './api';

const PAGE_SIZE = 20;
export const STATUS_COLORS: Record<ArticleStatus, string> = { draft: 'default', published: 'green', withdrawn: 'orange' };

/** 普法与公告 in the workbench: the articles of the account's scope, by status. */
export default function ArticleListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ArticleStatus | null) ?? undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [data, setData] = useState<{ items: Article[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [search, setSearch] = useState(q);

  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    listArticles({ status, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((result) => isCurrent && (setData(result), setError(undefined)))
      .catch((e) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [status, q, page]);

  function update(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  }

  const columns: TableColumnsType<Article> = [
    { title: t('content.workbench.title'), dataIndex: 'title', render: (title: string, a) => <Link to={`/workbench/articles/${a.id}`}>{title}</Link> },
    { title: t('content.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`content.kinds.${k}`) },
    { title: t('content.category'), dataIndex: 'category', width: 120, render: (c: string) => t(`content.categories.${c}`) },
    { title: t('content.workbench.status'), dataIndex: 'status', width: 90, render: (s: ArticleStatus) => <Tag color={STATUS_COLORS[s]}>{t(`content.workbench.statuses.${s}`)}</Tag> },
    { title: t('content.workbench.regionCol'), key: 'region', width: 120, render: (_, a) => a.region.name },
    { title: t('content.workbench.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageTitle
        extra={
          me.abilities.writeArticles && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/workbench/articles/new')}>
              {t('content.workbench.newArticle')}
            </Button>
          )
        }
      >
        {t('content.workbench.listTitle')}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} role="search" aria-label={t('content.filters')}>
          <Select<ArticleStatus | ''>
            aria-label={t('content.workbench.status')}
            style={{ minWidth: 140 }}
            value={status ?? ''}
            onChange={(v) => update({ status: v || undefined, page: undefined })}
            options={[{ value: '', label: t('content.workbench.allStatuses') }, ...ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`content.workbench.statuses.${s}`) }))]}
          />
          <Input.Search
            aria-label={t('content.workbench.searchTitle')}
            placeholder={t('content.workbench.searchTitle')}
            allowClear
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (!e.target.value) update({ q: undefined, page: undefined });
            }}
            onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
            style={{ width: 260, maxWidth: '100%' }}
          />
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<Article>
            rowKey="id"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 760 }}
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
