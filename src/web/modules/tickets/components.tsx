import { Alert, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDeadline, timeLeft } from '../../app/time';
import { STATUS_COLORS, type Ticket, type TicketStatus } from './api';

export function StatusTag({ status }: { status: TicketStatus | string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status as TicketStatus] ?? 'default'}>{t(`tickets.statuses.${status}`, { defaultValue: status })}</Tag>;
}

export function PriorityTag({ ticket }: { ticket: Pick<Ticket, 'isPriority'> }) {
  const { t } = useTranslation();
  if (!ticket.isPriority) return null;
  return (
    <Tooltip title={t('tickets.priorityHint')}>
      <Tag color="red">{t('tickets.priority')}</Tag>
    </Tooltip>
  );
}

export function Countdown({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation();
  const { isOverdue, hours } = timeLeft(dueAt);
  const amount = hours >= 48 ? t('tickets.days', { count: Math.floor(hours / 24) }) : t('tickets.hours', { count: Math.max(1, Math.round(hours)) });
  return isOverdue ? (
    <span style={{ color: '#cf1322', fontWeight: 600 }}>{t('tickets.overdueBy', { amount })}</span>
  ) : (
    <span>{t('tickets.leftToGo', { amount })}</span>
  );
}

/** The ticket's next deadline: time, and a red "overdue" when it has passed. */
export function DueCell({ ticket }: { ticket: Pick<Ticket, 'nextDueAt' | 'dueState'> }) {
  const { t } = useTranslation();
  if (!ticket.nextDueAt) return <span>—</span>;
  return (
    <span>
      {ticket.dueState === 'overdue' ? (
        <Tag color="red">{t('tickets.dueStates.overdue')}</Tag>
      ) : ticket.dueState === 'due_soon' ? (
        <Tag color="orange">{t('tickets.dueStates.due_soon')}</Tag>
      ) : null}
      <span style={ticket.dueState === 'overdue' ? { color: '#cf1322' } : undefined}>{formatDeadline(ticket.nextDueAt)}</span>
    </span>
  );
}

/** Shown in place of a section whose endpoint the server does not have yet. */
export function Unavailable({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Alert type="info" showIcon message={t('tickets.unavailable', { what })} />;
}

/** A dispute category (stored in Chinese, as the regulations name it) in the reader's language. */
export function categoryName(t: TFunction, category: string): string {
  return t(`categories.${category}`, { defaultValue: category });
}
