import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { actOnBulletin, currentMonth, downloadBulletin, editBulletin, generateBulletin, listBulletins, type BulletinView } from './api';
import { PERIOD_PATTERN } from './AssessmentPage';

const STATE_COLORS = { draft: 'default', reviewed: 'blue', published: 'green' } as const;
type TextFields = { title: string; summary: string; commendations: string; criticisms: string; closing: string };

/** 通报: generate from the rankings, edit, review, publish, download as PDF or DOCX. */
export default function BulletinsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [items, setItems] = useState<BulletinView[]>();
  const [error, setError] = useState<unknown>();
  const [selected, setSelected] = useState<BulletinView>();
  const [regionCode, setRegionCode] = useState(me.region.code);
  const [period, setPeriod] = useState(currentMonth());
  const [actionError, setActionError] = useState<string>();
  const [isBusy, setBusy] = useState(false);
  const [form] = Form.useForm<TextFields>();

  const load = useCallback(() => {
    listBulletins()
      .then((r) => {
        setItems(r.items);
        setError(undefined);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  const show = useCallback(
    (b: BulletinView) => {
      setSelected(b);
      setActionError(undefined);
      form.setFieldsValue({ title: b.title, summary: b.content.summary, commendations: b.content.commendations, criticisms: b.content.criticisms, closing: b.content.closing });
    },
    [form],
  );

  async function run(work: () => Promise<BulletinView | void>, done?: string) {
    setBusy(true);
    setActionError(undefined);
    try {
      const b = await work();
      if (b) show(b);
      if (done) message.success(done);
      load();
    } catch (e) {
      setActionError(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  }

  const isPeriodValid = PERIOD_PATTERN.test(period);

  return (
    <>
      <PageTitle>{t('assessment.bulletins.title')}</PageTitle>
      <Card size="small" title={t('assessment.bulletins.generate')} style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }} onFinish={() => isPeriodValid && run(() => generateBulletin(regionCode, period), t('assessment.bulletins.generated'))}>
          <Form.Item label={t('assessment.region')} htmlFor="bulletin-region">
            <div style={{ minWidth: 200 }}>
              <RegionPicker id="bulletin-region" value={regionCode} initial={me.region} onChange={(code) => code && setRegionCode(code)} />
            </div>
          </Form.Item>
          <Form.Item label={t('assessment.period')} htmlFor="bulletin-period" validateStatus={isPeriodValid ? undefined : 'error'} help={isPeriodValid ? undefined : t('assessment.periodHelp')}>
            <Input id="bulletin-period" value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={isBusy} disabled={!isPeriodValid}>
              {t('assessment.bulletins.generate')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {actionError && <Alert role="alert" type="error" showIcon message={actionError} style={{ marginBottom: 16 }} />}
      {selected && (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          aria-label={t('assessment.bulletins.detail')}
          title={
            <Space wrap>
              <span>{selected.title}</span>
              <Tag color={STATE_COLORS[selected.state]} data-state={selected.state}>
                {t(`assessment.bulletins.states.${selected.state}`)}
              </Tag>
            </Space>
          }
        >
          <Typography.Paragraph type="secondary">
            {selected.region.name} · {selected.periodLabel}
          </Typography.Paragraph>
          <Form form={form} layout="vertical" disabled={!selected.abilities.edit} onFinish={(v) => run(() => editBulletin(selected.id, v), t('assessment.saved'))}>
            <Form.Item name="title" label={t('assessment.bulletins.fields.title')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item name="summary" label={t('assessment.bulletins.fields.summary')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
            <Table
              size="small"
              rowKey={(r) => `${r.rank}-${r.name}`}
              pagination={false}
              style={{ marginBottom: 16 }}
              caption={t('assessment.bulletins.rankingTable')}
              dataSource={[...selected.content.top, ...selected.content.bottom]}
              columns={[
                { title: t('assessment.rank'), dataIndex: 'rank' },
                { title: t('assessment.name'), dataIndex: 'name' },
                { title: t('assessment.total'), dataIndex: 'total' },
              ]}
            />
            <Form.Item name="commendations" label={t('assessment.bulletins.fields.commendations')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="criticisms" label={t('assessment.bulletins.fields.criticisms')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
            </Form.Item>
            <Form.Item name="closing" label={t('assessment.bulletins.fields.closing')}>
              <Input.TextArea autoSize={{ minRows: 1 }} maxLength={5000} />
            </Form.Item>
            <Space wrap>
              {selected.abilities.edit && (
                <Button htmlType="submit" loading={isBusy}>
                  {t('assessment.bulletins.save')}
                </Button>
              )}
            </Space>
          </Form>
          <Space wrap style={{ marginTop: 12 }}>
            {selected.abilities.review && (
              <Button type="primary" loading={isBusy} onClick={() => run(() => actOnBulletin(selected.id, 'review'), t('assessment.bulletins.states.reviewed'))}>
                {t('assessment.bulletins.actions.review')}
              </Button>
            )}
            {selected.abilities.return && (
              <Button loading={isBusy} onClick={() => run(() => actOnBulletin(selected.id, 'return'))}>
                {t('assessment.bulletins.actions.return')}
              </Button>
            )}
            {selected.abilities.publish && (
              <Button type="primary" loading={isBusy} onClick={() => run(() => actOnBulletin(selected.id, 'publish'), t('assessment.bulletins.states.published'))}>
                {t('assessment.bulletins.actions.publish')}
              </Button>
            )}
            <Button onClick={() => run(() => downloadBulletin(selected, 'pdf'))}>{t('assessment.bulletins.downloadPdf')}</Button>
            <Button onClick={() => run(() => downloadBulletin(selected, 'docx'))}>{t('assessment.bulletins.downloadDocx')}</Button>
          </Space>
        </Card>
      )}
      {error ? (
        <ErrorResult error={error} />
      ) : (
        <section aria-label={t('assessment.bulletins.list')} aria-busy={!items}>
          <List
            loading={!items}
            dataSource={items ?? []}
            locale={{ emptyText: t('assessment.bulletins.empty') }}
            renderItem={(b) => (
              <List.Item
                actions={[
                  <Button key="open" type="link" onClick={() => show(b)} aria-label={`${t('assessment.bulletins.open')} ${b.title}`}>
                    {t('assessment.bulletins.open')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={b.title}
                  description={
                    <Space wrap size={4}>
                      <Tag color={STATE_COLORS[b.state]}>{t(`assessment.bulletins.states.${b.state}`)}</Tag>
                      <span>{b.periodLabel}</span>
                      <span>{formatDateTime(b.updatedAt)}</span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </section>
      )}
    </>
  );
}
