import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../workbench/PageTitle';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { beijingToday, formatDateTime, fromPickerDate, toPickerDate } from '../../app/time';
import { listDayBookings, markAttendance, slotHours, type DayBooking } from './api';
import { useStaffVenues } from './SlotsPage';

const STATUS_COLORS = { booked: 'blue', cancelled: 'default', attended: 'green', no_show: 'orange' } as const;

/** 当日预约: a venue's bookings of one day, with 到场 / 未到 for the window. */
export default function DayBookingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { venues, error } = useStaffVenues();
  const venueId = params.get('venue') ?? venues?.[0]?.id;
  const date = params.get('date') ?? beijingToday();
  const [items, setItems] = useState<DayBooking[] | null>(null);

  const load = useCallback(() => {
    if (!venueId) return;
    setItems(null);
    listDayBookings(venueId, date).then(setItems, (e) => message.error(errorMessage(t, e)));
  }, [venueId, date, message, t]);
  useEffect(load, [load]);

  const set = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next }, { replace: true });

  async function mark(booking: DayBooking, status: 'attended' | 'no_show') {
    try {
      await markAttendance(booking.id, status);
      load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  if (error) return <ErrorResult error={error} />;
  const columns: TableColumnsType<DayBooking> = [
    { title: t('appointments.staff.time'), key: 'time', render: (_, b) => slotHours(b.slot, formatDateTime) },
    { title: t('appointments.staff.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
    { title: t('appointments.staff.name'), dataIndex: 'contactName' },
    { title: t('appointments.staff.phone'), dataIndex: 'contactPhone', render: (phone: string) => (phone.includes('*') ? phone : <a href={`tel:${phone}`}>{phone}</a>) },
    { title: t('appointments.staff.service'), key: 'service', render: (_, b) => `${t(`services.${b.slot.serviceType}`)}${b.slot.windowName ? ` · ${b.slot.windowName}` : ''}` },
    { title: t('appointments.staff.note'), dataIndex: 'note' },
    { title: t('appointments.staff.status'), dataIndex: 'status', render: (s: DayBooking['status']) => <Tag color={STATUS_COLORS[s]}>{t(`appointments.staff.statuses.${s}`)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, b) =>
        b.abilities.markAttendance ? (
          <Space wrap>
            <Button size="small" type={b.status === 'attended' ? 'primary' : 'default'} onClick={() => mark(b, 'attended')} aria-label={`${t('appointments.staff.markAttended')} ${b.code}`}>
              {t('appointments.staff.markAttended')}
            </Button>
            <Button size="small" type={b.status === 'no_show' ? 'primary' : 'default'} onClick={() => mark(b, 'no_show')} aria-label={`${t('appointments.staff.markNoShow')} ${b.code}`}>
              {t('appointments.staff.markNoShow')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <PageTitle>{t('appointments.staff.dayTitle')}</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="day-venue">{t('appointments.staff.venue')}</label>
        <Select id="day-venue" style={{ minWidth: 240 }} value={venueId} onChange={(v) => set({ venue: v })} options={(venues ?? []).map((v) => ({ value: v.id, label: v.name }))} />
        <label htmlFor="day-date">{t('appointments.staff.date')}</label>
        <DatePicker id="day-date" value={toPickerDate(date)} allowClear={false} onChange={(d) => d && set({ date: fromPickerDate(d) })} />
      </Space>
      <Table rowKey="id" size="small" columns={columns} dataSource={items ?? []} loading={!items && Boolean(venueId)} pagination={false} scroll={{ x: true }} locale={{ emptyText: t('appointments.staff.noBookings') }} />
    </>
  );
}
