import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime, formatDeadline } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { RuleLink } from './AidCasePanel';
import {
  CASE_STAGES,
  DEADLINE_COLORS,
  DEFENCE_GROUNDS,
  DEFENCE_GROUND_ARTICLES,
  DEFENCE_NOTICE_STATUSES,
  NOTICE_STATUS_COLORS,
  NOTIFYING_BODIES,
  assignNoticeLawyer,
  informNotifyingBody,
  listDefenceNotices,
  listNoticeLawyers,
  noticeProblem,
  recordDefenceNotice,
  recordsDefenceNotices,
  stageProblem,
  type CaseStage,
  type DefenceGround,
  type DefenceNotice,
  type DefenceNoticeStatus,
  type NoticeLawyer,
  type NotifyingBody,
} from './defence-api';

const PAGE_SIZE = 50;

/** 通知辩护: the notices of the account's county, nearest their Art. 36 limit first, with the assignment and the reply to the body. */
export default function DefenceNoticesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = (DEFENCE_NOTICE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as DefenceNoticeStatus) : undefined;
  const isPressing = params.get('pressing') === '1';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: DefenceNotice[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isRecording, setIsRecording] = useState(false);
  const [assigning, setAssigning] = useState<DefenceNotice>();
  const [informing, setInforming] = useState<DefenceNotice>();
  const [rulesOf, setRulesOf] = useState<DefenceNotice>();

  const load = useCallback(() => {
    setData(undefined);
    listDefenceNotices({ status, isPressing: isPressing || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [status, isPressing, page]);
  useEffect(load, [load]);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: ColumnType<DefenceNotice>[] = [
    {
      title: t('defence.document'),
      key: 'document',
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <span>{n.bodyName}</span>
          <Typography.Text type="secondary">{n.documentNo}</Typography.Text>
        </Space>
      ),
    },
    { title: t('defence.person'), key: 'person', className: 'nowrap', render: (_, n) => n.personName },
    {
      title: t('defence.ground'),
      key: 'ground',
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setRulesOf(n)}>{t(`defence.grounds.${n.ground}`)}</Button>
          <Typography.Text type="secondary">{n.groundArticle}</Typography.Text>
          {n.isLifeOrDeathCase && <Tag color="red">{t('defence.art26Tag')}</Tag>}
        </Space>
      ),
    },
    { title: t('defence.stage'), key: 'stage', className: 'nowrap', render: (_, n) => t(`defence.stages.${n.caseStage}`) },
    { title: t('defence.receivedAt'), key: 'receivedAt', className: 'nowrap', render: (_, n) => formatDateTime(n.receivedAt) },
    {
      title: t('defence.dueAt'),
      key: 'dueAt',
      className: 'nowrap',
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <span>{formatDeadline(n.dueAt)}</span>
          <Tag color={DEADLINE_COLORS[n.deadlineState]}>{t(`defence.deadlineStates.${n.deadlineState}`)}</Tag>
        </Space>
      ),
    },
    { title: t('defence.status'), key: 'status', className: 'nowrap', render: (_, n) => <Tag color={NOTICE_STATUS_COLORS[n.status as DefenceNoticeStatus]}>{t(`defence.statuses.${n.status}`)}</Tag> },
    { title: t('defence.lawyer'), key: 'lawyer', className: 'nowrap', render: (_, n) => n.lawyer?.displayName ?? '—' },
    {
      title: '',
      key: 'actions',
      render: (_, n) => (
        <Space wrap>
          {n.abilities.assign_lawyer && <Button size="small" type={n.lawyer ? 'default' : 'primary'} onClick={() => setAssigning(n)}>{n.lawyer ? t('defence.reassign') : t('defence.assign')}</Button>}
          {n.abilities.inform_body && <Button size="small" type="primary" onClick={() => setInforming(n)}>{t('defence.informBody')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('defence.title')}</PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="notice-status">{t('defence.status')}</label>
          <Select id="notice-status" style={{ minWidth: 160 }} value={status ?? ''} onChange={(v) => setFilter('status', v)}
            options={[{ value: '', label: t('defence.all') }, ...DEFENCE_NOTICE_STATUSES.map((s) => ({ value: s, label: t(`defence.statuses.${s}`) }))]} />
          <Checkbox checked={isPressing} onChange={(e) => setFilter('pressing', e.target.checked ? '1' : '')}>{t('defence.pressingOnly')}</Checkbox>
          {me && recordsDefenceNotices(me) && <Button type="primary" onClick={() => setIsRecording(true)}>{t('defence.record')}</Button>}
        </Space>
        <Typography.Paragraph type="secondary">{t('defence.art36Hint')}</Typography.Paragraph>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<DefenceNotice>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('defence.empty') }}
            cardLabel={(n) => `${n.bodyName} ${n.documentNo}`}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              onChange: (p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              },
            }}
          />
        )}
      </Card>
      {isRecording && me && <RecordModal centerRegionCode={me.region.code} onClose={() => setIsRecording(false)} onDone={() => { setIsRecording(false); load(); }} />}
      {assigning && <AssignModal notice={assigning} onClose={() => setAssigning(undefined)} onDone={() => { setAssigning(undefined); load(); }} />}
      {informing && <InformModal notice={informing} onClose={() => setInforming(undefined)} onDone={() => { setInforming(undefined); load(); }} />}
      {rulesOf && (
        <Modal open title={t('defence.rules')} footer={null} onCancel={() => setRulesOf(undefined)}>
          <ul>
            {rulesOf.rules.map((r) => (
              <li key={r.key}>
                <RuleLink rule={r} />：{r.explanation}
              </li>
            ))}
          </ul>
        </Modal>
      )}
    </>
  );
}

type RecordValues = { body: NotifyingBody; bodyName: string; documentNo: string; receivedAt?: string; ground: DefenceGround; caseStage: CaseStage; personName: string; charge?: string };

/** 登记通知: the form checks the body, ground and stage with the server's own rules before sending; the server checks again. */
function RecordModal({ centerRegionCode, onClose, onDone }: { centerRegionCode: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RecordValues>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const body = Form.useWatch('body', form);
  const ground = Form.useWatch('ground', form);
  const submit = (v: RecordValues) => {
    setIsSaving(true);
    recordDefenceNotice({
      centerRegionCode,
      body: v.body,
      bodyName: v.bodyName,
      documentNo: v.documentNo,
      // The picker's wall clock is Beijing time, whatever the browser's zone.
      receivedAt: v.receivedAt ? new Date(`${v.receivedAt}:00+08:00`).toISOString() : undefined,
      ground: v.ground,
      caseStage: v.caseStage,
      personName: v.personName,
      charge: v.charge || undefined,
    })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={t('defence.recordTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('defence.save')} cancelText={t('defence.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="body" label={t('defence.body')} rules={[{ required: true, message: t('defence.body') }]}>
          <Select showSearch optionFilterProp="label" options={NOTIFYING_BODIES.map((b) => ({ value: b, label: t(`defence.bodies.${b}`) }))} />
        </Form.Item>
        <Form.Item name="bodyName" label={t('defence.bodyName')} rules={[{ required: true, whitespace: true, message: t('defence.bodyName') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="documentNo" label={t('defence.documentNo')} rules={[{ required: true, whitespace: true, message: t('defence.documentNo') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('defence.receivedAt')} extra={t('defence.receivedAtHint')}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item
          name="ground"
          label={t('defence.ground')}
          dependencies={['body']}
          rules={[
            { required: true, message: t('defence.ground') },
            { validator: (_, g: DefenceGround) => (g && body && noticeProblem(body, g) ? Promise.reject(new Error(t('defence.courtOnly', { article: DEFENCE_GROUND_ARTICLES[g] }))) : Promise.resolve()) },
          ]}
        >
          <Select showSearch optionFilterProp="label" options={DEFENCE_GROUNDS.map((g) => ({ value: g, label: `${t(`defence.grounds.${g}`)}（${DEFENCE_GROUND_ARTICLES[g]}）` }))} />
        </Form.Item>
        <Form.Item
          name="caseStage"
          label={t('defence.stage')}
          dependencies={['body', 'ground']}
          rules={[
            { required: true, message: t('defence.stage') },
            { validator: (_, s: CaseStage) => (s && body && ground && stageProblem(body, ground, s) ? Promise.reject(new Error(t('defence.stageMismatch'))) : Promise.resolve()) },
          ]}
        >
          <Select showSearch optionFilterProp="label" options={CASE_STAGES.map((s) => ({ value: s, label: t(`defence.stages.${s}`) }))} />
        </Form.Item>
        <Form.Item name="personName" label={t('defence.person')} rules={[{ required: true, whitespace: true, message: t('defence.person') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="charge" label={t('defence.charge')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 指派: the center's pool for the notice, the rotation's suggestion first; those who may not take it say why (Art. 26). */
function AssignModal({ notice, onClose, onDone }: { notice: DefenceNotice; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [lawyers, setLawyers] = useState<NoticeLawyer[]>();
  const [chosen, setChosen] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  useEffect(() => {
    listNoticeLawyers(notice.id)
      .then((r) => {
        setLawyers(r.items);
        setChosen(r.items.find((l) => l.isSuggested)?.id);
      })
      .catch((e) => setFormError(errorMessage(t, e)));
  }, [notice.id, t]);
  const submit = () => {
    if (!chosen) return;
    setIsSaving(true);
    assignNoticeLawyer(notice.id, chosen)
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={`${t('defence.assign')} · ${notice.bodyName} ${notice.documentNo}`} onCancel={onClose} onOk={submit} okButtonProps={{ disabled: !chosen }} okText={t('defence.assign')} cancelText={t('defence.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      {notice.isLifeOrDeathCase && <Alert type="warning" showIcon message={t('defence.art26Hint')} style={{ marginBottom: 12 }} />}
      {lawyers && lawyers.length === 0 && <Typography.Paragraph>{t('defence.noLawyers')}</Typography.Paragraph>}
      <Radio.Group value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label={t('defence.lawyer')}>
        <Space direction="vertical">
          {(lawyers ?? []).map((l) => (
            <Radio key={l.id} value={l.id} disabled={l.refusal !== null}>
              <Space wrap size={4}>
                <span>{l.displayName}</span>
                {l.isSuggested && <Tag color="green">{t('defence.suggested')}</Tag>}
                {l.yearsOfPractice !== null && <Typography.Text type="secondary">{t('aidPool.yearsValue', { count: l.yearsOfPractice })}</Typography.Text>}
                <Typography.Text type="secondary">{t('defence.activeCases', { count: l.activeCases })}</Typography.Text>
                {l.refusal && <Typography.Text type="danger">{l.refusal}</Typography.Text>}
              </Space>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </Modal>
  );
}

function InformModal({ notice, onClose, onDone }: { notice: DefenceNotice; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const submit = (v: { note?: string }) => {
    setIsSaving(true);
    informNotifyingBody(notice.id, v.note?.trim() || undefined)
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={`${t('defence.informBody')} · ${notice.bodyName}`} onCancel={onClose} onOk={() => form.submit()} okText={t('defence.save')} cancelText={t('defence.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{t('defence.informText', { lawyer: notice.lawyer?.displayName ?? '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('defence.informNote')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
