import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Spin, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { CitationPicker } from './CitationPicker';
import { Help } from './Help';
import {
  actOnKnowledgeEntry,
  citationHref,
  citationText,
  createKnowledgeEntry,
  DISPUTE_CATEGORIES,
  getKnowledgeEntry,
  KNOWLEDGE_KINDS,
  paragraphsOf,
  updateKnowledgeEntry,
  type Citation,
  type KnowledgeAction,
  type KnowledgeEntry,
  type KnowledgeEntryInput,
  type KnowledgeKind,
} from './entries-api';
import { ENTRY_STATUS_COLORS } from './KnowledgeEntryListPage';

/** The form's values: the category's "none" is '' (a Select cannot hold null). */
type FormValues = { kind: KnowledgeKind; category: string; title: string; body: string; citations: Citation[] };

const EMPTY: FormValues = { kind: 'faq', category: '', title: '', body: '', citations: [] };
const FIELDS = ['kind', 'category', 'title', 'body'] as const;

const toInput = (values: FormValues): KnowledgeEntryInput => ({
  kind: values.kind,
  category: values.category || null,
  title: values.title,
  body: values.body,
  citations: (values.citations ?? []).map(({ lawTitle, articleNo }) => ({ lawTitle, articleNo })),
});

/** A server refusal of citations[i] in words: which citation, and why. */
function citationProblem(t: TFunction, error: ApiError, citations: Citation[]): string | null {
  const match = /^citations\[(\d+)\]/.exec(error.field ?? '');
  if (!match) return null;
  const citation = citations[Number(match[1])];
  const reason = typeof error.body.reason === 'string' ? error.body.reason : 'other';
  return t('knowledgeAdmin.citationRefused', {
    n: Number(match[1]) + 1,
    citation: citation ? citationText(citation) : '',
    reason: t(`knowledgeAdmin.citationReasons.${reason}`, { defaultValue: error.message }),
  });
}

/** Write, preview, publish and withdraw a FAQ entry or case explainer (以案释法). */
export default function KnowledgeEntryEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [entry, setEntry] = useState<KnowledgeEntry>();
  const [error, setError] = useState<unknown>();
  const [isSaving, setSaving] = useState(false);
  const kind = (Form.useWatch('kind', form) ?? 'faq') as KnowledgeKind;
  const title = Form.useWatch('title', form) ?? '';
  const body = Form.useWatch('body', form) ?? '';
  const citations = (Form.useWatch('citations', form) ?? []) as Citation[];

  useEffect(() => {
    if (!id) {
      form.setFieldsValue(EMPTY);
      return;
    }
    let isCurrent = true;
    getKnowledgeEntry(id)
      .then((e) => {
        if (!isCurrent) return;
        setEntry(e);
        form.setFieldsValue({ kind: e.kind, category: e.category ?? '', title: e.title, body: e.body, citations: e.citations });
      })
      .catch((e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, [id, form]);

  const canEdit = id ? Boolean(entry?.abilities.update) : me.abilities.writeKnowledge;

  /** Shows a refusal where it belongs: under the field it names, or as a message. */
  function showError(e: unknown, values: FormValues) {
    if (e instanceof ApiError && e.field) {
      const problem = citationProblem(t, e, values.citations ?? []);
      if (problem || e.field === 'citations') {
        form.setFields([{ name: 'citations', errors: [problem ?? errorMessage(t, e)] }]);
        return;
      }
      const field = FIELDS.find((f) => f === e.field);
      if (field) {
        form.setFields([{ name: field, errors: [errorMessage(t, e)] }]);
        return;
      }
    }
    message.error(errorMessage(t, e));
  }

  async function save(values: FormValues): Promise<KnowledgeEntry | null> {
    setSaving(true);
    try {
      if (entry) {
        const saved = await updateKnowledgeEntry(entry.id, toInput(values));
        setEntry(saved);
        form.setFieldsValue({ citations: saved.citations });
        message.success(t('knowledgeAdmin.saved'));
        return saved;
      }
      const created = await createKnowledgeEntry(toInput(values));
      message.success(t('knowledgeAdmin.saved'));
      navigate(`/workbench/knowledge/${created.id}`, { replace: true });
      return created;
    } catch (e) {
      showError(e, values);
      return null;
    } finally {
      setSaving(false);
    }
  }

  async function act(action: KnowledgeAction) {
    if (!entry) return;
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // Unsaved edits go out first (when the account may edit), so what is published is what is on the screen.
    if (entry.abilities.update && !(await save(values))) return;
    try {
      setEntry(await actOnKnowledgeEntry(entry.id, action));
      message.success(t(action === 'publish' ? 'knowledgeAdmin.publishedNow' : 'knowledgeAdmin.withdrawnNow'));
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  if (error) return <ErrorResult error={error} backTo="/workbench/knowledge" />;
  if (id && !entry) return <Spin />;

  // A citation on the screen links to the reader once the server has found it in a current law.
  const resolved = new Map((entry?.citations ?? []).map((c) => [citationText(c), c]));
  const readOnlyNote = !canEdit && (entry?.status === 'published' && me.abilities.writeKnowledge ? t('knowledgeAdmin.publishedReadOnly') : t('knowledgeAdmin.readOnly'));

  return (
    <>
      <PageTitle extra={<Link to="/workbench/knowledge">{t('knowledgeAdmin.backToList')}</Link>}>
        {id ? t('knowledgeAdmin.editTitle') : t('knowledgeAdmin.newTitle')}
      </PageTitle>
      {entry && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color={ENTRY_STATUS_COLORS[entry.status]}>{t(`knowledgeAdmin.statuses.${entry.status}`)}</Tag>
          <span>
            {t('knowledgeAdmin.region')}: {entry.region.name}
          </span>
          {entry.author && (
            <span>
              {t('knowledgeAdmin.author')}: {entry.author.displayName}
            </span>
          )}
          <span>
            {t('knowledgeAdmin.updatedAt')}: {formatDateTime(entry.updatedAt)}
          </span>
        </Space>
      )}
      {readOnlyNote && <Alert type="info" showIcon message={readOnlyNote} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            <Form form={form} layout="vertical" onFinish={(values) => void save(values)} disabled={!canEdit} initialValues={EMPTY}>
              <Space wrap style={{ width: '100%' }} size="middle">
                {/* Always has a value; a `required` rule would put aria-required on the Select's wrapper, which has no role. */}
                <Form.Item name="kind" label={t('knowledgeAdmin.kind')}>
                  <Select style={{ minWidth: 140 }} options={KNOWLEDGE_KINDS.map((k) => ({ value: k, label: t(`knowledgeAdmin.kinds.${k}`) }))} />
                </Form.Item>
                <Form.Item name="category" label={t('knowledgeAdmin.category')}>
                  <Select
                    style={{ minWidth: 160 }}
                    options={[{ value: '', label: t('knowledgeAdmin.noCategory') }, ...DISPUTE_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`, { defaultValue: c }) }))]}
                  />
                </Form.Item>
              </Space>
              <Form.Item name="title" label={t(`knowledgeAdmin.titleOf.${kind}`)} rules={[{ required: true, whitespace: true, max: 200 }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="body" label={t(`knowledgeAdmin.bodyOf.${kind}`)} extra={<Help>{t('knowledgeAdmin.bodyHelp')}</Help>} rules={[{ required: true, whitespace: true, max: 20000 }]}>
                <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} />
              </Form.Item>
              <Form.Item name="citations" label={t('knowledgeAdmin.citations')}>
                <CitationPicker disabled={!canEdit} />
              </Form.Item>
              {(canEdit || (entry && entry.allowedActions.length > 0)) && (
                <Space wrap>
                  {canEdit && (
                    <Button type="primary" htmlType="submit" loading={isSaving}>
                      {t('knowledgeAdmin.save')}
                    </Button>
                  )}
                  {entry?.allowedActions.includes('publish') && (
                    <Popconfirm title={t('knowledgeAdmin.publishConfirm')} onConfirm={() => act('publish')} okText={t('knowledgeAdmin.publish')} cancelText={t('common.cancel')}>
                      <Button disabled={false}>{t('knowledgeAdmin.publish')}</Button>
                    </Popconfirm>
                  )}
                  {entry?.allowedActions.includes('withdraw') && (
                    <Popconfirm title={t('knowledgeAdmin.withdrawConfirm')} onConfirm={() => act('withdraw')} okText={t('knowledgeAdmin.withdraw')} cancelText={t('common.cancel')}>
                      <Button danger disabled={false}>
                        {t('knowledgeAdmin.withdraw')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<span id="knowledge-preview-heading">{t('knowledgeAdmin.preview')}</span>} extra={t('knowledgeAdmin.previewHint')}>
            <section aria-labelledby="knowledge-preview-heading" data-testid="knowledge-preview">
              <Tag>{t(`knowledgeAdmin.kinds.${kind}`)}</Tag>
              <h2 style={{ fontSize: '1.3em', marginTop: 8, overflowWrap: 'anywhere' }}>{title}</h2>
              {paragraphsOf(body).map((paragraph, i) => (
                <p key={i} style={{ overflowWrap: 'anywhere' }}>
                  {paragraph}
                </p>
              ))}
              {citations.length > 0 && (
                <>
                  <h3 style={{ fontSize: '1em' }}>{t('knowledgeAdmin.legalBasis')}</h3>
                  <ul>
                    {citations.map((citation, i) => {
                      const found = resolved.get(citationText(citation));
                      const href = found ? citationHref(found) : null;
                      return <li key={i}>{href ? <Link to={href}>{citationText(found!)}</Link> : citationText(citation)}</li>;
                    })}
                  </ul>
                </>
              )}
            </section>
          </Card>
        </Col>
      </Row>
    </>
  );
}
