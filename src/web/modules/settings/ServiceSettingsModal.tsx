import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { saveServiceSettings, type ServiceSettings, type ServiceSettingsInput } from './api';

type Step = 'accept' | 'resolve';
type Unit = 'hours' | 'working_days';
type Values = {
  checklist: { key: string; name: string; isRequired: boolean }[];
  deadlines: { step: Step; amount: number; unit: Unit }[];
  isAutoDispatch: boolean;
};

const STEPS: Step[] = ['accept', 'resolve'];

/** The deadlines as two fixed rows, accept then resolve, so the server's deadlines[i] names the row shown. */
function initialValues(item: ServiceSettings): Values {
  return {
    checklist: item.checklist.map((c) => ({ ...c })),
    deadlines: STEPS.map((step) => {
      const rule = item.deadlines.find((d) => d.step === step);
      return { step, amount: rule?.amount ?? 1, unit: (rule?.unit ?? 'working_days') as Unit };
    }),
    isAutoDispatch: item.isAutoDispatch,
  };
}

/** Sets a region node's own settings for one service type (starting from the values in force there). */
export function ServiceSettingsModal({
  item,
  region,
  onCancel,
  onSaved,
}: {
  item: ServiceSettings;
  region: { code: string; name: string };
  onCancel(): void;
  onSaved(saved: ServiceSettings): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const service = t(`services.${item.serviceType}`);

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(undefined);
    const input: ServiceSettingsInput = {
      checklist: (values.checklist ?? []).map((c) => ({ key: c.key.trim(), name: c.name.trim(), isRequired: Boolean(c.isRequired) })),
      deadlines: values.deadlines.map((d) => ({ step: d.step, amount: d.amount, unit: d.unit })),
      isAutoDispatch: values.isAutoDispatch,
    };
    try {
      onSaved(await saveServiceSettings(item.serviceType, region.code, input));
    } catch (e) {
      const known = [
        ...STEPS.flatMap((_, i) => [`deadlines.${i}.amount`, `deadlines.${i}.unit`, `deadlines.${i}.step`]),
        ...input.checklist.flatMap((_, i) => [`checklist.${i}.key`, `checklist.${i}.name`]),
      ];
      const fieldError = fieldErrorFor(t, e, known);
      if (fieldError) form.setFields([fieldError as never]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('settings.services.editTitle', { service, region: region.name })}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('settings.services.editHint', { region: region.name })}</Typography.Paragraph>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" initialValues={initialValues(item)}>
        {STEPS.map((step, i) => (
          <Form.Item key={step} label={t(`tickets.steps.${step}`)} required style={{ marginBottom: 12 }}>
            <Space.Compact>
              <Form.Item name={['deadlines', i, 'step']} hidden>
                <Input />
              </Form.Item>
              <Form.Item
                name={['deadlines', i, 'amount']}
                noStyle
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber min={1} max={8760} precision={0} aria-label={`${t(`tickets.steps.${step}`)} ${t('settings.services.amount')}`} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['deadlines', i, 'unit']} noStyle>
                <Select
                  aria-label={`${t(`tickets.steps.${step}`)} ${t('settings.services.unit')}`}
                  style={{ width: 140 }}
                  options={(['working_days', 'hours'] as const).map((unit) => ({ value: unit, label: t(`settings.unitNames.${unit}`) }))}
                />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        ))}
        <Form.Item name="isAutoDispatch" label={t('settings.services.autoDispatch')} valuePropName="checked" extra={t('settings.services.autoDispatchHint')}>
          <Switch />
        </Form.Item>
        <Typography.Text strong>{t('settings.services.checklist')}</Typography.Text>
        <Form.List name="checklist">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                    style={{ marginBottom: 0, minWidth: 200 }}
                  >
                    <Input placeholder={t('settings.services.itemName')} aria-label={`${t('settings.services.itemName')} ${i + 1}`} maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'key']}
                    rules={[
                      { required: true, message: t('validation.required') },
                      { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('settings.services.itemKeyRule') },
                    ]}
                    style={{ marginBottom: 0, width: 150 }}
                  >
                    <Input placeholder={t('settings.services.itemKey')} aria-label={`${t('settings.services.itemKey')} ${i + 1}`} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'isRequired']} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{t('tickets.materials.required')}</Checkbox>
                  </Form.Item>
                  <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`${t('settings.services.removeItem')} ${i + 1}`} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ key: '', name: '', isRequired: false })} style={{ marginTop: 8 }}>
                {t('settings.services.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
