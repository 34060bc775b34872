import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import type { TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { PageTitle } from '../../workbench/PageTitle';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { beijingToday, formatDateTime, fromPickerDate, isBeforeBeijingToday, toPickerDate } from '../../app/time';
import { listVenues, type Venue } from '../venues/api';
import { createSlots, listSlots, setSlotClosed, slotHours, type ServiceType, type Slot } from './api';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The venues the account works with: one list for both appointment pages. */
export function useStaffVenues() {
  const [venues, setVenues] = useState<Venue[] | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    listVenues({ limit: 200 }).then((r) => setVenues(r.items), setError);
  }, []);
  return { venues, error };
}

type BulkForm = {
  windowPosition?: number;
  serviceType: ServiceType;
  range: [Dayjs, Dayjs];
  weekdays: number[];
  blocks: { start: string; end: string }[];
  capacity: number;
};

function BulkCreate({ venue, onCreated }: { venue: Venue; onCreated(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BulkForm>();
  const [isSaving, setSaving] = useState(false);
  const windowPosition = Form.useWatch('windowPosition', form);
  const services = windowPosition === undefined || windowPosition === null ? null : venue.windows[windowPosition]?.services;

  async function submit(values: BulkForm) {
    setSaving(true);
    try {
      const result = await createSlots({
        venueId: venue.id,
        windowPosition: values.windowPosition ?? null,
        serviceType: values.serviceType,
        from: fromPickerDate(values.range[0]),
        to: fromPickerDate(values.range[1]),
        weekdays: values.weekdays,
        blocks: values.blocks,
        capacity: values.capacity,
      });
      message.success(t('appointments.staff.createdMessage', { created: result.created, existing: result.existing }));
      if (result.restDays.length) message.info(t('appointments.staff.restDaysMessage', { days: result.restDays.join('、') }));
      onCreated();
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: '1.1em', margin: 0 }}>{t('appointments.staff.bulkTitle')}</Typography.Title>} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ weekdays: [1, 2, 3, 4, 5], blocks: [{ start: '09:00', end: '10:00' }, { start: '10:00', end: '11:00' }], capacity: 3 }}
      >
        <Space wrap align="start">
          <Form.Item name="windowPosition" label={t('appointments.staff.window')} style={{ minWidth: 200 }}>
            <Select allowClear placeholder={t('appointments.staff.wholeVenue')} options={venue.windows.map((w, i) => ({ value: i, label: w.name }))} />
          </Form.Item>
          <Form.Item name="serviceType" label={t('appointments.staff.service')} rules={[{ required: true, message: t('appointments.staff.required') }]} style={{ minWidth: 200 }}>
            <Select options={(services ?? Object.keys(t('services', { returnObjects: true }) as object)).map((s) => ({ value: s, label: t(`services.${s}`) }))} />
          </Form.Item>
          <Form.Item name="range" label={t('appointments.staff.range')} rules={[{ required: true, message: t('appointments.staff.required') }]}>
            <DatePicker.RangePicker disabledDate={(d) => isBeforeBeijingToday(d)} />
          </Form.Item>
          <Form.Item name="capacity" label={t('appointments.staff.capacity')} rules={[{ required: true, message: t('appointments.staff.required') }]}>
            <InputNumber min={1} max={200} />
          </Form.Item>
        </Space>
        <Form.Item name="weekdays" label={t('appointments.staff.weekdays')} rules={[{ required: true, message: t('appointments.staff.required') }]}>
          <CheckboxList options={WEEKDAYS.map((d) => ({ value: d, label: t(`appointments.staff.weekdayNames.${d}`) }))} />
        </Form.Item>
        <Typography.Paragraph strong>{t('appointments.staff.blocks')}</Typography.Paragraph>
        <Form.List name="blocks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'start']} label={t('appointments.staff.start', { n: i + 1 })} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('appointments.staff.timeFormat') }]}>
                    <Input placeholder="09:00" style={{ width: 100 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'end']} label={t('appointments.staff.end', { n: i + 1 })} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('appointments.staff.timeFormat') }]}>
                    <Input placeholder="10:00" style={{ width: 100 }} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={t('appointments.staff.removeBlock', { n: i + 1 })} />
                  )}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ start: '', end: '' })} style={{ marginBottom: 16 }}>
                {t('appointments.staff.addBlock')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('appointments.staff.create')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/** 预约时段: a venue's slots week by week; open slots in bulk, close and reopen one. */
export default function SlotsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { venues, error } = useStaffVenues();
  const venueId = params.get('venue') ?? venues?.[0]?.id;
  const from = params.get('from') ?? beijingToday();
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const venue = useMemo(() => venues?.find((v) => v.id === venueId), [venues, venueId]);

  const load = useCallback(() => {
    if (!venueId) return;
    listSlots({ venueId, from, to: addDays(from, 6) }).then(setSlots, (e) => message.error(errorMessage(t, e)));
  }, [venueId, from, message, t]);
  useEffect(load, [load]);

  const set = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next }, { replace: true });

  async function toggle(slot: Slot) {
    try {
      await setSlotClosed(slot.id, !slot.isClosed);
      load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<Slot> = [
    { title: t('appointments.staff.date'), key: 'date', render: (_, s) => formatDateTime(s.startsAt).slice(0, 10) },
    { title: t('appointments.staff.time'), key: 'time', render: (_, s) => slotHours(s, formatDateTime) },
    { title: t('appointments.staff.window'), dataIndex: 'windowName', render: (name: string | null) => name ?? t('appointments.staff.wholeVenue') },
    { title: t('appointments.staff.service'), dataIndex: 'serviceType', render: (s: string) => t(`services.${s}`) },
    { title: t('appointments.staff.booked'), key: 'booked', render: (_, s) => `${s.bookedCount} / ${s.capacity}` },
    { title: t('appointments.staff.state'), key: 'state', render: (_, s) => (s.isClosed ? <Tag>{t('appointments.staff.closed')}</Tag> : <Tag color="green">{t('appointments.staff.open')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) =>
        s.abilities.manage && new Date(s.startsAt).getTime() > Date.now() ? (
          <Button size="small" danger={!s.isClosed} onClick={() => toggle(s)} aria-label={`${s.isClosed ? t('appointments.staff.reopen') : t('appointments.staff.close')} ${formatDateTime(s.startsAt)}`}>
            {s.isClosed ? t('appointments.staff.reopen') : t('appointments.staff.close')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle>{t('appointments.staff.slotsTitle')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="slots-venue">{t('appointments.staff.venue')}</label>
        <Select id="slots-venue" style={{ minWidth: 240 }} value={venueId} onChange={(v) => set({ venue: v })} options={(venues ?? []).map((v) => ({ value: v.id, label: v.name }))} />
        <label htmlFor="slots-from">{t('appointments.staff.weekFrom')}</label>
        <DatePicker id="slots-from" value={toPickerDate(from)} allowClear={false} onChange={(d) => d && set({ from: fromPickerDate(d) })} />
        <Button onClick={() => set({ from: addDays(from, -7) })}>{t('appointments.staff.prevWeek')}</Button>
        <Button onClick={() => set({ from: addDays(from, 7) })}>{t('appointments.staff.nextWeek')}</Button>
      </Space>
      {venue && <BulkCreate venue={venue} onCreated={load} />}
      <Table rowKey="id" size="small" columns={columns} dataSource={slots ?? []} loading={!slots && Boolean(venueId)} pagination={{ pageSize: 50 }} scroll={{ x: true }} />
    </>
  );
}
