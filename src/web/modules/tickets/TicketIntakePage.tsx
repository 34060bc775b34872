import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage, fieldErrorText, normalizeField } from '../../app/errors';
import { formatDateTime } from '../../app/time';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import {
  AGE_GROUPS,
  createTicket,
  defaultChecklist,
  DISPUTE_CATEGORIES,
  GENDERS,
  isValidIdNumber,
  LANGUAGES,
  listServiceSettings,
  listTickets,
  MOBILE_OR_LANDLINE,
  newIdempotencyKey,
  PREFERRED_CONTACTS,
  SERVICE_TYPES,
  SPECIAL_GROUPS,
  STAFF_CHANNELS,
  ticketMenu,
  type Channel,
  type CreateTicketInput,
  type ServiceSetting,
  type ServiceType,
  type Ticket,
} from './api';
import { categoryName, StatusTag } from './components';
import { EligibilityCheck } from '../../portal/legal-aid/EligibilityCheck';

type ChecklistItem = { key: string; name: string; isRequired: boolean };

type FormValues = {
  channel: Channel;
  serviceType?: ServiceType;
  category?: string;
  regionCode?: string;
  applicant: {
    name: string;
    phone?: string;
    idNumber?: string;
    gender?: 'male' | 'female' | 'unknown';
    ageGroup?: string;
    specialGroups?: string[];
  };
  counterparty?: { name?: string; phone?: string; note?: string };
  description: string;
  preferredContact?: (typeof PREFERRED_CONTACTS)[number];
  language: 'zh' | 'bo' | 'en';
  materialsProvided?: string[];
};

const KNOWN_FIELDS = [
  'channel',
  'serviceType',
  'category',
  'regionCode',
  'applicant.name',
  'applicant.phone',
  'applicant.idNumber',
  'applicant.gender',
  'applicant.ageGroup',
  'applicant.specialGroups',
  'counterparty.name',
  'counterparty.phone',
  'counterparty.note',
  'description',
  'preferredContact',
  'language',
  'materialsProvided',
];

const blank = (s: string | undefined) => (s ?? '').trim() || undefined;

function toInput(v: FormValues, relatedTicketId: string | undefined): CreateTicketInput {
  const counterparty = {
    name: blank(v.counterparty?.name),
    phone: blank(v.counterparty?.phone),
    note: blank(v.counterparty?.note),
  };
  const hasCounterparty = Object.values(counterparty).some(Boolean);
  return {
    channel: v.channel,
    serviceType: v.serviceType!,
    category: v.category as CreateTicketInput['category'],
    regionCode: v.regionCode!,
    applicant: {
      name: v.applicant.name.trim(),
      phone: blank(v.applicant.phone),
      idNumber: blank(v.applicant.idNumber)?.toUpperCase(),
      gender: v.applicant.gender,
      ageGroup: v.applicant.ageGroup as CreateTicketInput['applicant']['ageGroup'],
      specialGroups: (v.applicant.specialGroups ?? []) as CreateTicketInput['applicant']['specialGroups'],
    },
    counterparty: hasCounterparty ? (JSON.parse(JSON.stringify(counterparty)) as CreateTicketInput['counterparty']) : undefined,
    description: v.description.trim(),
    preferredContact: v.preferredContact,
    language: v.language,
    materialsProvided: v.materialsProvided ?? [],
    relatedTicketId,
  };
}

/**
 * Earlier tickets of the person being registered, looked up by phone and/or ID
 * number — each only if the account may search by it (the server says so in
 * /api/auth/me: the roles that see the value in full).
 */
function usePersonHistory(phone: string | undefined, idNumber: string | undefined, may: { phone: boolean; idNumber: boolean }) {
  const [state, setState] = useState<{ items: Ticket[]; isLoading: boolean; error?: unknown; isSearched: boolean }>({
    items: [],
    isLoading: false,
    isSearched: false,
  });
  const seq = useRef(0);
  const cleanPhone = phone?.trim();
  const cleanId = idNumber?.trim().toUpperCase();
  const phoneKey = may.phone && cleanPhone && MOBILE_OR_LANDLINE.test(cleanPhone) ? cleanPhone : undefined;
  const idKey = may.idNumber && cleanId && cleanId.length === 18 && isValidIdNumber(cleanId) ? cleanId : undefined;

  useEffect(() => {
    const mine = ++seq.current;
    if (!phoneKey && !idKey) {
      setState({ items: [], isLoading: false, isSearched: false });
      return;
    }
    // Debounced: look up once typing pauses, not on every keystroke.
    const timer = setTimeout(() => {
      setState((s) => ({ ...s, isLoading: true }));
      const lookups = [
        phoneKey ? listTickets({ queue: 'all', phone: phoneKey, limit: 20 }) : undefined,
        idKey ? listTickets({ queue: 'all', idNumber: idKey, limit: 20 }) : undefined,
      ].filter((p): p is NonNullable<typeof p> => Boolean(p));
      Promise.all(lookups)
        .then((pages) => {
          if (mine !== seq.current) return;
          const seen = new Map<string, Ticket>();
          for (const page of pages) for (const item of page.items) seen.set(item.id, item);
          const items = [...seen.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
          setState({ items, isLoading: false, isSearched: true });
        })
        .catch((error) => mine === seq.current && setState({ items: [], isLoading: false, error, isSearched: true }));
    }, 400);
    return () => clearTimeout(timer);
  }, [phoneKey, idKey]);

  return { ...state, isActive: Boolean(phoneKey || idKey) };
}

export default function TicketIntakePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const [settings, setSettings] = useState<ServiceSetting[] | undefined>();
  const [relatedTicketId, setRelatedTicketId] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const [created, setCreated] = useState<Ticket>();
  // One key for this filled-in form: retries and double clicks reuse it; a new form gets a new one.
  const idempotencyKey = useRef(newIdempotencyKey());

  const serviceType = Form.useWatch('serviceType', form);
  const phone = Form.useWatch(['applicant', 'phone'], form);
  const idNumber = Form.useWatch(['applicant', 'idNumber'], form);
  const history = usePersonHistory(phone, idNumber, { phone: me.abilities.searchByPhone, idNumber: me.abilities.searchByIdNumber });
  const historyHint = me.abilities.searchByPhone
    ? me.abilities.searchByIdNumber
      ? 'tickets.intake.historyHint'
      : 'tickets.intake.historyHintPhone'
    : me.abilities.searchByIdNumber
      ? 'tickets.intake.historyHintId'
      : 'tickets.intake.historyHintNone';

  // Settings belong to a region node: the checklist is the one in force where the matter is.
  const regionCode = Form.useWatch('regionCode', form);
  useEffect(() => {
    let isCurrent = true;
    listServiceSettings(regionCode)
      .then((items) => isCurrent && setSettings(items))
      .catch(() => isCurrent && setSettings(undefined)); // unreadable: the shipped defaults apply
    return () => {
      isCurrent = false;
    };
  }, [regionCode]);

  const checklist: ChecklistItem[] = useMemo(() => {
    if (!serviceType) return [];
    return settings?.find((s) => s.serviceType === serviceType)?.checklist ?? defaultChecklist(serviceType);
  }, [serviceType, settings]);

  useEffect(() => {
    // Ticks of another service's checklist mean nothing for this one.
    form.setFieldValue('materialsProvided', []);
  }, [serviceType, form]);

  useEffect(() => {
    // Another region may ask for other materials: keep only the ticks still on the list.
    const ticked: string[] = form.getFieldValue('materialsProvided') ?? [];
    const kept = ticked.filter((key) => checklist.some((item) => item.key === key));
    if (kept.length !== ticked.length) form.setFieldValue('materialsProvided', kept);
  }, [checklist, form]);

  if (!ticketMenu(me).canTakeIn) {
    return <ErrorResult error={new ApiError(403, { code: 'FORBIDDEN', message: '' })} backTo="/workbench" />;
  }

  const defaultChannel: Channel = me.roles.includes('operator') && !me.roles.includes('window') ? 'hotline' : 'window';

  async function onFinish(values: FormValues) {
    setSaving(true);
    setFormError(undefined);
    try {
      const ticket = await createTicket(toInput(values, relatedTicketId), idempotencyKey.current);
      setCreated(ticket);
    } catch (e) {
      // An earlier attempt with this key did create a ticket (its answer was lost) and the form has changed since:
      // say so (the message asks to check the queue) and let the next submission be a new request.
      if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') idempotencyKey.current = newIdempotencyKey();
      const path = e instanceof ApiError && e.field ? normalizeField(e.field) : undefined;
      if (path && KNOWN_FIELDS.includes(path)) {
        form.setFields([{ name: path.split('.') as never, errors: [fieldErrorText(t, e)] }]);
        form.scrollToField(path.split('.') as never);
      } else {
        setFormError(errorMessage(t, e) + (path ? ` (${path})` : ''));
      }
    } finally {
      setSaving(false);
    }
  }

  function startOver() {
    idempotencyKey.current = newIdempotencyKey();
    setCreated(undefined);
    setRelatedTicketId(undefined);
    form.resetFields();
  }

  if (created) {
    const toBring = created.materials.filter((m) => !m.isProvided);
    return (
      <>
        <PageTitle>{t('tickets.intake.title')}</PageTitle>
        <Card>
          <Result
            status="success"
            title={t('tickets.intake.created')}
            subTitle={
              <div role="status">
                <div>{t('tickets.number')}</div>
                <Typography.Title level={2} copyable style={{ margin: '8px 0' }}>
                  {created.number}
                </Typography.Title>
                <div>
                  {t(`services.${created.serviceType}`)} · {categoryName(t, created.category)} · {created.region.name}
                </div>
              </div>
            }
            extra={
              <Space wrap>
                <Button type="primary" onClick={() => navigate(`/workbench/tickets/${created.id}`)}>
                  {t('tickets.intake.openTicket')}
                </Button>
                <Button onClick={startOver}>{t('tickets.intake.another')}</Button>
              </Space>
            }
          >
            <section aria-labelledby="to-bring">
              <Typography.Title level={3} id="to-bring" style={{ fontSize: '1.1em' }}>
                {t('tickets.intake.materialsToBring')}
              </Typography.Title>
              {created.materials.length === 0 ? (
                <p>{t('tickets.materials.none')}</p>
              ) : (
                <List
                  size="small"
                  dataSource={created.materials}
                  renderItem={(m) => (
                    <List.Item>
                      <span>
                        {m.name} {m.isRequired && <Tag color="red">{t('tickets.materials.required')}</Tag>}
                      </span>
                      {m.isProvided ? <Tag color="green">{t('tickets.materials.provided')}</Tag> : <Tag color="orange">{t('tickets.materials.toBring')}</Tag>}
                    </List.Item>
                  )}
                />
              )}
              {toBring.length > 0 && <p style={{ marginTop: 8 }}>{t('tickets.intake.toBringHint', { count: toBring.length })}</p>}
            </section>
          </Result>
        </Card>
      </>
    );
  }

  const required = { required: true, message: t('validation.required') };

  return (
    <>
      <PageTitle>{t('tickets.intake.title')}</PageTitle>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={{ channel: defaultChannel, language: 'zh', applicant: { name: '', specialGroups: [] }, materialsProvided: [] }}
            onFinish={(v) => void onFinish(v)}
            scrollToFirstError
          >
            {formError && <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />}
            <Card title={t('tickets.intake.matter')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24}>
                  <Form.Item label={t('tickets.channel')} name="channel" rules={[required]}>
                    <Radio.Group
                      optionType="button"
                      options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`tickets.channels.${c}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.serviceType')} name="serviceType" rules={[required]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`services.${s}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.category')} name="category" rules={[required]}>
                    <Select showSearch optionFilterProp="label" options={DISPUTE_CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.region')} name="regionCode" rules={[required]} extra={t('tickets.intake.regionHint')}>
                    <RegionPicker />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    label={t('tickets.description')}
                    name="description"
                    rules={[{ ...required, whitespace: true }, { max: 5000 }]}
                  >
                    <Input.TextArea rows={4} showCount maxLength={5000} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title={t('tickets.applicant')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.applicantName')} name={['applicant', 'name']} rules={[{ ...required, whitespace: true }, { max: 50 }]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('tickets.phone')}
                    name={['applicant', 'phone']}
                    rules={[{ pattern: MOBILE_OR_LANDLINE, message: t('tickets.intake.phoneFormat') }]}
                  >
                    <Input inputMode="tel" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('tickets.idNumber')}
                    name={['applicant', 'idNumber']}
                    rules={[
                      {
                        validator: (_, v: string | undefined) =>
                          !v || !v.trim() || isValidIdNumber(v.trim().toUpperCase())
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('tickets.intake.idNumberInvalid'))),
                      },
                    ]}
                  >
                    <Input autoComplete="off" maxLength={18} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.gender')} name={['applicant', 'gender']}>
                    <Radio.Group options={GENDERS.map((g) => ({ value: g, label: t(`tickets.genders.${g}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.ageGroup')} name={['applicant', 'ageGroup']}>
                    <Select allowClear options={AGE_GROUPS.map((a) => ({ value: a, label: t(`tickets.ageGroups.${a}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item label={t('tickets.specialGroups')} name={['applicant', 'specialGroups']} extra={t('tickets.intake.specialGroupsHint')}>
                    <CheckboxList options={SPECIAL_GROUPS.map((g) => ({ value: g, label: t(`tickets.specialGroupNames.${g}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title={t('tickets.counterparty')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.counterpartyName')} name={['counterparty', 'name']} rules={[{ max: 50 }]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('tickets.counterpartyPhone')}
                    name={['counterparty', 'phone']}
                    rules={[{ pattern: MOBILE_OR_LANDLINE, message: t('tickets.intake.phoneFormat') }]}
                  >
                    <Input inputMode="tel" autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('tickets.counterpartyNote')} name={['counterparty', 'note']} rules={[{ max: 200 }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('tickets.preferredContact')} name="preferredContact">
                    <Select allowClear options={PREFERRED_CONTACTS.map((c) => ({ value: c, label: t(`tickets.contacts.${c}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item label={t('tickets.language')} name="language">
                    <Radio.Group options={LANGUAGES.map((l) => ({ value: l, label: t(`tickets.languages.${l}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title={t('tickets.materials.title')} style={{ marginBottom: 16 }}>
              {!serviceType ? (
                <p style={{ margin: 0 }}>{t('tickets.materials.pickService')}</p>
              ) : checklist.length === 0 ? (
                <p style={{ margin: 0 }}>{t('tickets.materials.none')}</p>
              ) : (
                <>
                  <p>{t('tickets.materials.tellOnce')}</p>
                  <Form.Item name="materialsProvided" label={t('tickets.materials.provided')}>
                    <CheckboxList
                      style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                      options={checklist.map((item) => ({ value: item.key, label: <>{item.name} {item.isRequired && <Tag color="red">{t('tickets.materials.required')}</Tag>}</> }))}
                    />
                  </Form.Item>
                </>
              )}
            </Card>

            {serviceType === 'legal_aid' ? (
              // 法律援助自查 at the window: the same engine as the portal and the center, with the applicant in front of the desk.
              <Card title={t('legalAid.check.windowTitle')} style={{ marginBottom: 16 }}>
                <p style={{ marginTop: 0 }}>{t('legalAid.check.windowHint')}</p>
                <EligibilityCheck regionCode={regionCode ?? null} lawBase="/workbench/laws" />
              </Card>
            ) : null}

            <Space>
              <Button type="primary" htmlType="submit" loading={isSaving}>
                {t('tickets.intake.submit')}
              </Button>
              <Button onClick={() => navigate('/workbench/tickets')}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={<h2 style={{ fontSize: '1em', margin: 0 }}>{t('tickets.intake.history')}</h2>}
            style={{ position: 'sticky', top: 16 }}
            role="complementary"
            aria-label={t('tickets.intake.history')}
          >
            {/* One height for hint, loading and "nobody found", so the panel does not jump as the lookup answers. */}
            <div aria-live="polite" style={{ minHeight: '7.5em' }}>
              {!history.isActive ? (
                <p style={{ margin: 0, color: '#666' }}>{t(historyHint)}</p>
              ) : history.error ? (
                <Alert type="warning" showIcon message={errorMessage(t, history.error)} />
              ) : history.isLoading || !history.isSearched ? (
                <p style={{ margin: 0 }}>{t('common.loading')}</p>
              ) : history.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.intake.noHistory')} style={{ margin: 0 }} />
              ) : (
                <List
                  size="small"
                  dataSource={history.items}
                  renderItem={(item) => {
                    const isRelated = relatedTicketId === item.id;
                    return (
                      <List.Item
                        actions={[
                          <Button
                            key="link"
                            size="small"
                            type={isRelated ? 'primary' : 'default'}
                            aria-pressed={isRelated}
                            aria-label={t('tickets.intake.relateTo', { number: item.number })}
                            onClick={() => setRelatedTicketId(isRelated ? undefined : item.id)}
                          >
                            {isRelated ? t('tickets.intake.related') : t('tickets.intake.relate')}
                          </Button>,
                        ]}
                      >
                        <List.Item.Meta
                          title={
                            <Link to={`/workbench/tickets/${item.id}`} target="_blank" rel="noreferrer">
                              {item.number}
                            </Link>
                          }
                          description={
                            <span>
                              {t(`services.${item.serviceType}`)} · <StatusTag status={item.status} /> {formatDateTime(item.createdAt)}
                            </span>
                          }
                        />
                      </List.Item>
                    );
                  }}
                />
              )}
            </div>
          </Card>
        </Col>
      </Row>
    </>
  );
}
