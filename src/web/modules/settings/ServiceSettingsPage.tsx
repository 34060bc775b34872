import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { getServiceSettings, resetServiceSettings, type ServiceSettings, type ServiceSettingsList } from './api';
import { ServiceSettingsModal } from './ServiceSettingsModal';
import { SettingsSource, sourceText } from './SettingsSource';

/**
 * 服务设置: per service type, the checklist, deadlines and auto-dispatch switch in force at a
 * region node of the account's scope, and where each comes from. An admin sets the node's
 * own, or removes them so the node inherits again; the buttons come from the abilities.
 */
export default function ServiceSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [regionCode, setRegionCode] = useState(me.region.code);
  const [data, setData] = useState<ServiceSettingsList>();
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<ServiceSettings>();

  const load = useCallback(async () => {
    try {
      setData(await getServiceSettings(regionCode));
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [regionCode]);

  useEffect(() => {
    setData(undefined);
    void load();
  }, [load]);

  async function reset(item: ServiceSettings) {
    try {
      await resetServiceSettings(item.serviceType, regionCode);
      message.success(t('settings.services.resetDone'));
      await load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  const limit = (item: ServiceSettings, step: 'accept' | 'resolve') => {
    const rule = item.deadlines.find((d) => d.step === step);
    return rule ? t(`settings.units.${rule.unit}`, { count: rule.amount }) : '—';
  };

  return (
    <>
      <PageTitle>{t('nav.serviceSettings')}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" style={{ maxWidth: 480 }}>
          <Form.Item label={t('settings.region')} htmlFor="settings-region" extra={t('settings.services.inheritanceHint')} style={{ marginBottom: 0 }}>
            <RegionPicker id="settings-region" value={regionCode} initial={me.region} onChange={(code) => setRegionCode(code ?? me.region.code)} />
          </Form.Item>
        </Form>
      </Card>
      {error ? (
        <ErrorResult error={error} />
      ) : !data ? (
        <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
          <Spin />
        </div>
      ) : (
        <>
          {!data.abilities.update && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('settings.readOnly')} />}
          <Row gutter={[16, 16]}>
            {data.items.map((item) => (
              <Col key={item.serviceType} xs={24} md={12} xxl={8} style={{ display: 'flex' }}>
                {/* A named section per service type, so it can be found by its name (screen readers, tests). */}
                <section aria-label={t(`services.${item.serviceType}`)} style={{ width: '100%' }}>
                  <Card
                    style={{ height: '100%' }}
                    title={<Typography.Title level={2} style={{ fontSize: '1.1em', margin: 0 }}>{t(`services.${item.serviceType}`)}</Typography.Title>}
                    extra={<SettingsSource source={item.source} regionCode={data.region.code} />}
                    actions={
                      item.abilities.update
                        ? [
                            <Button key="edit" type="link" onClick={() => setEditing(item)} aria-label={`${t('settings.services.edit')} ${t(`services.${item.serviceType}`)}`}>
                              {t('settings.services.edit')}
                            </Button>,
                            ...(item.abilities.reset && item.inherited
                              ? [
                                  <Popconfirm
                                    key="reset"
                                    title={t('settings.services.resetConfirm', { region: data.region.name, source: sourceText(t, item.inherited.source) })}
                                    okText={t('common.confirm')}
                                    cancelText={t('common.cancel')}
                                    onConfirm={() => reset(item)}
                                  >
                                    <Button type="link" aria-label={`${t('settings.services.reset')} ${t(`services.${item.serviceType}`)}`}>
                                      {t('settings.services.reset')}
                                    </Button>
                                  </Popconfirm>,
                                ]
                              : []),
                          ]
                        : undefined
                    }
                  >
                    <Descriptions column={1} size="small">
                      <Descriptions.Item label={t('tickets.steps.accept')}>{limit(item, 'accept')}</Descriptions.Item>
                      <Descriptions.Item label={t('tickets.steps.resolve')}>{limit(item, 'resolve')}</Descriptions.Item>
                      <Descriptions.Item label={t('settings.services.autoDispatch')}>
                        {item.isAutoDispatch ? <Tag color="green">{t('settings.services.on')}</Tag> : <Tag>{t('settings.services.off')}</Tag>}
                      </Descriptions.Item>
                    </Descriptions>
                    <Typography.Text type="secondary">{t('settings.services.checklist')}</Typography.Text>
                    {item.checklist.length === 0 ? (
                      <div>{t('settings.services.noMaterials')}</div>
                    ) : (
                      <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                        {item.checklist.map((c) => (
                          <li key={c.key}>
                            {c.name}
                            {c.isRequired && <Tag style={{ marginInlineStart: 4 }}>{t('tickets.materials.required')}</Tag>}
                          </li>
                        ))}
                      </ul>
                    )}
                    {item.overriddenBelow.length > 0 && (
                      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                        {t('settings.services.overriddenBelow', { names: item.overriddenBelow.map((r) => r.regionName).join('、') })}
                      </Typography.Paragraph>
                    )}
                  </Card>
                </section>
              </Col>
            ))}
          </Row>
          <Space style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{t('settings.services.appliesToNew')}</Typography.Text>
          </Space>
        </>
      )}
      {editing && data && (
        <ServiceSettingsModal
          item={editing}
          region={data.region}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            message.success(t('common.saved'));
            void load();
          }}
        />
      )}
    </>
  );
}
