import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';
import { formatBeijingDateTime } from '../../../server/platform/beijing-time.ts';
import { usePreferences } from '../../app/preferences';
import {
  book, cancelBooking, listBookableVenues, listMyBookings, listOpenSlots, newAttemptKey, rescheduleBooking, slotHours,
  type BookableVenue, type MyBooking, type OpenSlot, type ServiceType,
} from './api';

/** Beijing time, without the pickers' dayjs (the portal stays light). */
const formatDateTime = (iso: string) => formatBeijingDateTime(new Date(iso));

const STATUS_COLORS = { booked: 'blue', cancelled: 'default', attended: 'green', no_show: 'orange' } as const;

/** "11月17日 周二" / "17 Nov, Tue": a Beijing date ("YYYY-MM-DD") with its weekday. */
function dayLabel(t: TFunction, date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return t('appointments.portal.dayLabel', { month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)), weekday: t(`appointments.portal.weekdays.${weekday}`) });
}

/** The portal's words for a refusal: the server's `reason` when it gives one. */
function refusal(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = typeof error.body.reason === 'string' ? error.body.reason : null;
    if (reason) return t(`appointments.portal.errors.${reason}`, { defaultValue: t('appointments.portal.errors.generic') });
    if (error.status === 401) return t('appointments.portal.errors.signedOut');
    if (error.field === 'contactPhone') return t('appointments.portal.errors.phone');
  }
  return t('appointments.portal.errors.generic');
}

/** Days and slots of one venue and service: pick a day, then a time. */
function SlotPicker({ venueId, service, value, onChange, excludeSlotId }: { venueId: string; service: ServiceType; value: string | null; onChange(slotId: string | null): void; excludeSlotId?: string }) {
  const { t } = useTranslation();
  const [slots, setSlots] = useState<OpenSlot[] | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const dayLabelId = useId();
  const slotLabelId = useId();

  useEffect(() => {
    let isCurrent = true;
    setSlots(null);
    setDay(null);
    onChange(null);
    listOpenSlots(venueId, { serviceType: service }).then(
      (items) => isCurrent && setSlots(items.filter((s) => s.id !== excludeSlotId)),
      () => isCurrent && setSlots([]),
    );
    return () => {
      isCurrent = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [venueId, service, excludeSlotId]);

  const days = useMemo(() => [...new Set((slots ?? []).map((s) => formatDateTime(s.startsAt).slice(0, 10)))], [slots]);
  if (!slots) return <Spin aria-label={t('appointments.portal.loading')} />;
  if (slots.length === 0) return <Typography.Paragraph className="appointments-muted">{t('appointments.portal.noSlots')}</Typography.Paragraph>;
  const ofDay = slots.filter((s) => formatDateTime(s.startsAt).startsWith(day ?? '#'));
  return (
    <>
      <Typography.Paragraph id={dayLabelId} strong style={{ marginBottom: 8 }}>
        {t('appointments.portal.day')}
      </Typography.Paragraph>
      <div role="radiogroup" aria-labelledby={dayLabelId}>
        <Radio.Group
          value={day}
          onChange={(e) => {
            setDay(e.target.value);
            onChange(null);
          }}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}
        >
          {days.map((d) => (
            <Radio.Button key={d} value={d}>
              {dayLabel(t, d)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </div>
      {day && (
        <>
          <Typography.Paragraph id={slotLabelId} strong style={{ marginBottom: 8 }}>
            {t('appointments.portal.slot')}
          </Typography.Paragraph>
          <div role="radiogroup" aria-labelledby={slotLabelId}>
            <Radio.Group value={value} onChange={(e) => onChange(e.target.value)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              {ofDay.map((s) => (
                <Radio key={s.id} value={s.id} disabled={s.remaining <= 0}>
                  {slotHours(s, formatDateTime)}
                  {s.windowName ? ` · ${s.windowName}` : ''}
                  {' · '}
                  {s.remaining > 0 ? t('appointments.portal.remaining', { count: s.remaining }) : t('appointments.portal.full')}
                </Radio>
              ))}
            </Radio.Group>
          </div>
        </>
      )}
    </>
  );
}

function BookingCard({ booking, onChanged }: { booking: MyBooking; onChanged(message: string): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'cancel' | 'reschedule'>('view');
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const titleId = useId();

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setMode('view');
      onChanged(done);
    } catch (e) {
      setError(refusal(t, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" aria-labelledby={titleId} className="appointment-card">
      <Typography.Title level={3} id={titleId} style={{ fontSize: '1.1em', marginTop: 0 }}>
        {dayLabel(t, formatDateTime(booking.slot.startsAt).slice(0, 10))} {slotHours(booking.slot, formatDateTime)}
      </Typography.Title>
      <dl className="appointment-facts">
        <dt>{t('appointments.portal.venue')}</dt>
        <dd>{booking.venue.name}{booking.slot.windowName ? ` · ${booking.slot.windowName}` : ''}</dd>
        <dt>{t('appointments.portal.service')}</dt>
        <dd>{t(`appointments.portal.services.${booking.slot.serviceType}`)}</dd>
        <dt>{t('appointments.portal.code')}</dt>
        <dd><strong className="appointment-code">{booking.code}</strong></dd>
        <dt>{t('appointments.portal.statusLabel')}</dt>
        <dd><Tag color={STATUS_COLORS[booking.status]}>{t(`appointments.portal.status.${booking.status}`)}</Tag></dd>
        {booking.venue.address && (
          <>
            <dt>{t('appointments.portal.address')}</dt>
            <dd>{booking.venue.address}</dd>
          </>
        )}
      </dl>
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} />}
      {mode === 'view' && (booking.abilities.cancel || booking.abilities.reschedule) && (
        <Space wrap>
          {booking.abilities.reschedule && <Button onClick={() => setMode('reschedule')}>{t('appointments.portal.reschedule')}</Button>}
          {booking.abilities.cancel && <Button danger onClick={() => setMode('cancel')}>{t('appointments.portal.cancel')}</Button>}
        </Space>
      )}
      {mode === 'cancel' && (
        <div role="group" aria-label={t('appointments.portal.cancelConfirm')}>
          <Typography.Paragraph>{t('appointments.portal.cancelConfirm')}</Typography.Paragraph>
          <Space wrap>
            <Button danger type="primary" loading={isBusy} onClick={() => run(() => cancelBooking(booking.id), t('appointments.portal.cancelledMessage'))}>
              {t('appointments.portal.cancelYes')}
            </Button>
            <Button onClick={() => setMode('view')}>{t('appointments.portal.keep')}</Button>
          </Space>
        </div>
      )}
      {mode === 'reschedule' && (
        <div role="group" aria-label={t('appointments.portal.rescheduleTitle')}>
          <Typography.Paragraph strong>{t('appointments.portal.rescheduleTitle')}</Typography.Paragraph>
          <SlotPicker venueId={booking.venue.id} service={booking.slot.serviceType} value={target} onChange={setTarget} excludeSlotId={booking.slot.id} />
          <Space wrap style={{ marginTop: 12 }}>
            <Button type="primary" disabled={!target} loading={isBusy} onClick={() => target && run(() => rescheduleBooking(booking.id, target), t('appointments.portal.rescheduledMessage'))}>
              {t('appointments.portal.rescheduleConfirm')}
            </Button>
            <Button onClick={() => setMode('view')}>{t('appointments.portal.keep')}</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}

/**
 * 预约 on the portal: choose a venue (by region), a service, a day and a time;
 * confirm with a name and a phone; see, cancel and move one's appointments.
 * Anyone may look at the open slots; booking needs a signed-in citizen.
 */
export default function AppointmentsPage() {
  const { t } = useTranslation();
  const { isElderMode } = usePreferences();
  const [venues, setVenues] = useState<BookableVenue[] | null>(null);
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [venueId, setVenueId] = useState<string | undefined>();
  const [service, setService] = useState<ServiceType | undefined>();
  const [slotId, setSlotId] = useState<string | null>(null);
  const [mine, setMine] = useState<MyBooking[] | null | 'anonymous'>(null);
  const [attemptKey, setAttemptKey] = useState(newAttemptKey);
  const [notice, setNotice] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  const [isBooking, setBooking] = useState(false);
  /** Bumped after a booking: the slot list is read again (its places changed). */
  const [round, setRound] = useState(0);
  const [form] = Form.useForm<{ contactName: string; contactPhone: string; note?: string }>();
  const bookHeadingId = useId();
  const mineHeadingId = useId();

  useEffect(() => {
    listBookableVenues().then(setVenues, () => setVenues([]));
  }, []);

  const loadMine = useCallback(() => {
    listMyBookings().then(setMine, (e) => setMine(e instanceof ApiError && e.status === 401 ? 'anonymous' : []));
  }, []);
  useEffect(loadMine, [loadMine]);

  const regions = useMemo(() => [...new Map((venues ?? []).map((v) => [v.regionCode, v.regionName])).entries()], [venues]);
  const shown = (venues ?? []).filter((v) => !regionCode || v.regionCode === regionCode);
  const venue = venues?.find((v) => v.id === venueId);
  const isSignedIn = Array.isArray(mine);

  async function confirm(values: { contactName: string; contactPhone: string; note?: string }) {
    if (!slotId) return;
    setBooking(true);
    setNotice(null);
    try {
      const made = await book({ slotId, contactName: values.contactName, contactPhone: values.contactPhone, note: values.note || undefined }, attemptKey);
      setNotice({ type: 'success', text: t('appointments.portal.bookedMessage', { code: made.code, time: `${dayLabel(t, formatDateTime(made.slot.startsAt).slice(0, 10))} ${slotHours(made.slot, formatDateTime)}`, venue: made.venue.name }) });
      setSlotId(null);
      setAttemptKey(newAttemptKey());
      form.resetFields(['note']);
      setRound((n) => n + 1);
      loadMine();
    } catch (e) {
      setNotice({ type: 'error', text: refusal(t, e) });
      // A refused attempt is over: the next try is a new request.
      setAttemptKey(newAttemptKey());
    } finally {
      setBooking(false);
    }
  }

  return (
    <div className={`appointments-page${isElderMode ? ' is-elder' : ''}`} style={{ maxWidth: 760, margin: '0 auto', padding: '16px 12px' }}>
      <Typography.Title level={1} style={{ fontSize: '1.6em' }}>{t('appointments.portal.title')}</Typography.Title>
      <Typography.Paragraph className="appointments-muted">{t('appointments.portal.intro')}</Typography.Paragraph>
      <div aria-live="polite">{notice && <Alert type={notice.type} showIcon message={notice.text} style={{ marginBottom: 16 }} />}</div>

      <section aria-labelledby={bookHeadingId} style={{ marginBottom: 32 }}>
        <Typography.Title level={2} id={bookHeadingId} style={{ fontSize: '1.3em' }}>{t('appointments.portal.bookTitle')}</Typography.Title>
        {!venues ? (
          <Spin aria-label={t('appointments.portal.loading')} />
        ) : venues.length === 0 ? (
          <Typography.Paragraph className="appointments-muted">{t('appointments.portal.noVenues')}</Typography.Paragraph>
        ) : (
          <Form layout="vertical" form={form} onFinish={confirm} requiredMark={false}>
            <Form.Item label={t('appointments.portal.region')} htmlFor="appointment-region">
              <Select
                id="appointment-region"
                showSearch
                optionFilterProp="label"
                allowClear
                placeholder={t('appointments.portal.allRegions')}
                value={regionCode}
                onChange={(code) => {
                  setRegionCode(code);
                  setVenueId(undefined);
                  setService(undefined);
                }}
                options={regions.map(([code, name]) => ({ value: code, label: name }))}
              />
            </Form.Item>
            <Form.Item label={t('appointments.portal.venue')} htmlFor="appointment-venue">
              <Select
                id="appointment-venue"
                showSearch
                optionFilterProp="label"
                placeholder={t('appointments.portal.venuePlaceholder')}
                value={venueId}
                onChange={(id) => {
                  setVenueId(id);
                  const chosen = venues.find((v) => v.id === id);
                  setService(chosen?.services.length === 1 ? chosen.services[0] : undefined);
                }}
                options={shown.map((v) => ({ value: v.id, label: v.name }))}
              />
            </Form.Item>
            {venue && (
              <Typography.Paragraph className="appointments-muted">
                {venue.address}
                {venue.openingHours ? ` · ${venue.openingHours}` : ''}
                {venue.phone ? <> · <a href={`tel:${venue.phone}`} style={{ textDecoration: 'underline' }}>{venue.phone}</a></> : null}
              </Typography.Paragraph>
            )}
            {venue && (
              <Form.Item label={t('appointments.portal.service')} htmlFor="appointment-service">
                <Select
                  id="appointment-service"
                showSearch
                optionFilterProp="label"
                  placeholder={t('appointments.portal.servicePlaceholder')}
                  value={service}
                  onChange={setService}
                  options={venue.services.map((s) => ({ value: s, label: t(`appointments.portal.services.${s}`) }))}
                />
              </Form.Item>
            )}
            {venue && service && (
              <div style={{ marginBottom: 24 }}>
                <SlotPicker key={round} venueId={venue.id} service={service} value={slotId} onChange={setSlotId} />
              </div>
            )}
            {slotId && mine === 'anonymous' && (
              <Alert
                type="info"
                showIcon
                message={t('appointments.portal.signInToBook')}
                action={<Link to="/sign-in?next=/appointments">{t('appointments.portal.signIn')}</Link>}
              />
            )}
            {slotId && isSignedIn && (
              <>
                <Form.Item name="contactName" label={t('appointments.portal.contactName')} rules={[{ required: true, whitespace: true, message: t('appointments.portal.errors.name') }]}>
                  <Input autoComplete="name" maxLength={50} />
                </Form.Item>
                <Form.Item
                  name="contactPhone"
                  label={t('appointments.portal.contactPhone')}
                  rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('appointments.portal.errors.phone') }]}
                >
                  <Input type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} />
                </Form.Item>
                <Form.Item name="note" label={t('appointments.portal.note')} extra={t('appointments.portal.noteHint')}>
                  <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" size="large" loading={isBooking} block>
                  {t('appointments.portal.confirm')}
                </Button>
              </>
            )}
          </Form>
        )}
      </section>

      {isSignedIn && (
        <section aria-labelledby={mineHeadingId}>
          <Typography.Title level={2} id={mineHeadingId} style={{ fontSize: '1.3em' }}>{t('appointments.portal.mineTitle')}</Typography.Title>
          {mine.length === 0 ? (
            <Typography.Paragraph className="appointments-muted">{t('appointments.portal.noneYet')}</Typography.Paragraph>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size="middle">
              {mine.map((b) => (
                <BookingCard
                  key={`${b.id}:${b.status}:${b.slot.id}`}
                  booking={b}
                  onChanged={(text) => {
                    setNotice({ type: 'success', text });
                    setRound((n) => n + 1);
                    loadMine();
                  }}
                />
              ))}
            </Space>
          )}
        </section>
      )}
    </div>
  );
}
