import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { Help } from '../knowledge/Help';
import { addStandard, listStandards, type ExtraMatter, type LegalAidStandard, type StandardList } from './api';

type Draft = { effectiveFrom: string; incomeLinePerMember: number; basis: string; extraMatters?: ExtraMatter[] };

/** The form field a refusal names: extraMatters[1].key → ['extraMatters', 1, 'key']. */
function namePathOf(field: string): (string | number)[] {
  return field.split(/[.[\]]/).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * 法律援助经济困难标准 (法律援助法 第三十四条): the province's income line per household
 * member and its own matters, each from a date on. Staff of the province read them; an
 * admin or leader of the whole province adds a new one (never edits: a change is a new
 * row from a new date, so every earlier check stays explainable).
 */
export default function LegalAidStandardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const [data, setData] = useState<StandardList>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [isAdding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listStandards());
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function add(values: Draft) {
    if (!data) return;
    setAdding(true);
    try {
      setData(await addStandard({ provinceCode: data.province.code, effectiveFrom: values.effectiveFrom, incomeLinePerMember: values.incomeLinePerMember, basis: values.basis, extraMatters: values.extraMatters ?? [] }));
      form.resetFields();
      message.success(t('legalAid.standards.added'));
    } catch (e) {
      if (e instanceof ApiError && e.field && e.field !== 'provinceCode') form.setFields([{ name: namePathOf(e.field) as never, errors: [errorMessage(t, e)] }]);
      else message.error(errorMessage(t, e));
    } finally {
      setAdding(false);
    }
  }

  const columns: TableColumnsType<LegalAidStandard> = [
    {
      title: t('legalAid.standards.effectiveFrom'),
      key: 'effectiveFrom',
      width: 150,
      render: (_, s) => (
        <Space size={4} wrap>
          {s.effectiveFrom}
          {s.isInForce ? <Tag color="green" style={{ color: '#135200' }}>{t('legalAid.standards.inForce')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('legalAid.standards.line'), key: 'line', width: 160, render: (_, s) => t('legalAid.standards.lineValue', { line: s.incomeLinePerMember }) },
    {
      title: t('legalAid.standards.extraMatters'),
      key: 'extraMatters',
      render: (_, s) =>
        s.extraMatters.length === 0 ? (
          t('legalAid.standards.noExtraMatters')
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
            {s.extraMatters.map((m) => (
              <li key={m.key}>
                {m.label} <span style={{ color: '#595959' }}>（{t(m.isHardshipRequired ? 'legalAid.standards.hardshipRequired' : 'legalAid.standards.noHardship')}）</span>
              </li>
            ))}
          </ul>
        ),
    },
    { title: t('legalAid.standards.basis'), dataIndex: 'basis', key: 'basis' },
  ];

  return (
    <>
      <PageTitle>{t('legalAid.standards.title')}</PageTitle>
      <p style={{ marginTop: -8 }}>{t('legalAid.standards.intro')}</p>
      {data && !data.abilities.add && <Alert type="info" showIcon message={t('legalAid.standards.readOnly')} style={{ marginBottom: 12 }} />}
      {data?.abilities.add && (
        <Card title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('legalAid.standards.addTitle', { province: data.province.name })}</h2>} style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" onFinish={(values) => void add(values)} style={{ maxWidth: 720 }}>
            <Space wrap align="start">
              <Form.Item name="effectiveFrom" label={t('legalAid.standards.effectiveFrom')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('legalAid.standards.dateFormat') }]}>
                <Input type="date" style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="incomeLinePerMember" label={t('legalAid.standards.line')} rules={[{ required: true }]} extra={<Help>{t('legalAid.standards.lineHelp')}</Help>}>
                <InputNumber min={0.01} max={1_000_000} precision={2} addonAfter={t('legalAid.standards.lineUnit')} style={{ width: 220 }} />
              </Form.Item>
            </Space>
            <Form.Item name="basis" label={t('legalAid.standards.basis')} rules={[{ required: true, whitespace: true, max: 500 }]} extra={<Help>{t('legalAid.standards.basisHelp')}</Help>}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
            </Form.Item>
            <Form.List name="extraMatters">
              {(fields, { add: addRow, remove }) => (
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend style={{ fontSize: '1em', fontWeight: 600, border: 0, marginBottom: 4, color: 'rgba(0,0,0,0.88)' }}>{t('legalAid.standards.extraMatters')}</legend>
                  <p style={{ color: '#595959', marginTop: 0 }}>{t('legalAid.standards.extraMattersHelp')}</p>
                  {fields.map((f, i) => (
                    <Space key={f.key} wrap align="start" style={{ marginBottom: 8 }}>
                      <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ marginBottom: 0 }}>
                        <Input placeholder={t('legalAid.standards.matterLabel')} aria-label={t('legalAid.standards.matterLabelOf', { n: i + 1 })} style={{ width: 240 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('legalAid.standards.keyFormat') }]} style={{ marginBottom: 0 }}>
                        <Input placeholder={t('legalAid.standards.matterKey')} aria-label={t('legalAid.standards.matterKeyOf', { n: i + 1 })} style={{ width: 180 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'isHardshipRequired']} valuePropName="checked" initialValue={true} style={{ marginBottom: 0 }}>
                        <Switch checkedChildren={t('legalAid.standards.hardshipRequired')} unCheckedChildren={t('legalAid.standards.noHardship')} aria-label={t('legalAid.standards.hardshipRequiredOf', { n: i + 1 })} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)} aria-label={t('legalAid.standards.removeMatter', { n: i + 1 })} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => addRow({ isHardshipRequired: true })} style={{ marginBottom: 16 }}>
                    {t('legalAid.standards.addMatter')}
                  </Button>
                </fieldset>
              )}
            </Form.List>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={isAdding}>
                {t('legalAid.standards.add')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      <Card title={data ? <h2 style={{ fontSize: '1em', margin: 0 }}>{t('legalAid.standards.listTitle', { province: data.province.name })}</h2> : undefined}>
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<LegalAidStandard> rowKey="id" loading={isLoading} columns={columns} dataSource={data?.items ?? []} scroll={{ x: 720 }} pagination={false} locale={{ emptyText: t('legalAid.standards.empty') }} />
        )}
      </Card>
    </>
  );
}
