import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage, fieldErrorText, normalizeField } from '../../app/errors';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { AccountPicker } from '../accounts/AccountPicker';
import type { RegionRef } from '../auth/api';
import {
  createVenue,
  getVenue,
  PHONE_PATTERN,
  POSTS,
  SERVICE_TYPES,
  updateVenue,
  VENUE_LEVELS,
  type Venue,
  type VenueInput,
} from './api';

const EMPTY: VenueInput = {
  name: '',
  level: 'center',
  regionCode: '',
  address: '',
  openingHours: '周一至周五 9:00-17:00',
  phone: '',
  floorArea: null,
  isStreetFacingGroundFloor: false,
  windows: [],
  equipment: { hasTouchKiosk: false, hasDisplayScreen: false, hasRemoteVideo: false },
  posts: [],
};

function toInput(v: Venue): VenueInput {
  return {
    name: v.name,
    level: v.level,
    regionCode: v.region?.code ?? v.regionCode,
    address: v.address ?? '',
    openingHours: v.openingHours ?? '',
    phone: v.phone ?? '',
    floorArea: v.floorArea,
    isStreetFacingGroundFloor: v.isStreetFacingGroundFloor,
    windows: v.windows ?? [],
    equipment: v.equipment,
    posts: (v.posts ?? []).map((p) => ({ post: p.post, accountIds: p.accounts.map((a) => a.id) })),
  };
}

/** All the dotted field paths the form shows, so a server error naming one lands on it. */
function fieldPaths(values: VenueInput): string[] {
  const paths = [
    'name',
    'level',
    'regionCode',
    'address',
    'openingHours',
    'phone',
    'floorArea',
    'isStreetFacingGroundFloor',
    'equipment.hasTouchKiosk',
    'equipment.hasDisplayScreen',
    'equipment.hasRemoteVideo',
  ];
  (values.windows ?? []).forEach((_, i) => paths.push(`windows.${i}.name`, `windows.${i}.services`));
  (values.posts ?? []).forEach((_, i) => paths.push(`posts.${i}.post`, `posts.${i}.accountIds`));
  return paths;
}

export default function VenueFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const isNew = !id;
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<VenueInput>();
  const [venue, setVenue] = useState<Venue>();
  const [loadError, setLoadError] = useState<unknown>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    if (!id) return;
    getVenue(id)
      .then(setVenue)
      .catch(setLoadError);
  }, [id]);

  if (loadError) return <ErrorResult error={loadError} backTo="/workbench/venues" />;
  if (isNew && !me.abilities.createVenue) {
    return <ErrorResult error={new ApiError(403, { code: 'FORBIDDEN', message: '' })} backTo="/workbench/venues" />;
  }
  if (!isNew && !venue) {
    return (
      <div role="status" style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (venue && !venue.abilities?.update) {
    return <ErrorResult error={new ApiError(403, { code: 'FORBIDDEN', message: '' })} backTo={`/workbench/venues/${venue.id}`} />;
  }

  async function onFinish(values: VenueInput) {
    setSaving(true);
    setFormError(undefined);
    const input: VenueInput = {
      ...values,
      name: values.name.trim(),
      address: values.address?.trim() ?? '',
      openingHours: values.openingHours?.trim() ?? '',
      phone: values.phone?.trim() ?? '',
      windows: values.windows ?? [],
      posts: values.posts ?? [],
      floorArea: values.floorArea ?? null,
    };
    try {
      const saved = isNew ? await createVenue(input) : await updateVenue(id!, input);
      message.success(t('common.saved'));
      navigate(`/workbench/venues/${saved.id}`);
    } catch (e) {
      const path = e instanceof ApiError && e.field ? normalizeField(e.field) : undefined;
      if (path && fieldPaths(form.getFieldsValue(true)).includes(path)) {
        form.setFields([{ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never, errors: [fieldErrorText(t, e)] }]);
        form.scrollToField(path.split('.') as never);
      } else {
        setFormError(errorMessage(t, e) + (path ? ` (${path})` : ''));
      }
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, message: t('validation.required') };
  const initialRegion: RegionRef | undefined = venue?.region;

  return (
    <>
      <PageTitle>{isNew ? t('venues.create') : t('venues.editTitle', { name: venue?.name })}</PageTitle>
      <Form<VenueInput>
        form={form}
        layout="vertical"
        initialValues={venue ? toInput(venue) : EMPTY}
        onFinish={(v) => void onFinish(v)}
        scrollToFirstError
      >
        {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
        <Card title={t('venues.basics')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={t('venues.name')} name="name" rules={[{ ...required, whitespace: true }, { max: 100 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('venues.level')} name="level" rules={[required]} extra={t('venues.levelHint')}>
                <Select options={VENUE_LEVELS.map((l) => ({ value: l, label: t(`venueLevels.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('venues.region')} name="regionCode" rules={[required]}>
                <RegionPicker initial={initialRegion} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('venues.address')} name="address" rules={[{ max: 200 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('venues.openingHours')} name="openingHours" rules={[{ max: 100 }]}>
                <Input placeholder="周一至周五 9:00-17:00" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('venues.phone')}
                name="phone"
                rules={[{ pattern: PHONE_PATTERN, message: t('venues.phoneFormat') }]}
                extra={t('venues.phoneHint')}
              >
                <Input inputMode="tel" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                label={t('venues.floorArea')}
                name="floorArea"
                rules={[
                  {
                    validator: (_, v: number | null | undefined) =>
                      v === null || v === undefined || v > 0
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('venues.floorAreaPositive'))),
                  },
                ]}
              >
                <InputNumber min={0} max={100000} step={10} addonAfter="m²" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="isStreetFacingGroundFloor" valuePropName="checked" label={t('venues.streetFacing')}>
                <Checkbox>{t('venues.streetFacingLong')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('venues.equipment')} style={{ marginBottom: 16 }}>
          <Space wrap size={24}>
            <Form.Item name={['equipment', 'hasTouchKiosk']} valuePropName="checked" noStyle>
              <Checkbox>{t('venues.hasTouchKiosk')}</Checkbox>
            </Form.Item>
            <Form.Item name={['equipment', 'hasDisplayScreen']} valuePropName="checked" noStyle>
              <Checkbox>{t('venues.hasDisplayScreen')}</Checkbox>
            </Form.Item>
            <Form.Item name={['equipment', 'hasRemoteVideo']} valuePropName="checked" noStyle>
              <Checkbox>{t('venues.hasRemoteVideo')}</Checkbox>
            </Form.Item>
          </Space>
        </Card>

        <Card title={t('venues.windows')} style={{ marginBottom: 16 }}>
          <Form.List name="windows">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={16} key={field.key} align="bottom">
                    <Col xs={24} md={8}>
                      <Form.Item
                        label={t('venues.windowName', { n: index + 1 })}
                        name={[field.name, 'name']}
                        rules={[{ ...required, whitespace: true }, { max: 50 }]}
                      >
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={14}>
                      <Form.Item label={t('venues.windowServices', { n: index + 1 })} name={[field.name, 'services']}>
                        <Select mode="multiple" options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item>
                        <Button
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('venues.removeWindow', { n: index + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ name: '', services: [] })}>
                  {t('venues.addWindow')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={t('venues.posts')} style={{ marginBottom: 16 }}>
          <Form.List name="posts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={16} key={field.key} align="bottom">
                    <Col xs={24} md={8}>
                      <Form.Item label={t('venues.postType', { n: index + 1 })} name={[field.name, 'post']} rules={[required]}>
                        <Select options={POSTS.map((p) => ({ value: p, label: t(`posts.${p}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} md={14}>
                      <Form.Item label={t('venues.postAccounts', { n: index + 1 })} name={[field.name, 'accountIds']}>
                        <AccountPicker known={venue?.posts.flatMap((p) => p.accounts)} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2}>
                      <Form.Item>
                        <Button
                          danger
                          icon={<DeleteOutlined aria-hidden />}
                          aria-label={t('venues.removePost', { n: index + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ post: undefined, accountIds: [] })}>
                  {t('venues.addPost')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Space>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(isNew ? '/workbench/venues' : `/workbench/venues/${id}`)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
