import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage, fieldErrorFor } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { DIRECTORY_LANGUAGES, OFFICE_PHONE_PATTERN, SPECIALITIES, myProfileApi, type MyProfile, type ProfileInput } from './api';
import { PersonFacts } from './PersonCard';

const FIELDS = ['isListed', 'displayName', 'role', 'officePhone', 'isOfficePhonePublic', 'email', 'isEmailPublic', 'venueId', 'isVenuePublic', 'specialities', 'languages', 'introduction'];

/** 我的公开名片: what I tell the public, detail by detail, beside exactly what they see now. */
export default function MyProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileInput>();
  const [data, setData] = useState<MyProfile>();
  const [error, setError] = useState<unknown>();
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    myProfileApi.get().then(setData, setError);
  }, []);

  useEffect(() => {
    if (!data) return;
    const p = data.profile;
    form.setFieldsValue(
      p
        ? { ...p, venueId: p.venueId ?? '' }
        : { isListed: false, displayName: data.options.defaultDisplayName, role: data.options.roles[0], officePhone: '', isOfficePhonePublic: false, email: '', isEmailPublic: false, venueId: '', isVenuePublic: false, specialities: [], languages: ['zh'], introduction: '' },
    );
  }, [data, form]);

  async function save(values: ProfileInput) {
    setSaving(true);
    try {
      // The select's "none" is the empty string; the API's is null.
      const saved = await myProfileApi.save({ ...values, venueId: values.venueId || null, introduction: values.introduction ?? '' });
      setData(saved);
      message.success(t('directory.myProfile.saved'));
    } catch (e) {
      const fieldError = fieldErrorFor(t, e, FIELDS);
      if (fieldError) form.setFields([fieldError as never]);
      else message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  if (error) return <ErrorResult error={error} />;
  const title = <PageTitle>{t('directory.myProfile.title')}</PageTitle>;
  if (!data) return <>{title}<Card loading /></>;
  if (data.options.roles.length === 0) {
    return (
      <>
        {title}
        <Alert type="info" showIcon message={t('directory.myProfile.noRole')} />
      </>
    );
  }
  const publicSwitch = (name: 'isOfficePhonePublic' | 'isEmailPublic' | 'isVenuePublic', field: string) => (
    <Form.Item name={name} valuePropName="checked" style={{ marginBottom: 0 }}>
      <Switch aria-label={t('directory.myProfile.makePublic', { field })} checkedChildren={t('directory.myProfile.isPublic')} unCheckedChildren={t('directory.myProfile.isPrivate')} />
    </Form.Item>
  );

  return (
    <>
      {title}
      <Typography.Paragraph>{t('directory.myProfile.intro')}</Typography.Paragraph>
      {data.profile?.isHidden && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('directory.myProfile.hiddenByAdmin', { reason: data.profile.hiddenReason })} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
              <Form.Item name="isListed" valuePropName="checked" label={t('directory.myProfile.isListed')}>
                <Switch />
              </Form.Item>
              <Form.Item name="displayName" label={t('directory.myProfile.displayName')} rules={[{ required: true, whitespace: true, max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="role" label={t('directory.myProfile.role')} rules={[{ required: true }]}>
                <Select options={data.options.roles.map((r) => ({ value: r, label: t(`directory.roles.${r}`) }))} />
              </Form.Item>
              <Form.Item label={t('directory.myProfile.officePhone')} required={false}>
                <Space wrap align="start">
                  <Form.Item name="officePhone" noStyle rules={[{ pattern: new RegExp(OFFICE_PHONE_PATTERN), message: t('directory.myProfile.phoneInvalid') }]}>
                    <Input aria-label={t('directory.myProfile.officePhone')} style={{ width: 200 }} inputMode="tel" />
                  </Form.Item>
                  {publicSwitch('isOfficePhonePublic', t('directory.myProfile.officePhone'))}
                </Space>
              </Form.Item>
              <Form.Item label={t('directory.myProfile.email')}>
                <Space wrap align="start">
                  <Form.Item name="email" noStyle rules={[{ type: 'email' }]}>
                    <Input aria-label={t('directory.myProfile.email')} style={{ width: 240 }} inputMode="email" />
                  </Form.Item>
                  {publicSwitch('isEmailPublic', t('directory.myProfile.email'))}
                </Space>
              </Form.Item>
              <Form.Item label={t('directory.myProfile.venue')}>
                <Space wrap align="start">
                  <Form.Item name="venueId" noStyle>
                    <Select
                      aria-label={t('directory.myProfile.venue')}
                      style={{ minWidth: 220 }}
                      options={[{ value: '', label: t('directory.myProfile.noVenue') }, ...data.options.venues.map((v) => ({ value: v.id, label: v.name }))]}
                    />
                  </Form.Item>
                  {publicSwitch('isVenuePublic', t('directory.myProfile.venue'))}
                </Space>
              </Form.Item>
              <Form.Item name="specialities" label={t('directory.myProfile.specialities')}>
                <Select mode="multiple" options={SPECIALITIES.map((s) => ({ value: s, label: t(`directory.specialities.${s}`) }))} />
              </Form.Item>
              <Form.Item name="languages" label={t('directory.myProfile.languages')}>
                <Select mode="multiple" options={DIRECTORY_LANGUAGES.map((l) => ({ value: l, label: t(`directory.languages.${l}`) }))} />
              </Form.Item>
              <Form.Item name="introduction" label={t('directory.myProfile.introduction')} extra={t('directory.myProfile.introductionHint')} rules={[{ max: 500 }]}>
                <Input.TextArea rows={4} maxLength={500} showCount />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={isSaving}>
                {t('directory.myProfile.save')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 style={{ fontSize: '1.1em', margin: 0 }}>{t('directory.myProfile.preview')}</h2>}>
            <div data-testid="public-preview" aria-live="polite">
              {data.publicView ? (
                <>
                  <PersonFacts person={data.publicView} headingLevel={3} />
                  <a href={`/directory/people/${data.publicView.id}`} target="_blank" rel="noopener noreferrer">
                    {t('directory.myProfile.viewOnPortal')}
                  </a>
                </>
              ) : (
                <p>{t('directory.myProfile.previewNotListed')}</p>
              )}
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
