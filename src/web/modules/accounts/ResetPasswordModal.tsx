import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { passwordProblem, resetPassword, type Account } from './api';

export function ResetPasswordModal({ account, onCancel, onDone }: { account: Account; onCancel(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [isSaving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();

  async function submit() {
    let values: { password: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(undefined);
    try {
      await resetPassword(account.id, values.password);
      onDone();
    } catch (e) {
      const fieldError = fieldErrorFor(t, e, ['password']);
      if (fieldError) form.setFields([fieldError as never]);
      else setFormError(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('accounts.resetPasswordFor', { name: account.username })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
    >
      <Alert type="info" showIcon message={t('accounts.passwordRules')} style={{ marginBottom: 16 }} />
      {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          label={t('accounts.newPassword')}
          name="password"
          rules={[
            { required: true, message: t('validation.required') },
            {
              validator: (_, v: string | undefined) => {
                const problem = v ? passwordProblem(v, account.username) : undefined;
                return problem ? Promise.reject(new Error(t(`accounts.passwordProblem.${problem}`))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('accounts.confirmPassword')}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('accounts.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
