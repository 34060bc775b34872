import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Statistic, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { formatDateTime, formatDeadline } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { DISPUTE_CATEGORIES } from '../../../server/modules/services/service-catalogue.ts';
import { categoryName } from '../tickets/components';
import { getScreeningSchedule, getScreeningStatus, listScreenings, reportScreening, RISK_LEVELS, saveScreeningSchedule, type Screening, type ScreeningStatus } from './mediation-api';

type ItemValues = { category?: string; partiesCount?: number; riskLevel?: string; summary?: string };

/**
 * 矛盾纠纷排查: a village's or township's report for the period (nothing found, or the
 * disputes found), where each village and township under this account stands for its
 * current period (overdue flagged), the reports so far, and the bureau's schedule.
 */
export default function ScreeningPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [status, setStatus] = useState<{ items: ScreeningStatus[]; overdue: number; reported: number }>();
  const [reports, setReports] = useState<Screening[]>();
  const [isOverdueOnly, setOverdueOnly] = useState(false);
  const [error, setError] = useState<unknown>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const [form] = Form.useForm<{ regionCode: string; isNothingFound: boolean; items: ItemValues[] }>();
  const isNothingFound = Form.useWatch('isNothingFound', form);
  const mayReport = me.roles.some((r) => ['mediator', 'advisor', 'window', 'operator'].includes(r)) && ['village', 'township'].includes(me.region.level);
  const maySchedule = me.roles.some((r) => ['leader', 'admin'].includes(r));

  const load = useCallback(() => {
    Promise.all([getScreeningStatus({ isOverdueOnly }), listScreenings({ limit: 50 })])
      .then(([s, r]) => {
        setStatus(s);
        setReports(r.items);
        setError(undefined);
      })
      .catch(setError);
  }, [isOverdueOnly]);
  useEffect(load, [load]);

  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <PageTitle>{t('mediation.screeningsTitle')}</PageTitle>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {mayReport && (
          <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('mediation.screenings.report')}</h2>}>
            {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
            <Form
              form={form}
              layout="vertical"
              initialValues={{ regionCode: me.region.code, isNothingFound: false, items: [{}] }}
              onFinish={async (v) => {
                setSaving(true);
                setFormError(undefined);
                try {
                  const saved = await reportScreening({
                    regionCode: v.regionCode,
                    isNothingFound: v.isNothingFound,
                    items: v.isNothingFound ? undefined : (v.items ?? []).map((i) => ({ category: i.category as never, partiesCount: Number(i.partiesCount), riskLevel: i.riskLevel as never, summary: i.summary ?? '' })),
                  });
                  message.success(`${t('mediation.screenings.saved')}：${saved.period}`);
                  load();
                } catch (e) {
                  setFormError(errorMessage(t, e));
                } finally {
                  setSaving(false);
                }
              }}
            >
              <Form.Item name="regionCode" label={t('mediation.screenings.region')} rules={[{ required: true, message: t('mediation.screenings.region') }]}>
                <RegionPicker initial={me.region} />
              </Form.Item>
              <Form.Item name="isNothingFound" valuePropName="checked">
                <Checkbox>{t('mediation.screenings.isNothingFound')}</Checkbox>
              </Form.Item>
              {!isNothingFound && (
                <Form.List name="items">
                  {(fields, { add, remove }) => (
                    <fieldset style={{ border: 0, padding: 0 }}>
                      <legend style={{ fontSize: '1em' }}>{t('mediation.screenings.items')}</legend>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap>
                          <Form.Item name={[f.name, 'category']} label={t('mediation.screenings.category')} rules={[{ required: true, message: t('mediation.screenings.category') }]}>
                            <Select style={{ minWidth: 140 }} options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'partiesCount']} label={t('mediation.screenings.partiesCount')} rules={[{ required: true, message: t('mediation.screenings.partiesCount') }]}>
                            <InputNumber min={2} max={10000} precision={0} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'riskLevel']} label={t('mediation.screenings.riskLevel')} rules={[{ required: true, message: t('mediation.screenings.riskLevel') }]}>
                            <Radio.Group options={RISK_LEVELS.map((r) => ({ value: r, label: t(`mediation.screenings.riskLevels.${r}`) }))} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'summary']} label={t('mediation.screenings.summary')} rules={[{ required: true, whitespace: true, message: t('mediation.screenings.summary') }]}>
                            <Input style={{ minWidth: 260 }} maxLength={1000} />
                          </Form.Item>
                          {fields.length > 1 && <Button onClick={() => remove(f.name)} aria-label={`${t('mediation.cancel')} ${f.name + 1}`}>−</Button>}
                        </Space>
                      ))}
                      <Button onClick={() => add({})}>{t('mediation.screenings.addItem')}</Button>
                    </fieldset>
                  )}
                </Form.List>
              )}
              <Button type="primary" htmlType="submit" loading={isSaving} style={{ marginTop: 12 }}>
                {t('mediation.submit')}
              </Button>
            </Form>
          </Card>
        )}

        <Card
          title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('mediation.screenings.overview')}</h2>}
          extra={
            <label>
              <Switch size="small" checked={isOverdueOnly} onChange={setOverdueOnly} /> {t('mediation.screenings.overdueOnly')}
            </label>
          }
        >
          <Space size={32} style={{ marginBottom: 12 }}>
            <Statistic title={t('mediation.screenings.reported')} value={status?.reported ?? 0} />
            <Statistic title={t('mediation.screenings.overdue')} value={status?.overdue ?? 0} valueStyle={status?.overdue ? { color: '#cf1322' } : undefined} />
          </Space>
          <Table<ScreeningStatus>
            size="small"
            rowKey={(s) => s.region.code}
            loading={!status}
            scroll={{ x: 'max-content' }}
            dataSource={status?.items ?? []}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('mediation.screenings.region'), key: 'region', render: (_, s) => s.region.name },
              { title: t('mediation.screenings.period'), key: 'period', render: (_, s) => `${s.period}（${t(`mediation.screenings.periodKinds.${s.periodKind}`)}）` },
              { title: t('mediation.screenings.dueAt'), key: 'dueAt', className: 'nowrap', render: (_, s) => formatDeadline(s.dueAt) },
              {
                title: t('mediation.status'),
                key: 'status',
                render: (_, s) =>
                  s.report ? (
                    <Tag color="green">{s.report.isNothingFound ? t('mediation.screenings.nothingFound') : `${t('mediation.screenings.disputeCount')} ${s.report.disputeCount} / ${t('mediation.screenings.highRiskCount')} ${s.report.highRiskCount}`}</Tag>
                  ) : s.isOverdue ? (
                    <Tag color="red">{t('mediation.screenings.overdue')}</Tag>
                  ) : (
                    <Tag>{t('mediation.screenings.notYet')}</Tag>
                  ),
              },
            ]}
          />
        </Card>

        <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('mediation.screenings.history')}</h2>}>
          <Table<Screening>
            size="small"
            rowKey="id"
            loading={!reports}
            scroll={{ x: 'max-content' }}
            dataSource={reports ?? []}
            pagination={false}
            columns={[
              { title: t('mediation.screenings.region'), key: 'region', render: (_, s) => s.region.name },
              { title: t('mediation.screenings.period'), dataIndex: 'period' },
              {
                title: t('mediation.screenings.items'),
                key: 'items',
                render: (_, s) =>
                  s.isNothingFound
                    ? t('mediation.screenings.nothingFound')
                    : s.items.map((i, n) => <div key={n}>{`${categoryName(t, i.category)} · ${i.partiesCount}人 · ${t(`mediation.screenings.riskLevels.${i.riskLevel}`)} · ${i.summary}`}</div>),
              },
              { title: t('mediation.screenings.reportedAt'), key: 'at', className: 'nowrap', render: (_, s) => formatDateTime(s.reportedAt) },
            ]}
          />
        </Card>

        {maySchedule && <ScheduleCard regionCode={me.region.code} onSaved={load} />}
      </Space>
    </>
  );
}

function ScheduleCard({ regionCode, onSaved }: { regionCode: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ periodKind: 'monthly' | 'quarterly'; dueDay: number }>();
  const [isLoaded, setLoaded] = useState(false);
  useEffect(() => {
    getScreeningSchedule()
      .then((s) => {
        form.setFieldsValue({ periodKind: s.periodKind, dueDay: s.dueDay });
        setLoaded(true);
      })
      .catch(() => setLoaded(true));
  }, [form]);
  return (
    <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('mediation.screenings.schedule')}</h2>} loading={!isLoaded}>
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            await saveScreeningSchedule({ regionCode, ...v });
            message.success(t('mediation.done'));
            onSaved();
          } catch (e) {
            message.error(errorMessage(t, e));
          }
        }}
      >
        <Form.Item name="periodKind" label={t('mediation.screenings.period')}>
          <Radio.Group options={(['monthly', 'quarterly'] as const).map((k) => ({ value: k, label: t(`mediation.screenings.periodKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="dueDay" label={t('mediation.screenings.dueDay')}>
          <InputNumber min={1} max={28} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('mediation.screenings.saveSchedule')}
        </Button>
      </Form>
    </Card>
  );
}
