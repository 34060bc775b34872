import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Form, List, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { getCalendar, removeRegionalYear, saveNationalYear, saveRegionalYear, type Calendar, type HolidayYearView } from './api';
import { CalendarNoticeAlerts } from './CalendarNotices';
import { HolidayYearModal } from './HolidayYearModal';

type Editing = { kind: 'national' | 'regional'; year?: HolidayYearView };

const monthDay = (date: string) => date.slice(5);

/** One year's arrangement, readable on a phone: each holiday with its dates, then the 调休 working days. */
function YearDetails({ year }: { year: HolidayYearView }) {
  const { t } = useTranslation();
  return (
    <div>
      <div>
        <Typography.Text type="secondary">{t('settings.calendar.holidays')}：</Typography.Text>
        {year.off.length === 0
          ? t('settings.calendar.none')
          : year.off.map((o) => `${o.name} ${monthDay(o.from)}${o.to !== o.from ? `–${monthDay(o.to)}` : ''}`).join('；')}
      </div>
      <div>
        <Typography.Text type="secondary">{t('settings.calendar.workdays')}：</Typography.Text>
        {year.work.length === 0 ? t('settings.calendar.none') : year.work.map(monthDay).join('、')}
      </div>
      {year.source && (
        <div>
          <Typography.Text type="secondary">{t('settings.calendar.source')}：</Typography.Text>
          {year.source}
        </div>
      )}
      <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
        {t('settings.calendar.updatedAt', { at: formatDateTime(year.updatedAt) })}
      </Typography.Text>
    </div>
  );
}

/**
 * 工作日历: the national holiday arrangement of each year (admins at a province node load
 * it), and the rest days a region adds for itself and the regions below it. Saving either
 * recalculates the running deadlines it touches.
 */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [regionCode, setRegionCode] = useState(me.region.code);
  const [data, setData] = useState<Calendar>();
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<Editing>();

  const load = useCallback(async () => {
    try {
      setData(await getCalendar(regionCode));
      setError(undefined);
    } catch (e) {
      setError(e);
    }
  }, [regionCode]);

  useEffect(() => {
    setData(undefined);
    void load();
  }, [load]);

  async function remove(year: string) {
    try {
      await removeRegionalYear(year, regionCode);
      message.success(t('settings.calendar.savedRecalculated'));
      await load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  const own = data?.regional.find((r) => r.isOwn);
  const inherited = data?.regional.filter((r) => !r.isOwn) ?? [];

  return (
    <>
      <PageTitle>{t('nav.calendar')}</PageTitle>
      {data && <CalendarNoticeAlerts notices={data.notices} canLoad={data.abilities.updateNational} onLoad={(year) => setEditing({ kind: 'national', year: { year, off: [], work: [], source: null, updatedAt: '' } })} />}
      {error ? (
        <ErrorResult error={error} />
      ) : !data ? (
        <div style={{ padding: 48, textAlign: 'center' }} role="status" aria-live="polite">
          <Spin />
        </div>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={<Typography.Title level={2} style={{ fontSize: '1.1em', margin: 0 }}>{t('settings.calendar.national')}</Typography.Title>}
            extra={
              data.abilities.updateNational && (
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ kind: 'national' })}>
                  {t('settings.calendar.addYear')}
                </Button>
              )
            }
          >
            <Typography.Paragraph type="secondary">{t('settings.calendar.nationalHint')}</Typography.Paragraph>
            <List
              dataSource={[...data.years].reverse()}
              locale={{ emptyText: <Empty description={t('settings.calendar.noYears')} /> }}
              renderItem={(year) => (
                <List.Item
                  actions={
                    data.abilities.updateNational
                      ? [
                          <Button key="edit" type="link" onClick={() => setEditing({ kind: 'national', year })} aria-label={`${t('common.edit')} ${year.year}`}>
                            {t('common.edit')}
                          </Button>,
                        ]
                      : undefined
                  }
                >
                  <List.Item.Meta title={t('settings.calendar.yearLabel', { year: year.year })} description={<YearDetails year={year} />} />
                </List.Item>
              )}
            />
          </Card>

          <Card title={<Typography.Title level={2} style={{ fontSize: '1.1em', margin: 0 }}>{t('settings.calendar.regional')}</Typography.Title>}>
            <Typography.Paragraph type="secondary">{t('settings.calendar.regionalHint')}</Typography.Paragraph>
            <Form layout="vertical" style={{ maxWidth: 480 }}>
              <Form.Item label={t('settings.region')} htmlFor="calendar-region">
                <RegionPicker id="calendar-region" value={regionCode} initial={me.region} onChange={(code) => setRegionCode(code ?? me.region.code)} />
              </Form.Item>
            </Form>
            {inherited.map((entry) => (
              <div key={entry.region.regionCode} style={{ marginBottom: 16 }}>
                <Tag color="gold">{t('settings.source.inheritedFrom', { name: entry.region.regionName })}</Tag>
                <List
                  dataSource={entry.years}
                  renderItem={(year) => (
                    <List.Item>
                      <List.Item.Meta title={t('settings.calendar.yearLabel', { year: year.year })} description={<YearDetails year={year} />} />
                    </List.Item>
                  )}
                />
              </div>
            ))}
            <div>
              <Space wrap style={{ marginBottom: 8 }}>
                <Tag color="blue">{t('settings.calendar.ownOf', { name: data.region.name })}</Tag>
                {data.abilities.updateRegional && (
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ kind: 'regional' })}>
                    {t('settings.calendar.addRegionalYear')}
                  </Button>
                )}
              </Space>
              <List
                dataSource={own?.years ?? []}
                locale={{ emptyText: t('settings.calendar.noRegional') }}
                renderItem={(year) => (
                  <List.Item
                    actions={
                      data.abilities.updateRegional
                        ? [
                            <Button key="edit" type="link" onClick={() => setEditing({ kind: 'regional', year })} aria-label={`${t('common.edit')} ${data.region.name} ${year.year}`}>
                              {t('common.edit')}
                            </Button>,
                            <Popconfirm
                              key="remove"
                              title={t('settings.calendar.removeConfirm', { region: data.region.name, year: year.year })}
                              okText={t('common.confirm')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => remove(year.year)}
                            >
                              <Button type="link" danger aria-label={`${t('settings.calendar.remove')} ${data.region.name} ${year.year}`}>
                                {t('settings.calendar.remove')}
                              </Button>
                            </Popconfirm>,
                          ]
                        : undefined
                    }
                  >
                    <List.Item.Meta title={t('settings.calendar.yearLabel', { year: year.year })} description={<YearDetails year={year} />} />
                  </List.Item>
                )}
              />
            </div>
          </Card>
        </Space>
      )}
      {editing && data && (
        <HolidayYearModal
          title={
            editing.kind === 'national'
              ? t('settings.calendar.nationalTitle')
              : t('settings.calendar.regionalTitle', { region: data.region.name })
          }
          hint={editing.kind === 'national' ? t('settings.calendar.nationalEditHint') : t('settings.calendar.regionalEditHint', { region: data.region.name })}
          year={editing.year}
          isYearFixed={Boolean(editing.year)}
          save={(year, input) => (editing.kind === 'national' ? saveNationalYear(year, input) : saveRegionalYear(year, regionCode, input))}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            message.success(t('settings.calendar.savedRecalculated'));
            void load();
          }}
        />
      )}
    </>
  );
}
