import { useEffect, useRef, useState } from 'react';
import { Alert, Collapse, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { errorMessage, fieldErrorText, normalizeField } from '../../app/errors';
import { RegionPicker } from '../regions/RegionPicker';
import { TicketLawPanel } from '../assistant/TicketLawPanel';
import { useAnswerBox } from './answer-box';
import { FactList, Prose } from '../../workbench/FactList';
import {
  actOnTicket,
  getDispatchSuggestion,
  listTickets,
  type DispatchCandidate,
  type DispatchSuggestion,
  type ActionReceipt,
  type Ticket,
  type TicketAction,
  type TicketActionInput,
} from './api';

type Values = {
  reason?: string;
  summary?: string;
  outcome?: string;
  unitRegionCode?: string;
  assigneeId?: string;
  targetNumber?: string;
};

/** What each action asks for; the server checks the same (act-on-ticket toAction). */
const NEEDS: Record<TicketAction, readonly (keyof Values)[]> = {
  accept: [],
  start: [],
  resume: [],
  archive: [],
  reject: ['reason'],
  send_back: ['reason'],
  suspend: ['reason'],
  reopen: ['reason'],
  assign: ['unitRegionCode', 'assigneeId'],
  transfer: ['unitRegionCode', 'reason'],
  delegate: ['unitRegionCode', 'assigneeId'],
  resolve: ['summary'],
  follow_up: ['outcome'],
  merge_into: ['targetNumber'],
};

const NO_ASSIGNEE = '';

type Props = {
  ticket: Ticket;
  action: TicketAction | undefined;
  onClose(): void;
  onDone(result: Ticket | ActionReceipt): void;
};

/** The small form behind each action button: only the fields that action needs. */
export function TicketActionModal({ ticket, action, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [suggestion, setSuggestion] = useState<DispatchSuggestion | 'unavailable' | 'loading' | undefined>();
  const needs = action ? NEEDS[action] : [];
  const wantsAssignee = needs.includes('assigneeId');
  // The resolution's summary is the answer of a consultation: the suggestions panel writes into it while this is open.
  const summaryRef = useRef<TextAreaRef>(null);
  const summary = (Form.useWatch('summary', form) as string | undefined) ?? '';
  const answerBox = useAnswerBox(summaryRef, summary, (next) => form.setFieldValue('summary', next), needs.includes('summary'));
  const showsLaw = needs.includes('summary') && ticket.serviceType === 'consultation';

  useEffect(() => {
    setFormError(undefined);
    form.resetFields();
    if (!action || !wantsAssignee) {
      setSuggestion(undefined);
      return;
    }
    // The dispatcher sees the rules' suggestion, preselected, and may override it.
    let isCurrent = true;
    setSuggestion('loading');
    getDispatchSuggestion(ticket.id)
      .then((s) => {
        if (!isCurrent) return;
        setSuggestion(s);
        // Preselected only where the dispatcher may assign (the rules may climb above their region).
        if (action === 'assign' && s.canAssign) {
          form.setFieldsValue({ unitRegionCode: s.unit.code, assigneeId: s.assignee?.id ?? NO_ASSIGNEE });
        }
      })
      .catch(() => isCurrent && setSuggestion('unavailable'));
    if (action === 'delegate' || action === 'assign') form.setFieldsValue({ assigneeId: NO_ASSIGNEE });
    return () => {
      isCurrent = false;
    };
  }, [action, ticket.id, wantsAssignee, form]);

  async function submit(values: Values) {
    if (!action) return;
    setSaving(true);
    setFormError(undefined);
    try {
      const input: TicketActionInput = { action };
      if (needs.includes('reason')) input.reason = values.reason?.trim();
      if (needs.includes('summary')) input.summary = values.summary?.trim();
      if (needs.includes('outcome')) input.outcome = values.outcome?.trim();
      if (needs.includes('unitRegionCode')) input.unitRegionCode = values.unitRegionCode;
      if (wantsAssignee) input.assigneeId = values.assigneeId || null;
      if (action === 'merge_into') {
        const number = values.targetNumber!.trim();
        const { items } = await listTickets({ queue: 'all', number, limit: 5 });
        const target = items.find((i) => i.number === number);
        if (!target) {
          form.setFields([{ name: 'targetNumber', errors: [t('tickets.actionForm.noSuchTicket')] }]);
          return;
        }
        input.targetTicketId = target.id;
      }
      const updated = await actOnTicket(ticket.id, input);
      onDone(updated);
    } catch (e) {
      const path = e instanceof ApiError && e.field ? normalizeField(e.field) : undefined;
      const field = path === 'targetTicketId' ? 'targetNumber' : path;
      if (field && (needs as readonly string[]).includes(field)) {
        form.setFields([{ name: field as keyof Values, errors: [fieldErrorText(t, e)] }]);
      } else {
        setFormError(errorMessage(t, e));
      }
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const candidates: DispatchCandidate[] = suggestion && typeof suggestion === 'object' ? suggestion.candidates : [];

  return (
    <Modal
      open={Boolean(action)}
      title={action ? t(`tickets.actions.${action}`) : ''}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={wantsAssignee ? 760 : 520}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
        {needs.length === 0 && action && <p>{t('tickets.actionForm.confirm', { action: t(`tickets.actions.${action}`), number: ticket.number })}</p>}

        {wantsAssignee && suggestion === 'loading' && <p role="status">{t('common.loading')}</p>}
        {wantsAssignee && suggestion === 'unavailable' && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('tickets.dispatch.unavailable')} />
        )}
        {wantsAssignee && suggestion && typeof suggestion === 'object' && (
          <section aria-label={t('tickets.dispatch.title')} style={{ marginBottom: 16 }}>
            <FactList
              columns={1}
              title={t('tickets.dispatch.title')}
              items={[
                { key: 'unit', label: t('tickets.unit'), children: suggestion.unit.name },
                { key: 'assignee', label: t('tickets.assignee'), children: suggestion.assignee?.displayName ?? '—' },
                { key: 'reason', label: t('tickets.dispatch.reason'), children: <Prose>{suggestion.reason}</Prose> },
                ...(suggestion.canAssign ? [] : [{ key: 'note', label: t('tickets.dispatch.note'), children: <Prose>{t('tickets.dispatch.outOfScope')}</Prose> }]),
              ]}
            />
          </section>
        )}

        {needs.includes('unitRegionCode') && (
          <Form.Item
            label={t('tickets.unit')}
            name="unitRegionCode"
            rules={[{ required: true, message: t('validation.required') }]}
            extra={action === 'delegate' ? t('tickets.actionForm.delegateHint') : undefined}
          >
            <RegionPicker
              initial={
                suggestion && typeof suggestion === 'object'
                  ? { code: suggestion.unit.code, name: suggestion.unit.regionName, level: suggestion.unit.level }
                  : undefined
              }
            />
          </Form.Item>
        )}

        {wantsAssignee && (
          <Form.Item label={t('tickets.assignee')} name="assigneeId" extra={candidates.length === 0 ? t('tickets.dispatch.noCandidates') : undefined}>
            <Radio.Group style={{ width: '100%' }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio value={NO_ASSIGNEE}>{t('tickets.dispatch.unitOnly')}</Radio>
                {candidates.length > 0 && (
                  <Table<DispatchCandidate>
                    size="small"
                    scroll={{ x: 'max-content' }}
                    rowKey="id"
                    pagination={false}
                    dataSource={candidates}
                    columns={[
                      {
                        title: t('tickets.assignee'),
                        key: 'pick',
                        render: (_, c) => (
                          <Radio value={c.id} className="nowrap">
                            {c.displayName}
                            {suggestion && typeof suggestion === 'object' && suggestion.assignee?.id === c.id && (
                              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                                {t('tickets.dispatch.suggested')}
                              </Tag>
                            )}
                          </Radio>
                        ),
                      },
                      { title: t('tickets.dispatch.roles'), key: 'roles', className: 'nowrap', render: (_, c) => c.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join('、') },
                      { title: t('tickets.region'), dataIndex: 'regionName', className: 'nowrap' },
                      { title: t('tickets.dispatch.load'), dataIndex: 'load', align: 'right' },
                      {
                        title: t('tickets.dispatch.onDuty'),
                        dataIndex: 'isOnDuty',
                        render: (b: boolean) => (b ? t('common.yes') : t('common.no')),
                      },
                      {
                        title: t('tickets.dispatch.match'),
                        key: 'match',
                        render: (_, c) => (
                          <Space size={2} wrap>
                            {c.skillMatch && <Tag color="green">{t('tickets.dispatch.skill')}</Tag>}
                            {c.languageMatch && <Tag color="green">{t('tickets.dispatch.language')}</Tag>}
                          </Space>
                        ),
                      },
                      { title: t('tickets.dispatch.score'), dataIndex: 'score', align: 'right' },
                      { title: t('tickets.dispatch.candidateReason'), dataIndex: 'reason', render: (r: string) => <div style={{ minWidth: 220 }}>{r}</div> },
                    ]}
                  />
                )}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}

        {needs.includes('reason') && (
          <Form.Item label={t('tickets.actionForm.reason')} name="reason" rules={[required, { max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        {needs.includes('summary') && answerBox.isDraft && (
          <Alert type="warning" showIcon message={t('assistant.panel.machineDraft')} description={t('assistant.panel.drafted')} style={{ marginBottom: 8 }} />
        )}
        {needs.includes('summary') && (
          <Form.Item label={t('tickets.actionForm.summary')} name="summary" rules={[required, { max: 5000 }]}>
            <Input.TextArea ref={summaryRef} rows={4} maxLength={5000} onFocus={answerBox.onFocus} />
          </Form.Item>
        )}
        {showsLaw && (
          <Collapse size="small" items={[{ key: 'law', label: t('assistant.panel.title'), children: <TicketLawPanel ticketId={ticket.id} isEmbedded /> }]} />
        )}
        {needs.includes('outcome') && (
          <Form.Item label={t('tickets.actionForm.outcome')} name="outcome" rules={[required, { max: 2000 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {needs.includes('targetNumber') && (
          <Form.Item label={t('tickets.actionForm.targetNumber')} name="targetNumber" rules={[required]} extra={t('tickets.actionForm.mergeHint')}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
