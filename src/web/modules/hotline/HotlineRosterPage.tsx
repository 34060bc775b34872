import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Grid, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage, fieldErrorText, normalizeField } from '../../app/errors';
import { beijingToday, formatDateTime } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import {
  MAX_COPY_WEEKS,
  SHIFT_ROLES,
  copyWeek,
  createShift,
  deleteShift,
  getCoverage,
  getRoster,
  listRosterPeople,
  listSeats,
  listVenues,
  updateShift,
  type Coverage,
  type GapView,
  type Roster,
  type RosterPerson,
  type ShiftRole,
  type ShiftView,
} from './roster-api';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Beijing is UTC+8 all year. */
const BEIJING_OFFSET_MS = 8 * HOUR_MS;
/** A Beijing date moved by whole days (dates, not instants: no zone involved). */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
/** An instant's Beijing date and time of day. */
const beijingParts = (iso: string) => {
  const local = new Date(Date.parse(iso) + BEIJING_OFFSET_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
};
/** A Beijing date and "HH:MM" as an instant with its zone. */
const toInstant = (date: string, time: string) => `${date}T${time}:00+08:00`;

type PlaceRow = { key: string; name: string; kind: 'seat' | 'venue'; days: Record<string, ShiftView[]> };

/** 值班表 (12348 hotline, part 3): a week of shifts by seat or venue and person (Beijing time), with the line's coverage gaps. */
export default function HotlineRosterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const isNarrow = screens.md === false;
  const today = beijingToday();
  const regionCode = me.region.code;
  const [weekStart, setWeekStart] = useState(() => mondayOf(today));
  const [isMine, setIsMine] = useState(false);
  const [roster, setRoster] = useState<Roster>();
  const [coverage, setCoverage] = useState<Coverage>();
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<{ shift?: ShiftView; date: string }>();
  const [copying, setCopying] = useState(false);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);

  const load = useCallback(() => {
    getRoster({ regionCode, from: days[0], to: days[6], ...(isMine ? { mine: true } : {}) })
      .then((r) => {
        setRoster(r);
        setError(undefined);
      })
      .catch(setError);
    getCoverage(regionCode).then(setCoverage).catch(setError);
  }, [days, regionCode, isMine]);
  useEffect(load, [load]);

  const rows: PlaceRow[] = useMemo(() => {
    const byPlace = new Map<string, PlaceRow>();
    for (const s of roster?.items ?? []) {
      const key = `${s.place.kind}:${s.place.id}`;
      const row = byPlace.get(key) ?? { key, name: s.place.name, kind: s.place.kind, days: {} };
      (row.days[beijingParts(s.startsAt).date] ??= []).push(s);
      byPlace.set(key, row);
    }
    return [...byPlace.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'zh-CN'));
  }, [roster]);

  const gapsByDay = useMemo(() => {
    const map: Record<string, GapView[]> = {};
    for (const gap of roster?.gaps ?? []) {
      for (const day of days) {
        const dayStart = Date.parse(toInstant(day, '00:00'));
        if (Date.parse(gap.startsAt) < dayStart + DAY_MS && Date.parse(gap.endsAt) > dayStart) (map[day] ??= []).push(gap);
      }
    }
    return map;
  }, [roster, days]);

  const canManage = roster?.canManage ?? false;
  const weekdayNames = t('hotline.roster.weekdays', { returnObjects: true }) as string[];
  const roleLabel = (role: string) => t(`hotline.roster.roles.${role}`);
  const timeRange = (s: { startsAt: string; endsAt: string }) => {
    const from = beijingParts(s.startsAt);
    const to = beijingParts(s.endsAt);
    return `${from.time}–${to.time}${to.date !== from.date ? ` ${t('hotline.roster.nextDay')}` : ''}`;
  };
  const gapText = (g: GapView) => t('hotline.roster.gapText', { role: roleLabel(g.role), from: formatDateTime(g.startsAt), to: formatDateTime(g.endsAt), staffed: g.staffed, required: g.required });

  const shiftButton = (s: ShiftView) => (
    <Button
      key={s.id}
      size="small"
      type={s.isMine ? 'primary' : 'default'}
      ghost={s.isMine}
      aria-label={t('hotline.roster.shiftLabel', { person: s.person.displayName, role: roleLabel(s.role), place: s.place.name, time: `${formatDateTime(s.startsAt)}–${formatDateTime(s.endsAt)}` })}
      onClick={() => (s.abilities.manage ? setEditing({ shift: s, date: beijingParts(s.startsAt).date }) : undefined)}
      style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
    >
      <span>
        {s.person.displayName} · {roleLabel(s.role)}
        <br />
        <Typography.Text type="secondary">{timeRange(s)}</Typography.Text>
      </span>
    </Button>
  );

  const columns = [
    {
      title: t('hotline.roster.place'),
      key: 'place',
      fixed: 'left' as const,
      render: (_: unknown, r: PlaceRow) => (
        <Space direction="vertical" size={0}>
          <span>{r.name}</span>
          <Typography.Text type="secondary">{t(`hotline.roster.placeKinds.${r.kind}`)}</Typography.Text>
        </Space>
      ),
    },
    ...days.map((day, i) => ({
      title: (
        <span>
          {weekdayNames[i]} {day.slice(5)}
          {day === today ? ` · ${t('hotline.roster.today')}` : ''}
        </span>
      ),
      key: day,
      render: (_: unknown, r: PlaceRow) => <Space direction="vertical" size={4}>{(r.days[day] ?? []).map(shiftButton)}</Space>,
    })),
  ];

  const gapsCard = (
    <Card title={t('hotline.roster.gapsTitle')} style={{ marginBottom: 16 }} size="small">
      {coverage && (
        <Typography.Paragraph type="secondary">
          {t('hotline.roster.coverageRule', { operator: coverage.operator, dutyLawyer: coverage.dutyLawyer })}
        </Typography.Paragraph>
      )}
      <section aria-label={t('hotline.roster.gapsTitle')} data-testid="roster-gaps">
        {!roster ? null : roster.gaps.length === 0 ? (
          <Alert type="success" showIcon message={t('hotline.roster.noGaps')} />
        ) : (
          <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
            {roster.gaps.map((g) => (
              <li key={`${g.role}:${g.startsAt}`} style={{ marginBottom: 4 }}>
                <Tag color="red">{t('hotline.roster.gap')}</Tag>
                {gapText(g)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Card>
  );

  return (
    <>
      <PageTitle>{t('hotline.roster.title')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button onClick={() => setWeekStart(addDays(weekStart, -7))}>{t('hotline.roster.previousWeek')}</Button>
          <span role="status">{t('hotline.roster.week', { from: days[0], to: days[6] })}</span>
          <Button onClick={() => setWeekStart(addDays(weekStart, 7))}>{t('hotline.roster.nextWeek')}</Button>
          <Button onClick={() => setWeekStart(mondayOf(today))}>{t('hotline.roster.thisWeek')}</Button>
          <Space>
            <Switch id="roster-mine" checked={isMine} onChange={setIsMine} />
            <label htmlFor="roster-mine">{t('hotline.roster.onlyMine')}</label>
          </Space>
          {canManage && (
            <Button type="primary" onClick={() => setEditing({ date: days[0] < today ? today : days[0] })}>
              {t('hotline.roster.add')}
            </Button>
          )}
          {canManage && <Button onClick={() => setCopying(true)}>{t('hotline.roster.copyWeek')}</Button>}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('hotline.roster.hint')}
        </Typography.Paragraph>
      </Card>
      {error ? <ErrorResult error={error} /> : gapsCard}
      {!error && (
        <Card>
          {isNarrow ? (
            <List
              loading={!roster}
              dataSource={days}
              renderItem={(day, i) => {
                const shifts = (roster?.items ?? []).filter((s) => beijingParts(s.startsAt).date === day);
                return (
                  <List.Item key={day} style={{ display: 'block' }}>
                    <Typography.Text strong>
                      {weekdayNames[i]} {day}
                      {day === today ? ` · ${t('hotline.roster.today')}` : ''}
                    </Typography.Text>
                    {(gapsByDay[day] ?? []).map((g) => (
                      <div key={`${g.role}:${g.startsAt}`}>
                        <Tag color="red">{t('hotline.roster.gap')}</Tag>
                        {roleLabel(g.role)} {timeRange(g)}
                      </div>
                    ))}
                    <Space direction="vertical" size={4} style={{ display: 'flex', marginTop: 4 }}>
                      {shifts.length === 0 ? <Typography.Text type="secondary">{t('hotline.roster.noShifts')}</Typography.Text> : shifts.map((s) => <div key={s.id}>{shiftButton(s)} <Typography.Text type="secondary">{s.place.name}</Typography.Text></div>)}
                    </Space>
                  </List.Item>
                );
              }}
            />
          ) : (
            <>
              <Space wrap style={{ marginBottom: 8 }}>
                {days.map((day, i) =>
                  (gapsByDay[day] ?? []).length > 0 ? (
                    <Tag key={day} color="red">
                      {weekdayNames[i]} {t('hotline.roster.gapCount', { count: gapsByDay[day].length })}
                    </Tag>
                  ) : null,
                )}
              </Space>
              <Table<PlaceRow> rowKey="key" loading={!roster} columns={columns} dataSource={rows} pagination={false} scroll={{ x: true }} locale={{ emptyText: t('hotline.roster.empty') }} />
            </>
          )}
        </Card>
      )}
      {editing && (
        <ShiftModal
          regionCode={regionCode}
          shift={editing.shift}
          date={editing.date}
          onClose={() => setEditing(undefined)}
          onDone={(text) => {
            setEditing(undefined);
            message.success(text);
            load();
          }}
        />
      )}
      {copying && (
        <CopyModal
          regionCode={regionCode}
          weekOf={weekStart}
          onClose={() => setCopying(false)}
          onDone={(r) => {
            setCopying(false);
            message.success(t('hotline.roster.copied', r));
            load();
          }}
        />
      )}
    </>
  );
}

type ShiftValues = { accountId: string; role: ShiftRole; place?: string; date: string; start: string; end: string };
/** The server's field names, as the form's. */
const FIELD_OF: Record<string, keyof ShiftValues> = { seatId: 'place', venueId: 'place', startsAt: 'start', endsAt: 'end', accountId: 'accountId', role: 'role' };

function ShiftModal({ regionCode, shift, date, onClose, onDone }: { regionCode: string; shift?: ShiftView; date: string; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ShiftValues>();
  const [people, setPeople] = useState<RosterPerson[]>();
  const [places, setPlaces] = useState<{ value: string; label: string }[]>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => {
    listRosterPeople(regionCode).then((r) => setPeople(r.items)).catch((e) => setFormError(errorMessage(t, e)));
    if (!shift) {
      Promise.all([listSeats().catch(() => ({ items: [] })), listVenues(regionCode).catch(() => ({ items: [] }))])
        .then(([seats, venues]) =>
          setPlaces([
            ...seats.items.map((s) => ({ value: `seat:${s.id}`, label: `${t('hotline.roster.placeKinds.seat')} ${s.extension} ${s.name}` })),
            ...venues.items.map((v) => ({ value: `venue:${v.id}`, label: `${t('hotline.roster.placeKinds.venue')} ${v.name}` })),
          ]),
        )
        .catch((e) => setFormError(errorMessage(t, e)));
    }
  }, [regionCode, shift, t]);
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const endsNextDay = Boolean(start && end && end <= start);

  /** A 4xx naming a field shows under that field; anything else above the form. */
  const showError = (e: unknown) => {
    const mapped = mapFieldError(t, e);
    if (mapped) form.setFields([mapped]);
    else setFormError(errorMessage(t, e));
  };

  const submit = (v: ShiftValues) => {
    setFormError(undefined);
    // A shift that ends at or before its start time ends the next day (a night shift).
    const startsAt = toInstant(v.date, v.start);
    const endsAt = toInstant(v.end <= v.start ? addDays(v.date, 1) : v.date, v.end);
    setIsSaving(true);
    const saving = shift
      ? updateShift(shift.id, { accountId: v.accountId, role: v.role, startsAt, endsAt }).then(() => t('hotline.roster.saved'))
      : createShift({
          accountId: v.accountId,
          role: v.role,
          ...(v.place?.startsWith('seat:') ? { seatId: v.place.slice(5) } : v.place?.startsWith('venue:') ? { venueId: v.place.slice(6) } : {}),
          startsAt,
          endsAt,
        }).then(() => t('hotline.roster.added'));
    saving
      .then(onDone)
      .catch(showError)
      .finally(() => setIsSaving(false));
  };
  const remove = () => {
    if (!shift) return;
    setIsSaving(true);
    deleteShift(shift.id)
      .then(() => onDone(t('hotline.roster.deleted')))
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  const initial = shift
    ? { accountId: shift.person.id, role: shift.role, date: beijingParts(shift.startsAt).date, start: beijingParts(shift.startsAt).time, end: beijingParts(shift.endsAt).time }
    : { role: 'operator' as const, date, start: '08:00', end: '16:00' };
  return (
    <Modal
      open
      title={shift ? t('hotline.roster.editTitle') : t('hotline.roster.addTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space wrap>
          {shift && (
            <Popconfirm title={t('hotline.roster.deleteConfirm')} onConfirm={remove} okText={t('hotline.roster.delete')} cancelText={t('hotline.roster.cancel')}>
              <Button danger disabled={isSaving}>
                {t('hotline.roster.delete')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('hotline.roster.cancel')}</Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()}>
            {t('hotline.roster.save')}
          </Button>
        </Space>
      }
    >
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="accountId" label={t('hotline.roster.person')} rules={[{ required: true, message: t('hotline.roster.required') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={!people}
            options={(people ?? []).map((p) => ({ value: p.id, label: `${p.displayName}（${p.roles.map((r) => t(`hotline.roster.accountRoles.${r}`)).join('、')}）` }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('hotline.roster.role')} rules={[{ required: true, message: t('hotline.roster.required') }]}>
          <Select options={SHIFT_ROLES.map((r) => ({ value: r, label: t(`hotline.roster.roles.${r}`) }))} />
        </Form.Item>
        {shift ? (
          <Form.Item label={t('hotline.roster.place')}>
            <Input value={shift.place.name} disabled />
          </Form.Item>
        ) : (
          <Form.Item name="place" label={t('hotline.roster.place')} rules={[{ required: true, message: t('hotline.roster.required') }]}>
            <Select showSearch optionFilterProp="label" loading={!places} options={places ?? []} />
          </Form.Item>
        )}
        <Form.Item name="date" label={t('hotline.roster.date')} rules={[{ required: true, message: t('hotline.roster.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="start" label={t('hotline.roster.start')} rules={[{ required: true, message: t('hotline.roster.required') }]}>
            <Input type="time" />
          </Form.Item>
          <Form.Item name="end" label={t('hotline.roster.end')} rules={[{ required: true, message: t('hotline.roster.required') }]} extra={endsNextDay ? t('hotline.roster.endsNextDay') : undefined}>
            <Input type="time" />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('hotline.roster.beijingTime')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}

/** The server names its own fields (startsAt, seatId…); the form shows them as start, place… */
function mapFieldError(t: ReturnType<typeof useTranslation>['t'], error: unknown): { name: keyof ShiftValues; errors: string[] } | undefined {
  const field = (error as { field?: unknown })?.field;
  if (typeof field !== 'string') return undefined;
  const name = FIELD_OF[normalizeField(field)];
  if (!name) return undefined;
  // An overlap names the shift in the way, in Beijing time.
  if (error instanceof ApiError && error.code === 'CONFLICT' && typeof error.body.conflictStartsAt === 'string' && typeof error.body.conflictEndsAt === 'string') {
    return { name, errors: [t('hotline.roster.overlap', { from: formatDateTime(error.body.conflictStartsAt), to: formatDateTime(error.body.conflictEndsAt) })] };
  }
  const server = error instanceof Error && error.message ? error.message : '';
  const text = fieldErrorText(t, error);
  // A conflict says which shift is in the way: the server's message carries the times.
  return { name, errors: [text.includes(server) ? text : `${text}（${server}）`] };
}

function CopyModal({ regionCode, weekOf, onClose, onDone }: { regionCode: string; weekOf: string; onClose: () => void; onDone: (r: { created: number; skipped: number }) => void }) {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<number | null>(4);
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const submit = () => {
    if (!weeks) return setFormError(t('hotline.roster.required'));
    setIsSaving(true);
    copyWeek({ regionCode, weekOf, weeks })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={t('hotline.roster.copyWeek')} onCancel={onClose} onOk={submit} okText={t('hotline.roster.copy')} cancelText={t('hotline.roster.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} role="alert" />}
      <Typography.Paragraph>{t('hotline.roster.copyHint', { from: weekOf, to: addDays(weekOf, 6) })}</Typography.Paragraph>
      <label htmlFor="roster-copy-weeks">{t('hotline.roster.copyWeeks')}</label>{' '}
      <InputNumber id="roster-copy-weeks" min={1} max={MAX_COPY_WEEKS} value={weeks} onChange={setWeeks} />
    </Modal>
  );
}
