import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Row, Space, Spin, Table, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { formatDateTime, formatDeadline } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { FactList, Prose } from '../../workbench/FactList';
import { ACTIONS, getTicket, getTicketAudit, isReceipt, type ActionReceipt, type Ticket, type TicketAction, type TicketAudit } from './api';
import { categoryName, Countdown, PriorityTag, StatusTag } from './components';
import { TicketActionModal } from './TicketActionModal';
import { ChainBadge, TicketTimeline } from './TicketTimeline';
import { TicketMessages } from './TicketMessages';
import { AnswerBoxProvider } from './answer-box';
import { TicketLawPanel } from '../assistant/TicketLawPanel';
import { TicketDocumentsSection } from '../documents/TicketDocumentsSection';
import { AidCasePanel } from '../legal-aid/AidCasePanel';
import { MediationCasePanel } from '../mediation/MediationCasePanel';
import { AttachmentsSection, ExtendDeadlineModal, MaterialsSection, RatingModal, RespondSupervisionModal, SuperviseModal } from './TicketSideForms';

type Extra = 'supervise' | 'respond' | 'rate' | 'extend';

export default function TicketDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [ticket, setTicket] = useState<Ticket>();
  const [error, setError] = useState<unknown>();
  const [audit, setAudit] = useState<TicketAudit>();
  const [auditError, setAuditError] = useState<unknown>();
  const [action, setAction] = useState<TicketAction>();
  const [extra, setExtra] = useState<Extra>();
  // A generated document is also an attachment: the list below reloads after one.
  const [attachmentsVersion, setAttachmentsVersion] = useState(0);

  const loadAudit = useCallback(() => {
    getTicketAudit(id)
      .then((a) => {
        setAudit(a);
        setAuditError(undefined);
      })
      .catch(setAuditError);
  }, [id]);

  const reload = useCallback(() => {
    getTicket(id)
      .then((v) => {
        setTicket(v);
        setError(undefined);
      })
      .catch(setError);
    loadAudit();
  }, [id, loadAudit]);

  useEffect(() => {
    setTicket(undefined);
    setAudit(undefined);
    reload();
  }, [reload]);

  if (error) return <ErrorResult error={error} backTo="/workbench/tickets" />;
  if (!ticket) {
    return (
      <div role="status" style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  // The server sends what this account may do now (who and when together); the page shows exactly that.
  const allowed = ACTIONS.filter((a) => ticket.abilities[a]);
  const extras: { key: Extra; label: string; isShown: boolean }[] = [
    { key: 'supervise', label: t('tickets.supervision.issue'), isShown: Boolean(ticket.abilities.supervise) },
    { key: 'respond', label: t('tickets.supervision.respond'), isShown: Boolean(ticket.abilities.respondSupervision) },
    { key: 'extend', label: t('tickets.extension.title'), isShown: Boolean(ticket.abilities.extendDeadline) },
    { key: 'rate', label: t('tickets.rating.enter'), isShown: Boolean(ticket.abilities.recordRating) },
  ];

  function done(updated: Ticket | ActionReceipt | undefined, text: string) {
    setAction(undefined);
    setExtra(undefined);
    if (updated && isReceipt(updated)) {
      // The ticket left this account's view (sent back, transferred or delegated away): say where it went and go back to the queue.
      message.success(t(`tickets.receipt.${updated.action}`, { number: updated.number, unit: updated.unit?.name ?? '', defaultValue: text }));
      navigate('/workbench/tickets');
      return;
    }
    message.success(text);
    if (updated) setTicket(updated);
    reload();
  }

  const a = ticket.applicant;
  const counterparty = ticket.counterparty as { name?: string; phone?: string; note?: string } | null;

  return (
    <AnswerBoxProvider>
      <PageTitle
        extra={
          <Button onClick={() => navigate('/workbench/tickets')}>{t('common.back')}</Button>
        }
      >
        <TicketTitle number={ticket.number} />
      </PageTitle>
      <Space wrap style={{ marginBottom: 16 }} aria-label={t('tickets.state')}>
        <StatusTag status={ticket.status} />
        <PriorityTag ticket={ticket} />
        {ticket.dueState !== 'ok' && (
          <Tag color={ticket.dueState === 'overdue' ? 'red' : 'orange'}>{t(`tickets.dueStates.${ticket.dueState}`, { defaultValue: ticket.dueState })}</Tag>
        )}
        {ticket.isSupervised && <Tag color="volcano">{t('tickets.supervised')}</Tag>}
        {ticket.isFlaggedToLead && <Tag color="magenta">{t('tickets.flaggedToLead')}</Tag>}
        {ticket.bounceCount > 0 && <Tag>{t('tickets.bounces', { count: ticket.bounceCount })}</Tag>}
      </Space>

      <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.actionsTitle')}</h2>} style={{ marginBottom: 16 }}>
        {allowed.length === 0 && !extras.some((e) => e.isShown) ? (
          <p style={{ margin: 0 }}>{t('tickets.noActions')}</p>
        ) : (
          <Space wrap role="toolbar" aria-label={t('tickets.actionsTitle')}>
            {allowed.map((act) => (
              <Button
                key={act}
                type={['accept', 'assign', 'start', 'resolve', 'follow_up'].includes(act) ? 'primary' : 'default'}
                danger={act === 'reject'}
                onClick={() => setAction(act)}
              >
                {t(`tickets.actions.${act}`)}
              </Button>
            ))}
            {extras
              .filter((e) => e.isShown)
              .map((e) => (
                <Button key={e.key} onClick={() => setExtra(e.key)}>
                  {e.label}
                </Button>
              ))}
          </Space>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {ticket.serviceType === 'legal_aid' ? <AidCasePanel ticketId={ticket.id} onChanged={reload} /> : null}
            {ticket.serviceType === 'mediation' ? <MediationCasePanel ticketId={ticket.id} regionCode={ticket.region.code} onChanged={reload} /> : null}
            <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.basics')}</h2>}>
              <FactList
                items={[
                  { key: 'number', label: t('tickets.number'), children: <span className="nowrap">{ticket.number}</span> },
                  { key: 'channel', label: t('tickets.channel'), children: t(`tickets.channels.${ticket.channel}`) },
                  { key: 'serviceType', label: t('tickets.serviceType'), children: t(`services.${ticket.serviceType}`) },
                  { key: 'category', label: t('tickets.category'), children: categoryName(t, ticket.category) },
                  { key: 'region', label: t('tickets.region'), children: `${ticket.region.name}（${ticket.region.code}）` },
                  { key: 'unit', label: t('tickets.unit'), children: ticket.unit?.name ?? '—' },
                  { key: 'assignee', label: t('tickets.assignee'), children: ticket.assignee?.displayName ?? '—' },
                  { key: 'firstResponder', label: t('tickets.firstResponder'), children: ticket.firstResponder?.displayName ?? '—' },
                  { key: 'createdAt', label: t('tickets.createdAt'), children: <span className="nowrap">{formatDateTime(ticket.createdAt)}</span> },
                  { key: 'resolvedAt', label: t('tickets.resolvedAt'), children: <span className="nowrap">{formatDateTime(ticket.resolvedAt) || '—'}</span> },
                  { key: 'description', label: t('tickets.description'), span: 'filled', children: <Prose>{ticket.description}</Prose> },
                ]}
              />
            </Card>

            <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.applicant')}</h2>}>
              <FactList
                items={[
                  { key: 'name', label: t('tickets.applicantName'), children: a.name },
                  { key: 'phone', label: t('tickets.phone'), children: <span className="nowrap">{a.phone ?? '—'}</span> },
                  { key: 'idNumber', label: t('tickets.idNumber'), children: <span className="nowrap">{a.idNumber ?? '—'}</span> },
                  { key: 'gender', label: t('tickets.gender'), children: a.gender ? t(`tickets.genders.${a.gender}`) : '—' },
                  { key: 'ageGroup', label: t('tickets.ageGroup'), children: <span className="nowrap">{a.ageGroup ? t(`tickets.ageGroups.${a.ageGroup}`) : '—'}</span> },
                  {
                    key: 'specialGroups',
                    label: t('tickets.specialGroups'),
                    children:
                      a.specialGroups.length === 0
                        ? '—'
                        : a.specialGroups.map((g) => (
                            <Tag key={g} color="red">
                              {t(`tickets.specialGroupNames.${g}`, { defaultValue: g })}
                            </Tag>
                          )),
                  },
                  { key: 'preferredContact', label: t('tickets.preferredContact'), children: ticket.preferredContact ? t(`tickets.contacts.${ticket.preferredContact}`) : '—' },
                  { key: 'language', label: t('tickets.language'), children: t(`tickets.languages.${ticket.language}`, { defaultValue: ticket.language }) },
                  {
                    key: 'counterparty',
                    label: t('tickets.counterparty'),
                    span: 'filled',
                    children: counterparty ? [counterparty.name, counterparty.phone, counterparty.note].filter(Boolean).join(' · ') || '—' : '—',
                  },
                ]}
              />
            </Card>

            <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.deadlines')}</h2>}>
              <Table
                size="small"
                scroll={{ x: 'max-content' }}
                rowKey={(d) => d.step}
                pagination={false}
                dataSource={ticket.deadlines}
                locale={{ emptyText: t('common.noData') }}
                columns={[
                  { title: t('tickets.timeline.step'), dataIndex: 'step', render: (s: string) => t(`tickets.steps.${s}`, { defaultValue: s }) },
                  {
                    title: t('tickets.limit'),
                    key: 'limit',
                    render: (_, d) => t(`tickets.limitUnits.${d.unit}`, { count: d.amount, defaultValue: `${d.amount} ${d.unit}` }),
                  },
                  { title: t('tickets.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatDeadline(v) },
                  {
                    title: t('tickets.deadlineState'),
                    key: 'state',
                    render: (_, d) =>
                      d.state === 'running' || d.state === 'overdue' ? (
                        <Countdown dueAt={d.dueAt} />
                      ) : (
                        <Tag>{t(`tickets.deadlineStates.${d.state}`, { defaultValue: d.state })}</Tag>
                      ),
                  },
                ]}
              />
            </Card>

            <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.materials.title')}</h2>}>
              <MaterialsSection ticket={ticket} onChanged={setTicket} />
            </Card>

            <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('documents.title')}</h2>}>
              <TicketDocumentsSection
                ticketId={ticket.id}
                onGenerated={() => {
                  setAttachmentsVersion((n) => n + 1);
                  loadAudit();
                }}
              />
            </Card>

            <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.attachments.title')}</h2>}>
              <AttachmentsSection key={attachmentsVersion} ticket={ticket} />
            </Card>

            {ticket.channel === 'portal' ? (
              <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.messages.title')}</h2>}>
                <TicketMessages ticketId={ticket.id} onPosted={loadAudit} />
              </Card>
            ) : null}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          {/* 相关法条与问答: what answering a consultation needs beside it (hidden where the server has no suggestions). */}
          {ticket.serviceType === 'consultation' ? <TicketLawPanel ticketId={ticket.id} /> : null}
          <Card
            title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.timeline.title')}</h2>}
            extra={audit && <ChainBadge audit={audit} />}
          >
            <TicketTimeline audit={audit} error={auditError} />
          </Card>
        </Col>
      </Row>

      <TicketActionModal
        ticket={ticket}
        action={action}
        onClose={() => setAction(undefined)}
        onDone={(updated) => done(updated, t('tickets.actionDone', { action: t(`tickets.actions.${action}`) }))}
      />
      <ExtendDeadlineModal ticket={ticket} open={extra === 'extend'} onClose={() => setExtra(undefined)} onDone={() => done(undefined, t('tickets.extension.done'))} />
      <SuperviseModal ticket={ticket} open={extra === 'supervise'} onClose={() => setExtra(undefined)} onDone={() => done(undefined, t('tickets.supervision.issued'))} />
      <RespondSupervisionModal ticket={ticket} open={extra === 'respond'} onClose={() => setExtra(undefined)} onDone={() => done(undefined, t('tickets.supervision.responded'))} />
      <RatingModal ticket={ticket} open={extra === 'rate'} onClose={() => setExtra(undefined)} onDone={() => done(undefined, t('tickets.rating.recorded'))} />
    </AnswerBoxProvider>
  );
}

/** 工单 990102-20261201-0001 with the number never broken at its hyphens (the words around it come from the translation). */
function TicketTitle({ number }: { number: string }) {
  const { t } = useTranslation();
  const [before, after = ''] = t('tickets.ticketTitle', { number: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <span className="nowrap">{number}</span>
      {after}
    </>
  );
}
