import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { RecordTable } from '../../workbench/RecordTable';
import { staffProfilesApi, type StaffProfile } from './api';

const PAGE_SIZE = 20;

/** 公开名片管理: an admin sees the profiles of their region and hides one that should not be public. */
export default function StaffProfilesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: StaffProfile[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  const [hiding, setHiding] = useState<StaffProfile | null>(null);
  const [reason, setReason] = useState('');

  useEffect(() => {
    let isCurrent = true;
    staffProfilesApi.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }).then((r) => isCurrent && setData(r), (e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, [page, reload]);

  async function setHidden(profile: StaffProfile, isHidden: boolean, why?: string) {
    try {
      await staffProfilesApi.setHidden(profile.id, isHidden, why);
      message.success(t('directory.profiles.done'));
      setHiding(null);
      setReload((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <PageTitle>{t('directory.profiles.title')}</PageTitle>
      <Card>
        <p>{t('directory.profiles.intro')}</p>
        <RecordTable<StaffProfile>
          rowKey="id"
          loading={!data}
          dataSource={data?.items ?? []}
          cardLabel={(p) => p.displayName}
          locale={{ emptyText: t('directory.profiles.empty') }}
          columns={[
            { title: t('directory.profiles.name'), dataIndex: 'displayName' },
            { title: t('directory.profiles.role'), dataIndex: 'role', render: (r: string) => t(`directory.roles.${r}`) },
            { title: t('directory.profiles.region'), key: 'region', render: (_, p) => p.region.name },
            {
              title: t('directory.profiles.status'),
              key: 'status',
              render: (_, p) =>
                p.isHidden ? (
                  <Tag color="red" title={p.hiddenReason}>{t('directory.profiles.hidden')}</Tag>
                ) : p.isListed ? (
                  <Tag color="green">{t('directory.profiles.listed')}</Tag>
                ) : (
                  <Tag>{t('directory.profiles.notListed')}</Tag>
                ),
            },
            {
              title: t('directory.profiles.actions'),
              key: 'actions',
              render: (_, p) =>
                p.abilities.hide &&
                (p.isHidden ? (
                  <Button size="small" onClick={() => void setHidden(p, false)}>{t('directory.profiles.unhide')}</Button>
                ) : (
                  <Button size="small" danger onClick={() => (setReason(''), setHiding(p))}>{t('directory.profiles.hide')}</Button>
                )),
            },
          ]}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        />
      </Card>
      <Modal
        open={hiding !== null}
        title={hiding ? t('directory.profiles.hideTitle', { name: hiding.displayName }) : ''}
        okText={t('directory.profiles.hide')}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onOk={() => hiding && void setHidden(hiding, true, reason.trim())}
        onCancel={() => setHiding(null)}
      >
        <label htmlFor="hide-reason">{t('directory.profiles.reason')}</label>
        <Input.TextArea id="hide-reason" rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
