import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { RegionPicker } from '../regions/RegionPicker';
import { useMe } from '../../app/session';
import { OFFICE_PHONE_PATTERN, PROVIDER_KINDS, SERVICE_TYPES, providersApi, type Provider, type ProviderInput } from './api';

const PAGE_SIZE = 20;
const FIELDS = ['kind', 'name', 'regionCode', 'address', 'phone', 'openingHours', 'services', 'licenceNumber', 'description', 'isListed'];

/** 法律服务机构: the providers of the admin's region, listed in the public directory or not. */
export default function ProvidersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [data, setData] = useState<{ items: Provider[]; total: number; canCreate: boolean }>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const [form] = Form.useForm<ProviderInput>();
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    providersApi.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, q: q || undefined }).then(
      (result) => isCurrent && (setData(result), setError(undefined)),
      (e) => isCurrent && setError(e),
    );
    return () => {
      isCurrent = false;
    };
  }, [page, q, reload]);

  function open(target: Provider | 'new') {
    setEditing(target);
    form.resetFields();
    form.setFieldsValue(
      target === 'new'
        ? { kind: 'law_firm', regionCode: me.region.code, services: [], isListed: true, address: '', phone: '', openingHours: '', licenceNumber: '', description: '' }
        : { ...target },
    );
  }

  async function save(values: ProviderInput) {
    setSaving(true);
    try {
      if (editing === 'new') await providersApi.create(values);
      else if (editing) await providersApi.update(editing.id, values);
      message.success(t(editing === 'new' ? 'directory.providers.created' : 'directory.providers.saved'));
      setEditing(null);
      setReload((n) => n + 1);
    } catch (e) {
      const fieldError = fieldErrorFor(t, e, FIELDS);
      if (fieldError) form.setFields([fieldError as never]);
      else message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <PageTitle
        extra={
          data?.canCreate && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
              {t('directory.providers.new')}
            </Button>
          )
        }
      >
        {t('directory.providers.title')}
      </PageTitle>
      <Card>
        <p>{t('directory.providers.intro')}</p>
        <Input.Search
          aria-label={t('directory.providers.search')}
          placeholder={t('directory.providers.search')}
          allowClear
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <RecordTable<Provider>
          rowKey="id"
          loading={!data}
          dataSource={data?.items ?? []}
          cardLabel={(p) => p.name}
          locale={{ emptyText: t('directory.providers.empty') }}
          columns={[
            { title: t('directory.providers.name'), dataIndex: 'name' },
            { title: t('directory.providers.kind'), dataIndex: 'kind', render: (k: string) => t(`directory.providerKinds.${k}`) },
            { title: t('directory.providers.region'), key: 'region', render: (_, p) => p.region.name },
            { title: t('directory.providers.phone'), dataIndex: 'phone' },
            { title: t('directory.providers.isListed'), dataIndex: 'isListed', render: (b: boolean) => (b ? <Tag color="green">{t('directory.providers.listed')}</Tag> : <Tag>{t('directory.providers.unlisted')}</Tag>) },
            {
              title: t('directory.providers.actions'),
              key: 'actions',
              render: (_, p) =>
                p.abilities.update && (
                  <Button size="small" onClick={() => open(p)} aria-label={`${t('directory.providers.edit')} ${p.name}`}>
                    {t('directory.providers.edit')}
                  </Button>
                ),
            },
          ]}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('directory.providers.new') : t('directory.providers.editTitle')}
        onCancel={() => setEditing(null)}
        footer={null}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
          <Form.Item name="kind" label={t('directory.providers.kind')} rules={[{ required: true }]}>
            <Select options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`directory.providerKinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('directory.providers.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('directory.providers.region')} rules={[{ required: true }]}>
            <RegionPicker initial={editing && editing !== 'new' ? editing.region : me.region} />
          </Form.Item>
          <Form.Item name="address" label={t('directory.providers.address')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="phone" label={t('directory.providers.phone')} rules={[{ pattern: new RegExp(OFFICE_PHONE_PATTERN), message: t('directory.myProfile.phoneInvalid') }]}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item name="openingHours" label={t('directory.providers.hours')} rules={[{ max: 100 }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="services" label={t('directory.providers.services')}>
            <Select mode="multiple" options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} />
          </Form.Item>
          <Form.Item name="licenceNumber" label={t('directory.providers.licenceNumber')} rules={[{ max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="description" label={t('directory.providers.description')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="isListed" valuePropName="checked" label={t('directory.providers.isListed')}>
            <Switch />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={isSaving}>
              {t('directory.providers.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('directory.providers.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
