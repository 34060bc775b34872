import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { beijingToday } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { listPoolLawyers, type PoolLawyer } from './aid-lawyers-api';
import {
  DUTY_SHIFTS,
  DUTY_STATION_KINDS,
  addDutyShift,
  keepsDutyRoster,
  listDutyShifts,
  listOnDutyToday,
  removeDutyShift,
  type DutyShift,
  type DutyShiftEntry,
  type DutyStationKind,
} from './defence-api';

const DAY_MS = 86_400_000;
/** A Beijing date moved by whole days (dates, not instants: no zone involved). */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** The Monday of the week a date is in. */
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

type StationRow = { key: string; stationName: string; stationKind: string; days: Record<string, DutyShiftEntry[]> };

/** 值班律师排班 (Art. 30): a week per workstation, who is on duty today, and — for the pool's managers — adding and removing duty days. */
export default function DutyRosterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const today = beijingToday();
  const [weekStart, setWeekStart] = useState(() => mondayOf(today));
  const [shifts, setShifts] = useState<DutyShiftEntry[]>();
  const [onDuty, setOnDuty] = useState<DutyShiftEntry[]>();
  const [error, setError] = useState<unknown>();
  const [adding, setAdding] = useState<{ date: string; stationName?: string; stationKind?: DutyStationKind }>();
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);
  const canKeep = me ? keepsDutyRoster(me) : false;

  const load = useCallback(() => {
    setShifts(undefined);
    listDutyShifts({ from: days[0], to: days[6] })
      .then((r) => {
        setShifts(r.items);
        setError(undefined);
      })
      .catch(setError);
    listOnDutyToday().then((r) => setOnDuty(r.items)).catch(setError);
  }, [days]);
  useEffect(load, [load]);

  const rows: StationRow[] = useMemo(() => {
    const byStation = new Map<string, StationRow>();
    for (const s of shifts ?? []) {
      const key = `${s.center.code}|${s.stationName}`;
      const row = byStation.get(key) ?? { key, stationName: s.stationName, stationKind: s.stationKind, days: {} };
      (row.days[s.date] ??= []).push(s);
      byStation.set(key, row);
    }
    return [...byStation.values()].sort((a, b) => a.stationName.localeCompare(b.stationName, 'zh-CN'));
  }, [shifts]);

  const remove = (s: DutyShiftEntry) =>
    removeDutyShift(s.id)
      .then(() => {
        message.success(t('duty.removed'));
        load();
      })
      .catch((e) => message.error(errorMessage(t, e)));

  const weekdayNames = t('duty.weekdays', { returnObjects: true }) as string[];
  const columns = [
    {
      title: t('duty.station'),
      key: 'station',
      render: (_: unknown, r: StationRow) => (
        <Space direction="vertical" size={0}>
          <span>{r.stationName}</span>
          <Typography.Text type="secondary">{t(`duty.kinds.${r.stationKind}`)}</Typography.Text>
        </Space>
      ),
    },
    ...days.map((day, i) => ({
      title: (
        <span className={day === today ? 'nowrap' : undefined}>
          {weekdayNames[i]} {day.slice(5)}
          {day === today ? ` · ${t('duty.today')}` : ''}
        </span>
      ),
      key: day,
      render: (_: unknown, r: StationRow) => (
        <Space direction="vertical" size={2}>
          {(r.days[day] ?? []).map((s) => (
            <Tag key={s.id} closable={s.abilities.manage && day >= today} onClose={(e) => { e.preventDefault(); void remove(s); }} closeIcon={s.abilities.manage && day >= today ? undefined : false}>
              {s.lawyer.displayName}
              {s.shift !== 'all_day' ? `（${t(`duty.shifts.${s.shift}`)}）` : ''}
            </Tag>
          ))}
          {canKeep && day >= today && (
            <Button size="small" type="dashed" aria-label={`${t('duty.add')} ${r.stationName} ${day}`} onClick={() => setAdding({ date: day, stationName: r.stationName, stationKind: r.stationKind as DutyStationKind })}>
              +
            </Button>
          )}
        </Space>
      ),
    })),
  ];

  return (
    <>
      <PageTitle>{t('duty.title')}</PageTitle>
      <Card title={t('duty.onDutyToday', { date: today })} style={{ marginBottom: 16 }}>
        <section aria-label={t('duty.onDutyToday', { date: today })}>
          {onDuty === undefined ? null : onDuty.length === 0 ? (
            <Typography.Text type="secondary">{t('duty.nobodyToday')}</Typography.Text>
          ) : (
            <Space wrap>
              {onDuty.map((s) => (
                <Tag key={s.id} color="green">
                  {s.stationName}：{s.lawyer.displayName}
                  {s.shift !== 'all_day' ? `（${t(`duty.shifts.${s.shift}`)}）` : ''}
                </Tag>
              ))}
            </Space>
          )}
        </section>
      </Card>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Button onClick={() => setWeekStart(addDays(weekStart, -7))}>{t('duty.previousWeek')}</Button>
          <span role="status">{t('duty.week', { from: days[0], to: days[6] })}</span>
          <Button onClick={() => setWeekStart(addDays(weekStart, 7))}>{t('duty.nextWeek')}</Button>
          <Button onClick={() => setWeekStart(mondayOf(today))}>{t('duty.thisWeek')}</Button>
          {canKeep && <Button type="primary" onClick={() => setAdding({ date: days[0] < today ? today : days[0] })}>{t('duty.add')}</Button>}
        </Space>
        <Typography.Paragraph type="secondary">{t('duty.art30Hint')}</Typography.Paragraph>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<StationRow> rowKey="key" loading={!shifts} columns={columns} dataSource={rows} pagination={false} scroll={{ x: true }} locale={{ emptyText: t('duty.empty') }} />
        )}
      </Card>
      {adding && me && (
        <AddModal
          centerRegionCode={me.region.code}
          initial={adding}
          stations={rows.map((r) => r.stationName)}
          onClose={() => setAdding(undefined)}
          onDone={() => {
            setAdding(undefined);
            load();
          }}
        />
      )}
    </>
  );
}

type AddValues = { lawyerId: string; stationKind: DutyStationKind; stationName: string; date: string; shift: DutyShift };

function AddModal({ centerRegionCode, initial, stations, onClose, onDone }: { centerRegionCode: string; initial: { date: string; stationName?: string; stationKind?: DutyStationKind }; stations: string[]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const [lawyers, setLawyers] = useState<PoolLawyer[]>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => {
    listPoolLawyers({ status: 'approved', limit: 200 }).then((r) => setLawyers(r.items)).catch((e) => setFormError(errorMessage(t, e)));
  }, [t]);
  const submit = (v: AddValues) => {
    setIsSaving(true);
    addDutyShift({ centerRegionCode, lawyerId: v.lawyerId, stationKind: v.stationKind, stationName: v.stationName, date: v.date, shift: v.shift })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={t('duty.addTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('duty.save')} cancelText={t('duty.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ date: initial.date, stationName: initial.stationName, stationKind: initial.stationKind ?? 'detention_house', shift: 'all_day' }}>
        <Form.Item name="lawyerId" label={t('duty.lawyer')} rules={[{ required: true, message: t('duty.lawyer') }]}>
          <Select showSearch optionFilterProp="label" loading={!lawyers} options={(lawyers ?? []).map((l) => ({ value: l.accountId, label: `${l.displayName}（${l.center.name}）` }))} />
        </Form.Item>
        <Form.Item name="stationKind" label={t('duty.stationKind')} rules={[{ required: true, message: t('duty.stationKind') }]}>
          <Select showSearch optionFilterProp="label" options={DUTY_STATION_KINDS.map((k) => ({ value: k, label: t(`duty.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="stationName" label={t('duty.station')} rules={[{ required: true, whitespace: true, message: t('duty.station') }]}>
          <AutoComplete options={[...new Set(stations)].map((s) => ({ value: s }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)}>
            <Input maxLength={100} />
          </AutoComplete>
        </Form.Item>
        <Form.Item name="date" label={t('duty.date')} rules={[{ required: true, message: t('duty.date') }]}>
          <Input type="date" min={beijingToday()} />
        </Form.Item>
        <Form.Item name="shift" label={t('duty.shift')}>
          <Select showSearch optionFilterProp="label" options={DUTY_SHIFTS.map((s) => ({ value: s, label: t(`duty.shifts.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
