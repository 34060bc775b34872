import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { beijingToday } from '../../app/time';
import type { HolidayYearInput, HolidayYearView } from './api';

type Values = { year: string; off: { name: string; from: string; to: string }[]; work: { date: string }[]; source?: string };

/**
 * Edits one year's arrangement: the national one (the State Council's notice) or a region's
 * own additions. Dates are Beijing dates typed or picked as YYYY-MM-DD; nothing is converted.
 */
export function HolidayYearModal({
  title,
  hint,
  year,
  isYearFixed,
  save,
  onCancel,
  onSaved,
}: {
  title: string;
  hint: string;
  /** The year being edited, or undefined for a new one. */
  year?: HolidayYearView;
  isYearFixed: boolean;
  save(year: string, input: HolidayYearInput): Promise<unknown>;
  onCancel(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(undefined);
    const input: HolidayYearInput = {
      off: (values.off ?? []).map((o) => ({ name: o.name.trim(), from: o.from, to: o.to })),
      work: (values.work ?? []).map((w) => w.date),
      ...(values.source?.trim() ? { source: values.source.trim() } : {}),
    };
    try {
      await save(values.year, input);
      onSaved();
    } catch (e) {
      const known = ['year', ...input.off.flatMap((_, i) => [`off.${i}.name`, `off.${i}.from`, `off.${i}.to`]), ...input.work.map((_, i) => `work.${i}`)];
      const fieldError = fieldErrorFor(t, e, known);
      if (fieldError) {
        // work[i] is a plain date in the request, a {date} row in the form.
        const name = fieldError.name[0] === 'work' ? [...fieldError.name, 'date'] : fieldError.name;
        form.setFields([{ ...fieldError, name } as never]);
      } else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const dateRule = [{ required: true, message: t('validation.required') }];

  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      width={680}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          // A new year is most likely next year's (in Beijing), whose notice comes in November.
          year: year?.year ?? String(Number(beijingToday().slice(0, 4)) + 1),
          off: year?.off ?? [],
          work: (year?.work ?? []).map((date) => ({ date })),
          source: year?.source ?? '',
        }}
      >
        <Form.Item name="year" label={t('settings.calendar.year')} rules={[{ required: true, pattern: /^20\d{2}$/, message: t('settings.calendar.yearRule') }]}>
          <Input disabled={isYearFixed} inputMode="numeric" maxLength={4} style={{ width: 120 }} />
        </Form.Item>
        <Typography.Text strong>{t('settings.calendar.holidays')}</Typography.Text>
        <Form.List name="off">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 0, width: 160 }}>
                    <Input placeholder={t('settings.calendar.holidayName')} aria-label={`${t('settings.calendar.holidayName')} ${i + 1}`} maxLength={30} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'from']} rules={dateRule} style={{ marginBottom: 0 }}>
                    <Input type="date" aria-label={`${t('settings.calendar.from')} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'to']} rules={dateRule} style={{ marginBottom: 0 }}>
                    <Input type="date" aria-label={`${t('settings.calendar.to')} ${i + 1}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`${t('settings.calendar.removeHoliday')} ${i + 1}`} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', from: '', to: '' })} style={{ margin: '8px 0 16px' }}>
                {t('settings.calendar.addHoliday')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Typography.Text strong>{t('settings.calendar.workdays')}</Typography.Text>
        </div>
        <Form.List name="work">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[field.name, 'date']} rules={dateRule} style={{ marginBottom: 0 }}>
                    <Input type="date" aria-label={`${t('settings.calendar.workday')} ${i + 1}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={`${t('settings.calendar.removeWorkday')} ${i + 1}`} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ date: '' })} style={{ margin: '8px 0 16px' }}>
                {t('settings.calendar.addWorkday')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="source" label={t('settings.calendar.source')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
