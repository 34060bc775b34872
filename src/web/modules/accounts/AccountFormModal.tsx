import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { ROLES, type Role } from '../auth/api';
import { RegionPicker } from '../regions/RegionPicker';
import { createAccount, passwordProblem, updateAccount, type Account } from './api';

type Values = { username: string; displayName: string; password?: string; roles: Role[]; regionCode: string };

const FIELDS = ['username', 'displayName', 'password', 'roles', 'regionCode'] as const;

/** Create an account, or edit an existing one's display name, roles and region. */
export function AccountFormModal({
  account,
  onCancel,
  onSaved,
}: {
  account?: Account;
  onCancel(): void;
  onSaved(account: Account): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const isNew = !account;

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = isNew
        ? await createAccount({
            username: values.username.trim(),
            displayName: values.displayName.trim(),
            password: values.password ?? '',
            roles: values.roles,
            regionCode: values.regionCode,
          })
        : await updateAccount(account.id, {
            displayName: values.displayName.trim(),
            roles: values.roles,
            regionCode: values.regionCode,
          });
      onSaved(saved);
    } catch (e) {
      const fieldError = fieldErrorFor(t, e, FIELDS);
      if (fieldError) form.setFields([fieldError as never]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, message: t('validation.required') };

  return (
    <Modal
      open
      title={isNew ? t('accounts.create') : t('accounts.editTitle', { name: account.username })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
    >
      {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          account
            ? { username: account.username, displayName: account.displayName, roles: account.roles, regionCode: account.region.code }
            : { roles: [] }
        }
      >
        <Form.Item
          label={t('accounts.username')}
          name="username"
          rules={isNew ? [required, { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('accounts.usernameFormat') }] : []}
        >
          <Input autoComplete="off" disabled={!isNew} />
        </Form.Item>
        <Form.Item label={t('accounts.displayName')} name="displayName" rules={[{ ...required, whitespace: true }, { max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {isNew && (
          <Form.Item
            label={t('accounts.password')}
            name="password"
            extra={t('accounts.passwordRules')}
            dependencies={['username']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) => {
                  const problem = v ? passwordProblem(v, getFieldValue('username') ?? '') : undefined;
                  return problem ? Promise.reject(new Error(t(`accounts.passwordProblem.${problem}`))) : Promise.resolve();
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item label={t('accounts.roles')} name="roles" rules={[{ ...required, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t('accounts.region')} name="regionCode" rules={[required]}>
          <RegionPicker initial={account?.region} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
