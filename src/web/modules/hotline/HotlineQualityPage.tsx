import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { listQualityReviews, newRequestId, scoreQualityReview, type QualityReview } from './callbacks-api';

const PAGE_SIZE = 50;

/** 质检: the sampled answered calls of the region, to be scored against the bureau's form. */
export default function HotlineQualityPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'scored' ? 'scored' : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ items: QualityReview[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [scoring, setScoring] = useState<QualityReview>();

  const load = useCallback(() => {
    listQualityReviews({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      .then((r) => {
        setData(r);
        setError(undefined);
      })
      .catch(setError);
  }, [status, page]);
  useEffect(load, [load]);

  const columns: ColumnType<QualityReview>[] = [
    {
      title: t('hotline.quality.call'),
      key: 'call',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.call.caller ?? '—'}</span>
          <Typography.Text type="secondary">{formatDateTime(r.call.answeredAt ?? r.call.arrivedAt)}</Typography.Text>
          {r.call.talkSeconds !== null && <Typography.Text type="secondary">{t('hotline.quality.talkSeconds', { count: r.call.talkSeconds })}</Typography.Text>}
          {r.call.recordingUrl && <a href={r.call.recordingUrl} target="_blank" rel="noreferrer">{t('hotline.quality.recording')}</a>}
        </Space>
      ),
    },
    { title: t('hotline.quality.operator'), key: 'operator', className: 'nowrap', render: (_, r) => r.operator?.displayName ?? '—' },
    {
      title: t('hotline.quality.total'),
      key: 'total',
      className: 'nowrap',
      render: (_, r) =>
        r.total === null ? (
          <Tag color="gold">{t('hotline.quality.pending')}</Tag>
        ) : (
          <Space direction="vertical" size={0}>
            <span>{r.total}</span>
            {r.isFlagged && <Tag color="red">{t('hotline.quality.flagged')}</Tag>}
            {r.reviewer && <Typography.Text type="secondary">{r.reviewer.displayName} · {formatDateTime(r.reviewedAt)}</Typography.Text>}
          </Space>
        ),
    },
    { title: t('hotline.quality.comment'), key: 'comment', render: (_, r) => r.comment ?? '' },
    { title: '', key: 'actions', render: (_, r) => r.abilities.score && <Button size="small" type="primary" onClick={() => setScoring(r)}>{t('hotline.quality.score')}</Button> },
  ];

  return (
    <>
      <PageTitle>{t('hotline.quality.title')}</PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Radio.Group value={status} optionType="button" aria-label={t('hotline.quality.status')}
            onChange={(e) => setParams(e.target.value === 'pending' ? {} : { status: e.target.value }, { replace: true })}
            options={[{ value: 'pending', label: t('hotline.quality.pending') }, { value: 'scored', label: t('hotline.quality.scored') }]} />
        </Space>
        <Typography.Paragraph type="secondary">{t('hotline.quality.hint')}</Typography.Paragraph>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <RecordTable<QualityReview>
            rowKey="id"
            loading={!data}
            columns={columns}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('hotline.quality.empty') }}
            cardLabel={(r) => `${r.operator?.displayName ?? ''} ${r.call.caller ?? ''}`}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (p) => setParams({ ...(status === 'scored' ? { status } : {}), page: String(p) }) }}
          />
        )}
      </Card>
      {scoring && <ScoreModal review={scoring} onClose={() => setScoring(undefined)} onDone={() => { setScoring(undefined); load(); }} />}
    </>
  );
}

/** The scoring form: each item 0–10, weighted to a total of 100; below the bureau's line the operator is flagged. */
function ScoreModal({ review, onClose, onDone }: { review: QualityReview; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, number | string | undefined>>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setIsSaving] = useState(false);
  const requestId = useMemo(newRequestId, []);
  const values = Form.useWatch([], form) ?? {};
  const weight = review.scoringForm.reduce((sum, item) => sum + item.weight, 0);
  const preview = review.scoringForm.every((item) => typeof values[item.id] === 'number')
    ? Math.round((review.scoringForm.reduce((sum, item) => sum + ((values[item.id] as number) / 10) * item.weight, 0) / weight) * 1000) / 10
    : null;
  const submit = (v: Record<string, number | string | undefined>) => {
    const scores = Object.fromEntries(review.scoringForm.map((item) => [item.id, Number(v[item.id])]));
    const comment = typeof v.__comment === 'string' ? v.__comment.trim() : '';
    setIsSaving(true);
    scoreQualityReview(review.id, { requestId, scores, comment: comment || undefined })
      .then(onDone)
      .catch((e) => setFormError(errorMessage(t, e)))
      .finally(() => setIsSaving(false));
  };
  return (
    <Modal open title={`${t('hotline.quality.score')} · ${review.operator?.displayName ?? ''}`} onCancel={onClose} onOk={() => form.submit()} okText={t('hotline.quality.save')} cancelText={t('hotline.quality.cancel')} confirmLoading={isSaving} destroyOnHidden>
      {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        {review.scoringForm.map((item) => (
          <Form.Item key={item.id} name={item.id} label={t('hotline.quality.itemLabel', { label: item.label, weight: item.weight })} rules={[{ required: true, message: t('hotline.quality.scoreRequired') }]}>
            <InputNumber min={0} max={10} precision={0} style={{ width: 120 }} />
          </Form.Item>
        ))}
        <Form.Item name="__comment" label={t('hotline.quality.comment')}>
          <Input.TextArea maxLength={2000} />
        </Form.Item>
      </Form>
      <Typography.Text strong>
        {t('hotline.quality.totalPreview', { total: preview ?? '—' })}
        {preview !== null && preview < review.flagBelowTotal && <Tag color="red" style={{ marginLeft: 8 }}>{t('hotline.quality.willFlag')}</Tag>}
      </Typography.Text>
    </Modal>
  );
}
