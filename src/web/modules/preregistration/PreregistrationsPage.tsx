import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Timeline } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage, fieldErrorFor, formatDateTime } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { LawNoteLink } from './LawNoteLink';
import {
  fetchPreregistration,
  fetchPreregistrations,
  PREREGISTRATION_SERVICES,
  PREREGISTRATION_STATUSES,
  recordStatus,
  tickMaterials,
  type Preregistration,
} from './api';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<string, string> = { materials_needed: 'orange', completed: 'green', declined: 'red', accepted: 'blue', in_progress: 'blue' };

/** 预登记 in the workbench: those of your region (the applicant's, or routed there), newest first. */
export default function PreregistrationsPage() {
  const { id } = useParams();
  return id ? <PreregistrationDetail id={id} /> : <PreregistrationList />;
}

function PreregistrationList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const [service, setService] = useState<string | undefined>();
  const [data, setData] = useState<{ items: Preregistration[]; total: number }>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let isCurrent = true;
    fetchPreregistrations({ status, service, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }).then(
      (result) => isCurrent && setData(result),
      (e) => isCurrent && setError(e),
    );
    return () => {
      isCurrent = false;
    };
  }, [page, status, service]);
  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <PageTitle>{t('preregistration.workbench.title')}</PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('preregistration.status')}
            allowClear
            placeholder={t('preregistration.workbench.allStatuses')}
            style={{ minWidth: 160 }}
            value={status}
            onChange={(v) => (setStatus(v), setPage(1))}
            options={PREREGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`preregistration.statuses.${s}`) }))}
          />
          <Select
            aria-label={t('preregistration.workbench.service')}
            allowClear
            placeholder={t('preregistration.workbench.allServices')}
            style={{ minWidth: 160 }}
            value={service}
            onChange={(v) => (setService(v), setPage(1))}
            options={PREREGISTRATION_SERVICES.map((s) => ({ value: s, label: t(`preregistration.services.${s}`) }))}
          />
        </Space>
        <RecordTable<Preregistration>
          rowKey="id"
          loading={!data}
          dataSource={data?.items ?? []}
          cardLabel={(p) => p.number}
          locale={{ emptyText: t('preregistration.none') }}
          onRow={(p) => ({ onClick: () => navigate(`/workbench/preregistrations/${p.id}`) })}
          columns={[
            { title: t('preregistration.number'), key: 'number', render: (_, p) => <Link to={`/workbench/preregistrations/${p.id}`}>{p.number}</Link> },
            { title: t('preregistration.workbench.service'), key: 'service', render: (_, p) => `${t(`preregistration.services.${p.service}`)} · ${p.matter.name}` },
            { title: t('preregistration.route'), key: 'route', render: (_, p) => p.route.name },
            { title: t('preregistration.status'), key: 'status', render: (_, p) => <Tag color={STATUS_COLOR[p.status]}>{t(`preregistration.statuses.${p.status}`)}</Tag> },
            { title: t('preregistration.workbench.createdAt'), key: 'createdAt', render: (_, p) => formatDateTime(p.createdAt) },
          ]}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
    </>
  );
}

type StatusForm = { status: string; note?: string; materialsNeeded?: string; reason?: string };

function PreregistrationDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [item, setItem] = useState<Preregistration>();
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm<StatusForm>();
  const [isSaving, setSaving] = useState(false);
  const [checked, setChecked] = useState<string[]>([]);
  // One id per filled-in form: a retried send is stored once.
  const [updateId, setUpdateId] = useState(() => crypto.randomUUID());
  const chosen = Form.useWatch('status', form);

  useEffect(() => {
    fetchPreregistration(id).then(
      (found) => (setItem(found), setChecked(found.materials.filter((m) => m.isChecked).map((m) => m.key))),
      setError,
    );
  }, [id]);
  const statusOptions = useMemo(() => (item?.nextStatuses ?? []).map((s) => ({ value: s, label: t(`preregistration.statuses.${s}`) })), [item, t]);
  if (error) return <ErrorResult error={error} />;
  if (!item) return <Card loading />;

  async function save(values: StatusForm) {
    setSaving(true);
    try {
      const materialsNeeded = (values.materialsNeeded ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      const saved = await recordStatus(item!.id, {
        updateId,
        status: values.status,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        ...(values.status === 'materials_needed' ? { materialsNeeded } : {}),
        ...(values.status === 'declined' ? { reason: values.reason?.trim() ?? '' } : {}),
      });
      setItem(saved);
      setUpdateId(crypto.randomUUID());
      form.resetFields();
      message.success(t('preregistration.workbench.recorded'));
    } catch (e) {
      const fieldError = fieldErrorFor(t, e, ['status', 'note', 'materialsNeeded', 'reason']);
      if (fieldError) form.setFields([fieldError as never]);
      else message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  async function saveMaterials() {
    try {
      setItem(await tickMaterials(item!.id, checked));
      message.success(t('common.saved'));
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  return (
    <>
      <PageTitle>
        {t('preregistration.workbench.title')} {item.number}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('preregistration.workbench.service')}>
            {t(`preregistration.services.${item.service}`)} · {item.matter.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('preregistration.route')}>
            {item.route.name}（{item.route.region.name}）{item.route.note ? <div>{item.route.note}</div> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('preregistration.status')}>
            <Tag color={STATUS_COLOR[item.status]}>{t(`preregistration.statuses.${item.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('preregistration.workbench.ticket')}>
            <Link to={`/workbench/tickets/${item.ticketId}`}>{item.number}</Link>
          </Descriptions.Item>
          {item.materialsNeeded.length ? <Descriptions.Item label={t('preregistration.materialsNeeded')}>{item.materialsNeeded.join('；')}</Descriptions.Item> : null}
          {item.declineReason ? <Descriptions.Item label={t('preregistration.declineReason')}>{item.declineReason}</Descriptions.Item> : null}
        </Descriptions>
        {item.findings.map((f) => (
          <div key={f.code}>
            <Tag color={f.level === 'warning' ? 'orange' : 'blue'}>{t(`preregistration.findingLevels.${f.level}`)}</Tag>
            {f.message} <LawNoteLink lawTitle={f.lawTitle} articleNo={f.articleNo} base="/workbench/laws" />
          </div>
        ))}
      </Card>
      {item.abilities.recordStatus ? (
        <Card title={t('preregistration.workbench.newStatus')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" onFinish={save} requiredMark={false} style={{ maxWidth: 520 }}>
            <Form.Item name="status" label={t('preregistration.workbench.statusField')} rules={[{ required: true }]}>
              <Select options={statusOptions} />
            </Form.Item>
            {chosen === 'materials_needed' ? (
              <Form.Item name="materialsNeeded" label={t('preregistration.materialsNeeded')} extra={t('preregistration.workbench.materialsNeededHint')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} />
              </Form.Item>
            ) : null}
            {chosen === 'declined' ? (
              <Form.Item name="reason" label={t('preregistration.workbench.reason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
              </Form.Item>
            ) : null}
            <Form.Item name="note" label={t('preregistration.workbench.note')} rules={[{ max: 1000 }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={isSaving}>
              {t('preregistration.workbench.record')}
            </Button>
          </Form>
        </Card>
      ) : null}
      <Card title={t('preregistration.workbench.materials')} style={{ marginBottom: 16 }}>
        <CheckboxList
          value={checked}
          onChange={setChecked}
          disabled={!item.abilities.checkMaterials}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          aria-label={t('preregistration.workbench.materials')}
          options={item.materials.map((m) => ({ value: m.key, label: `${m.name}${m.isRequired ? '' : `（${t('preregistration.optional')}）`}` }))}
        />
        {item.abilities.checkMaterials ? (
          <Button style={{ marginTop: 12 }} onClick={saveMaterials}>
            {t('common.save')}
          </Button>
        ) : null}
      </Card>
      <Card title={t('preregistration.history')}>
        <Timeline
          items={item.history.map((h) => ({
            children: (
              <div>
                <strong>{t(`preregistration.statuses.${h.status}`)}</strong> · {formatDateTime(h.at)} · {t(`preregistration.sources.${h.source}`)} {h.actorName}
                {h.note ? <div>{h.note}</div> : null}
                {h.materialsNeeded.length ? <div>{h.materialsNeeded.join('；')}</div> : null}
                {h.reason ? <div>{h.reason}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
}
