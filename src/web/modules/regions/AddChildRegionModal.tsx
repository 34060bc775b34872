import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { childLevel, createRegion, type Region, type RegionDetail } from './api';

type Values = { code: string; name: string };

export function AddChildRegionModal({
  parent,
  onCancel,
  onCreated,
}: {
  parent: RegionDetail;
  onCancel(): void;
  onCreated(region: Region): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const level = childLevel(parent.level);

  async function submit() {
    const values = await form.validateFields();
    setSaving(true);
    setFormError(undefined);
    try {
      onCreated(await createRegion({ code: values.code.trim(), name: values.name.trim(), parentCode: parent.code }));
    } catch (e) {
      const fieldError = fieldErrorFor(t, e, ['code', 'name']);
      if (fieldError) form.setFields([fieldError as never]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('regions.addChildOf', { name: parent.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <p>
        {t('regions.level')}: {level ? t(`regionLevels.${level}`) : '—'}
      </p>
      {formError && (
        <p role="alert" style={{ color: '#cf1322' }}>
          {formError}
        </p>
      )}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label={t('regions.code')}
          name="code"
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^\d{6}(\d{3}|\d{6})?$/, message: t('regions.codeFormat') },
          ]}
          extra={t('regions.codeHint')}
        >
          <Input inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('regions.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
