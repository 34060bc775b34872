import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { currentMonth, getIndicatorSet, getScores, saveExternalScore, saveIndicatorSet, type Indicator, type IndicatorSetView, type RankedSubject, type ScoresView } from './api';

export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

/** 考核评价: the venues' and staff's rankings for a region and period, and the region's indicator set. */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [regionCode, setRegionCode] = useState(me.region.code);
  const [period, setPeriod] = useState(currentMonth());
  const [periodInput, setPeriodInput] = useState(period);
  const [scores, setScores] = useState<ScoresView>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(() => {
    setScores(undefined);
    getScores(regionCode, period)
      .then((s) => {
        setScores(s);
        setError(undefined);
      })
      .catch(setError);
  }, [regionCode, period]);
  useEffect(load, [load]);

  const isPeriodValid = PERIOD_PATTERN.test(periodInput);
  const [rating, setRating] = useState<RankedSubject>();

  return (
    <>
      <PageTitle>{t('assessment.title')}</PageTitle>
      {rating && <ExternalScoreModal venue={rating} period={period} onClose={(isSaved) => { setRating(undefined); if (isSaved) load(); }} />}
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={() => isPeriodValid && setPeriod(periodInput)}>
        <Form.Item label={t('assessment.region')} htmlFor="assessment-region">
          <div style={{ minWidth: 200 }}>
            <RegionPicker id="assessment-region" value={regionCode} initial={me.region} onChange={(code) => code && setRegionCode(code)} />
          </div>
        </Form.Item>
        <Form.Item
          label={t('assessment.period')}
          htmlFor="assessment-period"
          validateStatus={isPeriodValid ? undefined : 'error'}
          help={isPeriodValid ? undefined : t('assessment.periodHelp')}
        >
          <Input id="assessment-period" value={periodInput} onChange={(e) => setPeriodInput(e.target.value.trim())} placeholder="2026-11 / 2026-Q4 / 2026" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" disabled={!isPeriodValid}>
            {t('assessment.show')}
          </Button>
        </Form.Item>
      </Form>
      {error ? (
        <ErrorResult error={error} />
      ) : (
        <Tabs
          items={[
            { key: 'venues', label: t('assessment.venueRanking'), children: <Ranking label={t('assessment.venueRanking')} scores={scores} rows={scores?.venues} onExternal={setRating} /> },
            { key: 'staff', label: t('assessment.staffRanking'), children: <Ranking label={t('assessment.staffRanking')} scores={scores} rows={scores?.staff} /> },
            { key: 'indicators', label: t('assessment.indicators'), children: <IndicatorEditor regionCode={regionCode} onSaved={load} /> },
          ]}
        />
      )}
    </>
  );
}

function Ranking({ label, scores, rows, onExternal }: { label: string; scores?: ScoresView; rows?: RankedSubject[]; onExternal?: (venue: RankedSubject) => void }) {
  const { t } = useTranslation();
  const columns: ColumnsType<RankedSubject> = [
    { title: t('assessment.rank'), dataIndex: 'rank', className: 'nowrap', render: (v: number | null) => v ?? '—' },
    { title: t('assessment.name'), dataIndex: 'name' },
    { title: t('assessment.regionName'), dataIndex: 'regionName', className: 'nowrap' },
    { title: t('assessment.total'), dataIndex: 'total', className: 'nowrap', render: (v: number | null) => (v === null ? '—' : <strong>{v}</strong>) },
    ...(scores?.indicators ?? []).map((indicator) => ({
      title: indicator.name,
      key: indicator.key,
      className: 'nowrap',
      render: (_: unknown, r: RankedSubject) => {
        const result = r.indicators.find((i) => i.key === indicator.key);
        if (!result) return <Typography.Text type="secondary">{t('assessment.notApplicable')}</Typography.Text>;
        return result.score === null ? '—' : `${result.score}（${result.raw}）`;
      },
    })),
    ...(onExternal
      ? [
          {
            title: t('assessment.external.column'),
            key: 'enter-external',
            render: (_: unknown, r: RankedSubject) => (
              <Button size="small" onClick={() => onExternal(r)} aria-label={`${t('assessment.external.enter')} ${r.name}`}>
                {t('assessment.external.enter')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-label={label} aria-busy={!rows}>
      {scores && (
        <Typography.Paragraph type="secondary">
          {scores.region.name} · {scores.period.label} · {t('assessment.ticketsResolved', { count: scores.ticketsResolved })}
        </Typography.Paragraph>
      )}
      <Table rowKey="id" size="small" loading={!rows} dataSource={rows} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
    </section>
  );
}

function IndicatorEditor({ regionCode, onSaved }: { regionCode: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [set, setSet] = useState<IndicatorSetView>();
  const [rows, setRows] = useState<Indicator[]>([]);
  const [error, setError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    setSet(undefined);
    getIndicatorSet(regionCode)
      .then((s) => {
        setSet(s);
        setRows(s.indicators);
      })
      .catch((e) => setError(errorMessage(t, e)));
  }, [regionCode, t]);

  const sum = rows.reduce((s, r) => s + (r.weight ?? 0), 0);
  const change = (i: number, patch: Partial<Indicator>) => setRows((all) => all.map((r, n) => (n === i ? { ...r, ...patch } : r)));

  async function save() {
    setSaving(true);
    setError(undefined);
    try {
      const saved = await saveIndicatorSet(regionCode, rows);
      setSet(saved);
      message.success(t('assessment.saved'));
      onSaved();
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const isEditable = set?.abilities.update ?? false;
  const columns: ColumnsType<Indicator> = [
    { title: t('assessment.indicatorName'), dataIndex: 'name' },
    { title: t('assessment.dimension'), dataIndex: 'dimension', className: 'nowrap', render: (v: string) => t(`assessment.dimensions.${v}`) },
    { title: t('assessment.measure'), dataIndex: 'measure', render: (v: string) => t(`assessment.measures.${v}`) },
    { title: t('assessment.direction'), dataIndex: 'direction', className: 'nowrap', render: (v: string) => t(`assessment.directions.${v}`) },
    {
      title: t('assessment.weight'),
      key: 'weight',
      render: (_, r, i) =>
        isEditable ? <InputNumber aria-label={`${r.name} ${t('assessment.weight')}`} min={0} max={100} value={r.weight} onChange={(v) => change(i, { weight: v ?? 0 })} style={{ width: 80 }} /> : r.weight,
    },
    {
      title: t('assessment.target'),
      key: 'target',
      render: (_, r, i) =>
        isEditable ? <InputNumber aria-label={`${r.name} ${t('assessment.target')}`} min={0} value={r.target} onChange={(v) => change(i, { target: v ?? 0 })} style={{ width: 90 }} /> : r.target,
    },
  ];
  return (
    <Card size="small" aria-busy={!set}>
      {set && (
        <Space wrap style={{ marginBottom: 12 }}>
          {set.definedAt ? (
            <Tag color={set.isInherited ? 'default' : 'blue'}>{set.isInherited ? t('assessment.inheritedFrom', { name: set.definedAt.name }) : t('assessment.ownSet')}</Tag>
          ) : (
            <Tag>{t('assessment.defaultSet')}</Tag>
          )}
          <span role="status">{t('assessment.weightSum', { sum })}</span>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table rowKey="key" size="small" loading={!set} dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content' }} />
      {isEditable && (
        <Button type="primary" style={{ marginTop: 12 }} loading={isSaving} disabled={sum !== 100} onClick={save}>
          {t('assessment.saveSet')}
        </Button>
      )}
    </Card>
  );
}

function ExternalScoreModal({ venue, period, onClose }: { venue: RankedSubject; period: string; onClose: (isSaved: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ score: number; evaluator: string }>();
  const [error, setError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  async function save(v: { score: number; evaluator: string }) {
    setSaving(true);
    setError(undefined);
    try {
      await saveExternalScore(venue.id, { period, score: v.score, evaluator: v.evaluator.trim() });
      message.success(t('assessment.saved'));
      onClose(true);
    } catch (e) {
      setError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open title={`${t('assessment.external.title')} · ${venue.name} · ${period}`} okText={t('assessment.external.save')} confirmLoading={isSaving} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="score" label={t('assessment.external.score')} rules={[{ required: true, type: 'number', min: 0, max: 100 }]}>
          <InputNumber min={0} max={100} step={0.5} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="evaluator" label={t('assessment.external.evaluator')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
