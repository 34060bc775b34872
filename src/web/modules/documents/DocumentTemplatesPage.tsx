import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { useMe } from '../../app/session';
import { listTemplates, resetTemplate, saveTemplate, type DocumentKind, type DocumentTemplate } from './api';

/**
 * 文书模板: the text of each generated document, with the placeholders it may use. Shipped with
 * the release; an admin at a root node edits them for the deployment or puts the shipped text back.
 */
export default function DocumentTemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManage = Boolean(me.abilities.manageDocumentTemplates);
  const [items, setItems] = useState<DocumentTemplate[]>();
  const [error, setError] = useState<unknown>();
  const [kind, setKind] = useState<DocumentKind>('legal_aid_application');
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [isSaving, setSaving] = useState(false);
  const current = items?.find((i) => i.kind === kind);

  const load = useCallback(() => {
    listTemplates().then(setItems, setError);
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    if (current) form.setFieldsValue({ title: current.title, body: current.body });
  }, [current, form]);

  async function run(action: () => Promise<DocumentTemplate>, done: string) {
    setSaving(true);
    try {
      const saved = await action();
      setItems((list) => list?.map((i) => (i.kind === saved.kind ? saved : i)));
      message.success(done);
    } catch (e) {
      if (e instanceof ApiError && (e.field === 'title' || e.field === 'body')) form.setFields([{ name: e.field, errors: [e.message] }]);
      else message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <PageTitle>{t('documents.templates.title')}</PageTitle>
      <p>{t('documents.templates.intro')}</p>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="template-kind">{t('documents.kind')}</label>
        <Select
          id="template-kind"
          style={{ minWidth: 260 }}
          value={kind}
          onChange={setKind}
          loading={!items}
          options={(items ?? []).map((i) => ({ value: i.kind, label: i.name }))}
        />
        {current ? <Tag color={current.isShipped ? 'default' : 'blue'}>{current.isShipped ? t('documents.templates.shipped') : t('documents.templates.edited')}</Tag> : null}
        {current?.updatedAt ? <span style={{ color: '#666' }}>{t('documents.templates.version', { version: current.version, at: formatDateTime(current.updatedAt) })}</span> : null}
      </Space>
      {current ? (
        <Card>
          <Form form={form} layout="vertical" disabled={!canManage} onFinish={(v) => run(() => saveTemplate(kind, v), t('documents.templates.saved'))}>
            <Form.Item name="title" label={t('documents.templates.docTitle')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="body" label={t('documents.templates.body')} extra={t('documents.templates.syntax', { open: '{{', close: '}}' })} rules={[{ required: true }]}>
              <Input.TextArea rows={18} style={{ fontFamily: 'ui-monospace, monospace' }} />
            </Form.Item>
            {canManage ? (
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={isSaving}>
                  {t('common.save')}
                </Button>
                <Popconfirm title={t('documents.templates.resetConfirm')} onConfirm={() => run(() => resetTemplate(kind), t('documents.templates.resetDone'))}>
                  <Button disabled={current.isShipped}>{t('documents.templates.reset')}</Button>
                </Popconfirm>
              </Space>
            ) : (
              <Alert type="info" showIcon message={t('documents.templates.readOnly')} />
            )}
          </Form>
          <h2 style={{ fontSize: '1em', marginTop: 24 }}>{t('documents.templates.placeholders')}</h2>
          <Space wrap size={[4, 4]}>
            {current.placeholders.map((p) => (
              <Typography.Text key={p} code copyable={{ text: `{{${p}}}` }}>{`{{${p}}}`}</Typography.Text>
            ))}
          </Space>
          <h2 style={{ fontSize: '1em', marginTop: 16 }}>{t('documents.templates.fields')}</h2>
          <ul>
            {current.fields.map((f) => (
              <li key={f.key}>
                <code>{f.key}</code> {f.label}
                {f.isRequired ? ` · ${t('documents.templates.requiredField')}` : ''}
                {f.options ? ` · ${f.options.map((o) => `${o.value}=${o.label}`).join('，')}` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
