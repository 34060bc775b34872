import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { Help } from './Help';
import { createWording, deleteWording, listWordings, splitWords, updateWording, type Wording } from './entries-api';

type Draft = { everyday: string; legal: string };

/** A refusal naming everyday[i] or legal, in words for the field it belongs to. */
function fieldOf(error: unknown): 'everyday' | 'legal' | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  if (error.field.startsWith('everyday')) return 'everyday';
  return error.field === 'legal' ? 'legal' : null;
}

/**
 * 口语对照表: the everyday words people use and the legal terms a search adds for them.
 * Everyone reads it; an admin at a root node adds, edits, deactivates and removes rows in place.
 */
export default function WordingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [addForm] = Form.useForm<Draft>();
  const [data, setData] = useState<{ items: Wording[]; total: number; abilities: { manage: boolean } }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [q, setQ] = useState('');
  const [active, setActive] = useState<'' | 'true' | 'false'>('');
  const [editing, setEditing] = useState<{ id: string; draft: Draft; problem?: { field: 'everyday' | 'legal'; text: string } }>();
  const [isAdding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listWordings({ q: q || undefined, isActive: active === '' ? undefined : active === 'true', limit: 500 }));
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [q, active]);

  useEffect(() => {
    void load();
  }, [load]);

  const canManage = Boolean(data?.abilities.manage);

  async function add(values: Draft) {
    setAdding(true);
    try {
      await createWording({ everyday: splitWords(values.everyday), legal: values.legal });
      addForm.resetFields();
      message.success(t('knowledgeAdmin.wordings.added'));
      await load();
    } catch (e) {
      const field = fieldOf(e);
      if (field || (e instanceof ApiError && e.code === 'CONFLICT')) addForm.setFields([{ name: field ?? 'everyday', errors: [errorMessage(t, e)] }]);
      else message.error(errorMessage(t, e));
    } finally {
      setAdding(false);
    }
  }

  async function saveEdit() {
    if (!editing) return;
    try {
      await updateWording(editing.id, { everyday: splitWords(editing.draft.everyday), legal: editing.draft.legal });
      setEditing(undefined);
      message.success(t('knowledgeAdmin.wordings.saved'));
      await load();
    } catch (e) {
      const field = fieldOf(e) ?? (e instanceof ApiError && e.code === 'CONFLICT' ? 'everyday' : null);
      if (field) setEditing({ ...editing, problem: { field, text: errorMessage(t, e) } });
      else message.error(errorMessage(t, e));
    }
  }

  async function run(change: () => Promise<unknown>, done: string) {
    try {
      await change();
      message.success(done);
      await load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  const isEditing = (w: Wording) => editing?.id === w.id;
  const columns: TableColumnsType<Wording> = [
    {
      title: t('knowledgeAdmin.wordings.everyday'),
      key: 'everyday',
      render: (_, w) =>
        isEditing(w) ? (
          <Input
            aria-label={t('knowledgeAdmin.wordings.everydayOf', { legal: w.legal })}
            value={editing!.draft.everyday}
            status={editing!.problem?.field === 'everyday' ? 'error' : undefined}
            onChange={(e) => setEditing({ ...editing!, draft: { ...editing!.draft, everyday: e.target.value }, problem: undefined })}
          />
        ) : (
          <Space size={[4, 4]} wrap>
            {w.everyday.map((word) => (
              <Tag key={word} style={{ marginInlineEnd: 0 }}>
                {word}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('knowledgeAdmin.wordings.legal'),
      key: 'legal',
      render: (_, w) =>
        isEditing(w) ? (
          <Input
            aria-label={t('knowledgeAdmin.wordings.legalOf', { words: w.everyday.join(' ') })}
            value={editing!.draft.legal}
            status={editing!.problem?.field === 'legal' ? 'error' : undefined}
            onChange={(e) => setEditing({ ...editing!, draft: { ...editing!.draft, legal: e.target.value }, problem: undefined })}
          />
        ) : (
          w.legal
        ),
    },
    {
      title: t('knowledgeAdmin.wordings.isActive'),
      key: 'isActive',
      width: 90,
      render: (_, w) => (
        <Switch
          checked={w.isActive}
          disabled={!canManage}
          aria-label={t('knowledgeAdmin.wordings.activeOf', { words: w.everyday.join(' '), legal: w.legal })}
          onChange={(checked) => void run(() => updateWording(w.id, { isActive: checked }), t(checked ? 'knowledgeAdmin.wordings.activated' : 'knowledgeAdmin.wordings.deactivated'))}
        />
      ),
    },
    { title: t('knowledgeAdmin.wordings.source'), key: 'source', width: 110, render: (_, w) => w.createdBy?.displayName ?? t('knowledgeAdmin.wordings.shipped') },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, w) =>
        isEditing(w) ? (
          <Space wrap size={4}>
            <Button type="link" size="small" onClick={() => void saveEdit()}>
              {t('common.save')}
            </Button>
            <Button type="link" size="small" onClick={() => setEditing(undefined)}>
              {t('common.cancel')}
            </Button>
            {editing?.problem && (
              <div role="alert" style={{ color: '#cf1322', width: '100%' }}>
                {editing.problem.text}
              </div>
            )}
          </Space>
        ) : (
          <Space wrap size={4}>
            <Button type="link" size="small" aria-label={t('knowledgeAdmin.wordings.editOf', { words: w.everyday.join(' '), legal: w.legal })} onClick={() => setEditing({ id: w.id, draft: { everyday: w.everyday.join(' '), legal: w.legal } })}>
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('knowledgeAdmin.wordings.deleteConfirm')} onConfirm={() => run(() => deleteWording(w.id), t('knowledgeAdmin.wordings.deleted'))} okText={t('knowledgeAdmin.wordings.delete')} cancelText={t('common.cancel')}>
              <Button type="link" size="small" aria-label={t('knowledgeAdmin.wordings.deleteOf', { words: w.everyday.join(' '), legal: w.legal })}>
                {t('knowledgeAdmin.wordings.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    });
  }

  return (
    <>
      <PageTitle>{t('knowledgeAdmin.wordings.title')}</PageTitle>
      <p style={{ marginTop: -8 }}>{t('knowledgeAdmin.wordings.intro')}</p>
      {data && !canManage && <Alert type="info" showIcon message={t('knowledgeAdmin.wordings.readOnly')} style={{ marginBottom: 12 }} />}
      {canManage && (
        <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('knowledgeAdmin.wordings.addTitle')}</h2>} style={{ marginBottom: 16 }}>
          <Form form={addForm} layout="inline" onFinish={(values) => void add(values)} style={{ rowGap: 8 }}>
            <Form.Item name="everyday" label={t('knowledgeAdmin.wordings.everyday')} rules={[{ required: true, whitespace: true }]} extra={<Help>{t('knowledgeAdmin.wordings.everydayHelp')}</Help>}>
              <Input placeholder={t('knowledgeAdmin.wordings.everydayPlaceholder')} style={{ width: 240, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item name="legal" label={t('knowledgeAdmin.wordings.legal')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input placeholder={t('knowledgeAdmin.wordings.legalPlaceholder')} style={{ width: 220, maxWidth: '100%' }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={isAdding}>
                {t('knowledgeAdmin.wordings.add')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Card>
        <Space wrap style={{ marginBottom: 16 }} role="search" aria-label={t('knowledgeAdmin.filters')}>
          <Select<'' | 'true' | 'false'>
            aria-label={t('knowledgeAdmin.wordings.isActive')}
            style={{ minWidth: 120 }}
            value={active}
            onChange={setActive}
            options={[
              { value: '', label: t('knowledgeAdmin.wordings.all') },
              { value: 'true', label: t('knowledgeAdmin.wordings.activeOnly') },
              { value: 'false', label: t('knowledgeAdmin.wordings.inactiveOnly') },
            ]}
          />
          <Input.Search
            aria-label={t('knowledgeAdmin.wordings.search')}
            placeholder={t('knowledgeAdmin.wordings.search')}
            allowClear
            onSearch={(v) => setQ(v.trim())}
            style={{ width: 240, maxWidth: '100%' }}
          />
        </Space>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<Wording>
            rowKey="id"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 720 }}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }) }}
          />
        )}
      </Card>
    </>
  );
}
