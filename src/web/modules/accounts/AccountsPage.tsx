import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { formatDateTime, isFuture } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { listAccounts, updateAccount, type Account } from './api';
import { AccountFormModal } from './AccountFormModal';
import { ResetPasswordModal } from './ResetPasswordModal';

const PAGE_SIZE = 20;

type Editing = { mode: 'create' } | { mode: 'edit'; account: Account };

export default function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [page, setPage] = useState(1);
  // ?q= opens the page on a search (the audit log links an account this way).
  const [params] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [data, setData] = useState<{ items: Account[]; total: number }>();
  const [error, setError] = useState<unknown>();
  const [isLoading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Editing>();
  const [resetting, setResetting] = useState<Account>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await listAccounts({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, q: q || undefined }));
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [page, q]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!me.abilities.manageAccounts) {
    return <ErrorResult error={new ApiError(403, { code: 'FORBIDDEN', message: '' })} backTo="/workbench" />;
  }

  async function toggleDisabled(account: Account) {
    try {
      await updateAccount(account.id, { isDisabled: !account.isDisabled });
      message.success(account.isDisabled ? t('accounts.enabled') : t('accounts.disabled'));
      await load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  const columns: TableColumnsType<Account> = [
    { title: t('accounts.username'), dataIndex: 'username' },
    { title: t('accounts.displayName'), dataIndex: 'displayName' },
    {
      title: t('accounts.roles'),
      dataIndex: 'roles',
      render: (roles: Account['roles']) => roles.map((r) => <Tag key={r}>{t(`roles.${r}`)}</Tag>),
    },
    { title: t('accounts.region'), key: 'region', render: (_, a) => a.region?.name },
    {
      title: t('accounts.status'),
      key: 'status',
      render: (_, a) =>
        a.isDisabled ? <Tag color="red">{t('accounts.statusDisabled')}</Tag> : <Tag color="green">{t('accounts.statusActive')}</Tag>,
    },
    {
      title: t('accounts.lockedUntil'),
      dataIndex: 'lockedUntil',
      render: (v: string | null) => (isFuture(v) ? formatDateTime(v) : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Space size={0} wrap>
          {a.abilities.update && (
            <Button type="link" onClick={() => setEditing({ mode: 'edit', account: a })} aria-label={`${t('common.edit')} ${a.username}`}>
              {t('common.edit')}
            </Button>
          )}
          {a.abilities.disable && (
            <Popconfirm
              title={a.isDisabled ? t('accounts.confirmEnable', { name: a.displayName }) : t('accounts.confirmDisable', { name: a.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => toggleDisabled(a)}
            >
              <Button type="link" danger={!a.isDisabled} aria-label={`${a.isDisabled ? t('accounts.enable') : t('accounts.disable')} ${a.username}`}>
                {a.isDisabled ? t('accounts.enable') : t('accounts.disable')}
              </Button>
            </Popconfirm>
          )}
          {a.abilities.resetPassword && (
            <Button type="link" onClick={() => setResetting(a)} aria-label={`${t('accounts.resetPassword')} ${a.username}`}>
              {t('accounts.resetPassword')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'create' })}>
            {t('accounts.create')}
          </Button>
        }
      >
        {t('nav.accounts')}
      </PageTitle>
      <Card>
        <Input.Search
          aria-label={t('accounts.search')}
          placeholder={t('accounts.searchPlaceholder')}
          defaultValue={q}
          allowClear
          onSearch={(v) => {
            setPage(1);
            setQ(v.trim());
          }}
          style={{ width: 280, marginBottom: 16 }}
        />
        {error ? (
          <ErrorResult error={error} />
        ) : (
          <Table<Account>
            rowKey="id"
            loading={isLoading}
            columns={columns}
            dataSource={data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: setPage,
            }}
          />
        )}
      </Card>
      {editing && (
        <AccountFormModal
          account={editing.mode === 'edit' ? editing.account : undefined}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            message.success(t('common.saved'));
            void load();
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          account={resetting}
          onCancel={() => setResetting(undefined)}
          onDone={() => {
            setResetting(undefined);
            message.success(t('accounts.passwordReset'));
          }}
        />
      )}
    </>
  );
}
