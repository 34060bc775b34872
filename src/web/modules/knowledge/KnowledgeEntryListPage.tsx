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
import { KNOWLEDGE_KINDS, KNOWLEDGE_STATUSES, listKnowledgeEntries, type KnowledgeEntry, type KnowledgeKind, type KnowledgeStatus } from './entries-api';

const PAGE_SIZE = 20;
// Solid colours with white text: the light green and orange presets fall short of WCAG's contrast on their text.
export const ENTRY_STATUS_COLORS: Record<KnowledgeStatus, string> = { draft: 'default', published: '#237804', withdrawn: '#ad4e00' };

/** 常见问题与以案释法 in the workbench: the entries of the account's scope, by kind and status. */
export default function KnowledgeEntryListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as KnowledgeKind | null) ?? undefined;
  const status = (params.get('status') as KnowledgeStatus | null) ?? undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [data, setData] = useState<{ items: KnowledgeEntry[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [search, setSearch] = useState(q);

  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    listKnowledgeEntries({ kind, status, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((result) => isCurrent && (setData(result), setError(undefined)))
      .catch((e) => isCurrent && setError(e))
      .finally(() => isCurrent && setLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [kind, status, q, page]);

  function update(next: Record<string, string | undefined>) {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged, { replace: true });
  }

  const columns: TableColumnsType<KnowledgeEntry> = [
    { title: t('knowledgeAdmin.title'), dataIndex: 'title', render: (title: string, e) => <Link to={`/workbench/knowledge/${e.id}`}>{title}</Link> },
    { title: t('knowledgeAdmin.kind'), dataIndex: 'kind', width: 100, render: (k: KnowledgeKind) => t(`knowledgeAdmin.kinds.${k}`) },
    { title: t('knowledgeAdmin.category'), dataIndex: 'category', width: 110, render: (c: string | null) => (c ? t(`categories.${c}`, { defaultValue: c }) : '—') },
    { title: t('knowledgeAdmin.citationCount'), key: 'citations', width: 90, render: (_, e) => e.citations.length },
    { title: t('knowledgeAdmin.status'), dataIndex: 'status', width: 90, render: (s: KnowledgeStatus) => <Tag color={ENTRY_STATUS_COLORS[s]}>{t(`knowledgeAdmin.statuses.${s}`)}</Tag> },
    { title: t('knowledgeAdmin.region'), key: 'region', width: 120, render: (_, e) => e.region.name },
    { title: t('knowledgeAdmin.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageTitle
        extra={
          me.abilities.writeKnowledge && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => navigate('/workbench/knowledge/new')}>
              {t('knowledgeAdmin.newEntry')}
            </Button>
          )
        }
      >
        {t('knowledgeAdmin.listTitle')}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 16 }} role="search" aria-label={t('knowledgeAdmin.filters')}>
          <Select<KnowledgeKind | ''>
            aria-label={t('knowledgeAdmin.kind')}
            style={{ minWidth: 140 }}
            value={kind ?? ''}
            onChange={(v) => update({ kind: v || undefined, page: undefined })}
            options={[{ value: '', label: t('knowledgeAdmin.allKinds') }, ...KNOWLEDGE_KINDS.map((k) => ({ value: k, label: t(`knowledgeAdmin.kinds.${k}`) }))]}
          />
          <Select<KnowledgeStatus | ''>
            aria-label={t('knowledgeAdmin.status')}
            style={{ minWidth: 140 }}
            value={status ?? ''}
            onChange={(v) => update({ status: v || undefined, page: undefined })}
            options={[{ value: '', label: t('knowledgeAdmin.allStatuses') }, ...KNOWLEDGE_STATUSES.map((s) => ({ value: s, label: t(`knowledgeAdmin.statuses.${s}`) }))]}
          />
          <Input.Search
            aria-label={t('knowledgeAdmin.search')}
            placeholder={t('knowledgeAdmin.search')}
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
          <Table<KnowledgeEntry>
            rowKey="id"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 860 }}
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
