import { Alert, Tag, Timeline } from 'antd';
import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors';
import { formatDateTime, formatDeadline } from '../../app/time';
import type { AuditEvent, TicketAudit } from './api';
import { categoryName } from './components';

/** The i18n key of an event type: "action.assign" → "assign", "deadline.overdue" → "deadline_overdue". */
export function eventKey(type: string): string {
  return type.startsWith('action.') ? type.slice('action.'.length) : type.replace(/\./g, '_');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function named(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return text(v.displayName) ?? text(v.name) ?? text(v.number);
  }
  return text(value);
}

function EventDetails({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const d = event.data ?? {};
  const lines: [string, string][] = [];
  const add = (labelKey: string, value: string | undefined) => {
    if (value) lines.push([t(labelKey), value]);
  };
  if (event.type === 'ticket.created') {
    add('tickets.number', text(d.number));
    if (d.channel) add('tickets.channel', t(`tickets.channels.${String(d.channel)}`, { defaultValue: String(d.channel) }));
    if (d.serviceType) add('tickets.serviceType', t(`services.${String(d.serviceType)}`, { defaultValue: String(d.serviceType) }));
    if (d.category) add('tickets.category', categoryName(t, String(d.category)));
    add('tickets.timeline.continues', text(d.continues));
  }
  if (d.from && d.to) {
    add('tickets.status', `${t(`tickets.statuses.${String(d.from)}`, { defaultValue: String(d.from) })} → ${t(`tickets.statuses.${String(d.to)}`, { defaultValue: String(d.to) })}`);
  }
  add('tickets.unit', named(d.unit));
  add('tickets.assignee', named(d.assignee));
  add('tickets.actionForm.reason', text(d.reason));
  add('tickets.actionForm.summary', text(d.summary));
  add('tickets.actionForm.outcome', text(d.outcome) ?? text(d.response));
  add('tickets.timeline.target', named(d.target));
  if (event.type === 'ticket.linked') add('tickets.timeline.linked', text(d.number));
  if (event.type.startsWith('deadline.')) {
    if (d.step) add('tickets.timeline.step', t(`tickets.steps.${String(d.step)}`, { defaultValue: String(d.step) }));
    if (event.type === 'deadline.recalculated') add('tickets.timeline.previousDueAt', formatDeadline(text(d.previousDueAt)));
    add('tickets.dueAt', formatDeadline(text(d.dueAt)));
  }
  if (event.type === 'deadline.recalculated') {
    const region = d.calendar && typeof d.calendar === 'object' ? text((d.calendar as Record<string, unknown>).regionName) : undefined;
    const calendar = region ? t('tickets.timeline.regionalCalendar', { name: region }) : t('tickets.timeline.nationalCalendar');
    add('tickets.timeline.recalculatedBy', t(`tickets.timeline.${d.reason === 'holiday_year_removed' ? 'yearRemoved' : 'yearSaved'}`, { year: text(d.year), calendar }));
  }
  if (event.type.startsWith('supervision.') && d.dueAt) add('tickets.dueAt', formatDeadline(text(d.dueAt)));
  if (event.type === 'rating.recorded') {
    const scores = (['attitude', 'speed', 'policy', 'expertise'] as const)
      .filter((k) => typeof d[k] === 'number')
      .map((k) => `${t(`tickets.rating.${k}`)} ${String(d[k])}`)
      .join('，');
    add('tickets.rating.title', scores || undefined);
    add('tickets.rating.comment', text(d.comment));
  }
  if (event.type === 'attachment.added') add('tickets.attachments.fileName', text(d.fileName) ?? text(d.name));
  if (lines.length === 0) return null;
  return (
    <dl style={{ margin: '4px 0 0', display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 8, rowGap: 2 }}>
      {lines.map(([label, value], i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt style={{ color: '#666', whiteSpace: 'nowrap' }}>{label}</dt>
          {/* Names and numbers stay whole (keep-all); a long reason still wraps where it must. */}
          <dd style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'keep-all', overflowWrap: 'anywhere', minWidth: 0 }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ChainBadge({ audit }: { audit: TicketAudit }) {
  const { t } = useTranslation();
  return audit.verified ? (
    <Tag color="green" icon={<SafetyCertificateOutlined aria-hidden />} role="status">
      {t('tickets.timeline.verified')}
    </Tag>
  ) : (
    <Tag color="red" icon={<WarningOutlined aria-hidden />} role="status">
      {t('tickets.timeline.broken', { seq: audit.brokenAtSeq ?? '?' })}
      {audit.reason ? ` · ${t(`tickets.timeline.brokenReason.${audit.reason}`)}` : null}
    </Tag>
  );
}

/** 全程留痕: every event of the ticket, oldest first, in words. */
export function TicketTimeline({ audit, error }: { audit?: TicketAudit; error?: unknown }) {
  const { t } = useTranslation();
  if (error) return <Alert type="error" showIcon role="alert" message={errorMessage(t, error)} />;
  if (!audit) return <p role="status">{t('common.loading')}</p>;
  return (
    <Timeline
      aria-label={t('tickets.timeline.title')}
      items={audit.events.map((event) => {
        const isBroken = audit.brokenAtSeq !== null && event.seq >= audit.brokenAtSeq;
        const isWarning = event.type === 'deadline.overdue' || event.type === 'supervision.issued';
        return {
          key: event.seq,
          color: isBroken ? 'red' : isWarning ? 'orange' : 'blue',
          children: (
            <article aria-label={t(`tickets.events.${eventKey(event.type)}`, { defaultValue: event.type })}>
              <div>
                <strong>{t(`tickets.events.${eventKey(event.type)}`, { defaultValue: event.type })}</strong>
                <span style={{ color: '#666', marginInlineStart: 8 }}>
                  {event.actorName ?? t('tickets.timeline.system')} · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                </span>
              </div>
              <EventDetails event={event} />
            </article>
          ),
        };
      })}
    />
  );
}
