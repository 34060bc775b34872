import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { errorMessage, fieldErrorText } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { attachmentUrl } from '../tickets/api';
import { generateDocument, listTicketDocuments, revokeDocument, type DocumentFormat, type DocumentKind, type GeneratedDocument, type TicketDocuments } from './api';

/**
 * 文书 on the ticket page: the documents generated for it (download, verification code) and
 * "生成文书" for the kinds of its service type, when the server says this account may.
 */
export function TicketDocumentsSection({ ticketId, onGenerated }: { ticketId: string; onGenerated?: () => void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<TicketDocuments>();
  const [error, setError] = useState<unknown>();
  const [isOpen, setOpen] = useState(false);
  const [revoking, setRevoking] = useState<GeneratedDocument>();

  const load = useCallback(() => {
    listTicketDocuments(ticketId)
      .then((d) => {
        setData(d);
        setError(undefined);
      })
      .catch(setError);
  }, [ticketId]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon message={errorMessage(t, error)} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {data.abilities.generate && data.kinds.length > 0 ? (
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('documents.generate')}
        </Button>
      ) : null}
      {data.items.length === 0 ? (
        <Empty description={t('documents.none')} />
      ) : (
        <List
          size="small"
          aria-label={t('documents.title')}
          dataSource={[...data.items].reverse()}
          renderItem={(d) => (
            <List.Item>
              <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                <a href={attachmentUrl(d.attachmentId)} target="_blank" rel="noreferrer">
                  {d.fileName}
                </a>
                <span style={{ color: '#555' }}>
                  {t('documents.code')}：
                  <Typography.Text copyable className="nowrap" data-testid="verification-code">
                    {d.verificationCode}
                  </Typography.Text>{' '}
                  · <a href={`/verify/${d.verificationCode}`} target="_blank" rel="noreferrer">{t('documents.openVerify')}</a>
                </span>
                <span style={{ color: '#666' }}>
                  {d.format.toUpperCase()} · {Math.ceil(d.size / 1024)} KB · {d.createdBy?.displayName ?? '—'} · {formatDateTime(d.createdAt)}
                </span>
                {d.revocation ? (
                  <span data-testid="revocation">
                    <Tag color="red">{t('documents.revoked')}</Tag>
                    {t('documents.revokedInfo', { at: formatDateTime(d.revocation.at), by: d.revocation.by?.displayName ?? '—', reason: d.revocation.reason })}
                  </span>
                ) : null}
              </Space>
              {data.abilities.revoke && !d.revocation ? (
                <Button size="small" danger onClick={() => setRevoking(d)} aria-label={`${t('documents.revoke')} ${d.fileName}`}>
                  {t('documents.revoke')}
                </Button>
              ) : null}
            </List.Item>
          )}
        />
      )}
      <RevokeModal
        ticketId={ticketId}
        document={revoking}
        onClose={() => setRevoking(undefined)}
        onDone={() => {
          setRevoking(undefined);
          load();
        }}
      />
      <GenerateModal
        open={isOpen}
        kinds={data.kinds}
        ticketId={ticketId}
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          load();
          onGenerated?.();
        }}
      />
    </Space>
  );
}

/** 作废 with a reason (shown on the public verify page): the server records when, why and by whom, and audits it. */
function RevokeModal({ ticketId, document, onClose, onDone }: { ticketId: string; document?: GeneratedDocument; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  useEffect(() => {
    if (document) {
      form.resetFields();
      setFormError(undefined);
    }
  }, [document, form]);

  async function submit({ reason }: { reason: string }) {
    if (!document) return;
    setSaving(true);
    setFormError(undefined);
    try {
      await revokeDocument(ticketId, document.id, reason);
      message.success(t('documents.revokeDone', { name: document.name }));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.field === 'reason') form.setFields([{ name: 'reason', errors: [fieldErrorText(t, e)] }]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={document !== undefined}
      title={t('documents.revokeTitle')}
      okText={t('documents.revoke')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {document ? (
        <p>
          {document.fileName}（{t('documents.code')} {document.verificationCode}）
        </p>
      ) : null}
      <p>{t('documents.revokeHint')}</p>
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('documents.revokeReason')} rules={[{ required: true, whitespace: true, message: t('documents.revokeReason') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type FormValues = { kind?: DocumentKind; format: DocumentFormat; fields?: Record<string, string> };

function GenerateModal({ open, kinds, ticketId, onClose, onDone }: { open: boolean; kinds: TicketDocuments['kinds']; ticketId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const kind = Form.useWatch('kind', form);
  const spec = kinds.find((k) => k.kind === kind);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setFormError(undefined);
    }
  }, [open, form]);

  async function submit(values: FormValues) {
    if (!values.kind) return;
    setSaving(true);
    setFormError(undefined);
    try {
      // Empty inputs are left out: the server fills what it can from the ticket and names what is still missing.
      const fields = Object.fromEntries(Object.entries(values.fields ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
      const doc = await generateDocument(ticketId, { kind: values.kind, format: values.format, fields });
      message.success(t('documents.generated', { name: doc.name, code: doc.verificationCode }));
      onDone();
    } catch (e) {
      // `fields.decision.reasons` names the input of the field `decision.reasons` (a key with dots).
      const field = e instanceof ApiError ? e.field : undefined;
      if (field?.startsWith('fields.') && spec?.fields.some((f) => f.key === field.slice(7))) form.setFields([{ name: ['fields', field.slice(7)], errors: [fieldErrorText(t, e)] }]);
      else if (field === 'kind' || field === 'format') form.setFields([{ name: field, errors: [fieldErrorText(t, e)] }]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={open} title={t('documents.generate')} onCancel={onClose} onOk={() => form.submit()} okText={t('documents.generateOk')} confirmLoading={isSaving} destroyOnHidden>
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ format: 'pdf' }} onFinish={submit}>
        <Form.Item name="kind" label={t('documents.kind')} rules={[{ required: true, message: t('documents.chooseKind') }]}>
          <Select showSearch optionFilterProp="label" options={kinds.map((k) => ({ value: k.kind, label: k.name }))} placeholder={t('documents.chooseKind')} />
        </Form.Item>
        <Form.Item name="format" label={t('documents.format')}>
          <Radio.Group
            options={[
              { value: 'pdf', label: 'PDF' },
              { value: 'docx', label: 'Word (DOCX)' },
            ]}
          />
        </Form.Item>
        {spec?.fields.map((f) => (
          <Form.Item
            key={`${spec.kind}.${f.key}`}
            name={['fields', f.key]}
            label={f.label}
            extra={f.hasFallback ? t('documents.fromTicket') : undefined}
            rules={[{ required: f.isRequired && !f.hasFallback, message: t('documents.required', { label: f.label }) }]}
          >
            {f.options ? (
              <Select showSearch optionFilterProp="label" options={f.options} />
            ) : f.isMultiline ? (
              <Input.TextArea rows={3} maxLength={f.maxLength} showCount />
            ) : (
              <Input maxLength={f.maxLength} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
