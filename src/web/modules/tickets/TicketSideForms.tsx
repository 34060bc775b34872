import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Form, Input, InputNumber, List, Modal, Rate, Select, Space, Tag } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors';
import { endOfPickedDay, formatDateTime, formatDeadline, isBeforeBeijingToday } from '../../app/time';
import { listTicketSupervision, respondSupervision, type SupervisionOrder } from '../oversight/api';
import {
  attachmentUrl,
  extendTicketDeadline,
  isMissingRoute,
  listAttachments,
  rateTicket,
  superviseTicket,
  updateMaterials,
  uploadAttachment,
  type Attachment,
  type RatingInput,
  type Ticket,
} from './api';
import { Unavailable } from './components';

/** 一次性告知: the checklist, ticked as provided; editable when the account may update it. */
export function MaterialsSection({ ticket, onChanged }: { ticket: Ticket; onChanged(t: Ticket): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canEdit = Boolean(ticket.abilities.updateMaterials);
  const [checked, setChecked] = useState<string[]>(ticket.materials.filter((m) => m.isProvided).map((m) => m.key));
  const [isSaving, setSaving] = useState(false);
  const [isUnavailable, setUnavailable] = useState(false);

  useEffect(() => setChecked(ticket.materials.filter((m) => m.isProvided).map((m) => m.key)), [ticket]);

  if (ticket.materials.length === 0) return <p style={{ margin: 0 }}>{t('tickets.materials.none')}</p>;

  async function save() {
    setSaving(true);
    try {
      onChanged(await updateMaterials(ticket.id, checked));
      message.success(t('common.saved'));
    } catch (e) {
      if (isMissingRoute(e)) setUnavailable(true);
      else message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const isDirty = checked.slice().sort().join() !== ticket.materials.filter((m) => m.isProvided).map((m) => m.key).sort().join();

  return (
    <>
      <CheckboxList
        value={checked}
        onChange={setChecked}
        disabled={!canEdit || isUnavailable}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        aria-label={t('tickets.materials.title')}
        options={ticket.materials.map((m) => ({ value: m.key, label: <>{m.name} {m.isRequired && <Tag color="red">{t('tickets.materials.required')}</Tag>}</> }))}
      />
      {isUnavailable && (
        <div style={{ marginTop: 12 }}>
          <Unavailable what={t('tickets.materials.update')} />
        </div>
      )}
      {canEdit && !isUnavailable && (
        <Button style={{ marginTop: 12 }} onClick={() => void save()} loading={isSaving} disabled={!isDirty}>
          {t('tickets.materials.update')}
        </Button>
      )}
    </>
  );
}

/** 督办: a supervisor orders a ticket sped up, with a reason and a date to respond by. */
export function SuperviseModal({ ticket, open, onClose, onDone }: { ticket: Ticket; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; dueAt: Dayjs }>();
  const [error, setError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  async function submit(v: { reason: string; dueAt: Dayjs }) {
    setSaving(true);
    setError(undefined);
    try {
      await superviseTicket(ticket.id, { reason: v.reason.trim(), dueAt: endOfPickedDay(v.dueAt) });
      onDone();
    } catch (e) {
      setError(isMissingRoute(e) ? t('tickets.unavailable', { what: t('tickets.supervision.issue') }) : errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('tickets.supervision.issue')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
        <Form.Item label={t('tickets.actionForm.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label={t('tickets.supervision.dueAt')} name="dueAt" rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => isBeforeBeijingToday(day)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Approving an extension (延期): one open deadline moves on by the given time, with a reason. */
export function ExtendDeadlineModal({ ticket, open, onClose, onDone }: { ticket: Ticket; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  type Values = { step: string; amount: number; unit: 'hours' | 'working_days'; reason: string };
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const openSteps = ticket.deadlines.filter((d) => d.state === 'running' || d.state === 'paused' || d.state === 'overdue').map((d) => d.step);

  async function submit(v: Values) {
    setSaving(true);
    setError(undefined);
    try {
      await extendTicketDeadline(ticket.id, { ...v, reason: v.reason.trim() });
      onDone();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('tickets.extension.title')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ step: openSteps[0], amount: 1, unit: 'working_days' }} onFinish={(v) => void submit(v)}>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
        <Form.Item label={t('tickets.timeline.step')} name="step" rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={openSteps.map((step) => ({ value: step, label: t(`tickets.steps.${step}`, { defaultValue: step }) }))} />
        </Form.Item>
        <Form.Item label={t('tickets.extension.amount')} name="amount" rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={1} max={250} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('tickets.extension.unit')} name="unit">
          <Select options={[{ value: 'working_days', label: t('tickets.extension.workingDays') }, { value: 'hours', label: t('tickets.extension.hours') }]} />
        </Form.Item>
        <Form.Item label={t('tickets.actionForm.reason')} name="reason" rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The handler answers the open supervision orders on this ticket. */
export function RespondSupervisionModal({ ticket, open, onClose, onDone }: { ticket: Ticket; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [orders, setOrders] = useState<SupervisionOrder[] | 'unavailable'>();
  const [loadError, setLoadError] = useState<unknown>();
  const [form] = Form.useForm<{ orderId: string; response: string }>();
  const [error, setError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setOrders(undefined);
    setLoadError(undefined);
    listTicketSupervision(ticket.id)
      .then(({ items }) => {
        const mine = items.filter((o) => !o.respondedAt && o.abilities.respond);
        setOrders(mine);
        if (mine[0]) form.setFieldsValue({ orderId: mine[0].id });
      })
      .catch((e) => (isMissingRoute(e) ? setOrders('unavailable') : setLoadError(e)));
  }, [open, ticket.id, form]);

  async function submit(v: { orderId: string; response: string }) {
    setSaving(true);
    setError(undefined);
    try {
      await respondSupervision(v.orderId, v.response.trim());
      onDone();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const hasOrders = Array.isArray(orders) && orders.length > 0;
  return (
    <Modal
      open={open}
      title={t('tickets.supervision.respond')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !hasOrders }}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {loadError ? (
        <Alert type="error" showIcon role="alert" message={errorMessage(t, loadError)} />
      ) : orders === 'unavailable' ? (
        <Unavailable what={t('nav.supervision')} />
      ) : !orders ? (
        <p role="status">{t('common.loading')}</p>
      ) : !hasOrders ? (
        <Empty description={t('tickets.supervision.noneOpen')} />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
          <Form.Item name="orderId" hidden>
            <Input />
          </Form.Item>
          <List
            size="small"
            dataSource={orders}
            renderItem={(o) => (
              <List.Item>
                {o.reason}（{t('tickets.supervision.dueAt')}：{formatDeadline(o.dueAt)}，{o.issuedBy?.displayName ?? t('oversight.automatic')}）
              </List.Item>
            )}
          />
          <Form.Item label={t('tickets.supervision.response')} name="response" rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

const RATING_KEYS = ['attitude', 'speed', 'policy', 'expertise'] as const;
/** antd's Rate renders a bare list of radios; the role makes the label name the group. */
const RADIOGROUP = { role: 'radiogroup' };

/** 满意度评价: four 1–5 scores and a comment, entered by staff on the citizen's behalf. */
export function RatingModal({ ticket, open, onClose, onDone }: { ticket: Ticket; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RatingInput>();
  const [error, setError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  async function submit(v: RatingInput) {
    setSaving(true);
    setError(undefined);
    try {
      await rateTicket(ticket.id, { ...v, comment: v.comment?.trim() || undefined });
      onDone();
    } catch (e) {
      setError(isMissingRoute(e) ? t('tickets.unavailable', { what: t('tickets.rating.title') }) : errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('tickets.rating.title')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }} onFinish={(v) => void submit(v)}>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
        {RATING_KEYS.map((k) => (
          <Form.Item key={k} label={t(`tickets.rating.${k}`)} name={k} rules={[{ required: true, message: t('validation.required') }]}>
            <Rate {...RADIOGROUP} aria-label={t(`tickets.rating.${k}`)} />
          </Form.Item>
        ))}
        <Form.Item label={t('tickets.rating.comment')} name="comment" rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <p style={{ color: '#666', margin: 0 }}>{t('tickets.rating.lowHint')}</p>
      </Form>
    </Modal>
  );
}

/** Attachments: list and upload; a server without the endpoint shows the section as unavailable. */
export function AttachmentsSection({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<Attachment[] | 'unavailable'>();
  const [error, setError] = useState<unknown>();
  const [isUploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  function load() {
    listAttachments(ticket.id)
      .then((list) => {
        setItems(list);
        setError(undefined);
      })
      .catch((e) => (isMissingRoute(e) ? setItems('unavailable') : setError(e)));
  }
  useEffect(load, [ticket.id]);

  async function upload(file: File) {
    setUploading(true);
    try {
      await uploadAttachment(ticket.id, file);
      message.success(t('tickets.attachments.uploaded', { name: file.name }));
      load();
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  }

  if (items === 'unavailable') return <Unavailable what={t('tickets.attachments.title')} />;
  if (error) return <Alert type="error" showIcon message={errorMessage(t, error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!items ? (
        <p role="status">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <Empty description={t('tickets.attachments.none')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item>
              <a href={attachmentUrl(a.id)} target="_blank" rel="noreferrer">
                {a.fileName}
              </a>
              <span style={{ color: '#666' }}>
                {Math.ceil(a.size / 1024)} KB · {a.createdBy ? `${a.createdBy} · ` : ''}
                {formatDateTime(a.createdAt)}
              </span>
            </List.Item>
          )}
        />
      )}
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,application/pdf"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <Button icon={<UploadOutlined aria-hidden />} loading={isUploading} onClick={() => input.current?.click()}>
        {t('tickets.attachments.upload')}
      </Button>
      <span style={{ color: '#666' }}>{t('tickets.attachments.hint')}</span>
    </Space>
  );
}
