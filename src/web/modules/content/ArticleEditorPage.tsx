import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Spin, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { formatDateTime } from '../../app/time';
import { PageTitle } from '../../workbench/PageTitle';
import { ArticleBody } from './ArticleBody';
import {
  actOnArticle,
  ARTICLE_CATEGORIES,
  ARTICLE_KINDS,
  createArticle,
  getArticle,
  parseBody,
  removeCover,
  setCover,
  updateArticle,
  type Article,
  type ArticleAction,
  type ArticleInput,
} from './api';
import { STATUS_COLORS } from './ArticleListPage';

const EMPTY: ArticleInput = { kind: 'legal_education', category: 'labour', title: '', summary: '', body: '' };

/** Write, preview (live, as the portal shows it), publish and withdraw an article. */
export default function ArticleEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ArticleInput>();
  const [article, setArticle] = useState<Article>();
  const [error, setError] = useState<unknown>();
  const [isSaving, setSaving] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const title = Form.useWatch('title', form) ?? '';
  const summary = Form.useWatch('summary', form) ?? '';
  const body = Form.useWatch('body', form) ?? '';

  useEffect(() => {
    if (!id) {
      form.setFieldsValue(EMPTY);
      return;
    }
    let isCurrent = true;
    getArticle(id)
      .then((a) => {
        if (!isCurrent) return;
        setArticle(a);
        form.setFieldsValue({ kind: a.kind, category: a.category, title: a.title, summary: a.summary, body: a.body });
      })
      .catch((e) => isCurrent && setError(e));
    return () => {
      isCurrent = false;
    };
  }, [id, form]);

  const canEdit = id ? Boolean(article?.abilities.update) : me.abilities.writeArticles;

  async function save(values: ArticleInput) {
    setSaving(true);
    try {
      if (article) {
        setArticle(await updateArticle(article.id, values));
        message.success(t('content.workbench.saved'));
      } else {
        const created = await createArticle(values);
        message.success(t('content.workbench.saved'));
        navigate(`/workbench/articles/${created.id}`, { replace: true });
      }
    } catch (e) {
      const field = (e as { field?: string }).field;
      if (field && field in EMPTY) form.setFields([{ name: field as keyof ArticleInput, errors: [errorMessage(t, e)] }]);
      else message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  async function act(action: ArticleAction) {
    if (!article) return;
    try {
      // Unsaved edits go out with the action, so what is published is what is on the screen.
      const values = await form.validateFields();
      const saved = await updateArticle(article.id, values);
      setArticle(saved);
      setArticle(await actOnArticle(article.id, action));
      message.success(t(action === 'publish' ? 'content.workbench.published' : 'content.workbench.withdrawn'));
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      message.error(errorMessage(t, e));
    }
  }

  async function uploadCover(file: File | undefined) {
    if (!article || !file) return;
    try {
      setArticle(await setCover(article.id, file));
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  if (error) return <ErrorResult error={error} backTo="/workbench/articles" />;
  if (id && !article) return <Spin />;

  return (
    <>
      <PageTitle extra={<Link to="/workbench/articles">{t('content.workbench.backToList')}</Link>}>
        {id ? t('content.workbench.editTitle') : t('content.workbench.newTitle')}
      </PageTitle>
      {article && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color={STATUS_COLORS[article.status]}>{t(`content.workbench.statuses.${article.status}`)}</Tag>
          <span>
            {t('content.workbench.regionCol')}: {article.region.name}
          </span>
          {article.author && (
            <span>
              {t('content.workbench.author')}: {article.author.displayName}
            </span>
          )}
          <span>
            {t('content.workbench.updatedAt')}: {formatDateTime(article.updatedAt)}
          </span>
          {article.status === 'published' && (
            <Link to={`/news/${article.id}`} target="_blank">
              {t('content.workbench.viewOnPortal')}
            </Link>
          )}
        </Space>
      )}
      {!canEdit && <Alert type="info" showIcon message={t('content.workbench.readOnly')} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card>
            <Form form={form} layout="vertical" onFinish={(values) => void save(values)} disabled={!canEdit} initialValues={EMPTY}>
              <Space wrap style={{ width: '100%' }} size="middle">
                <Form.Item name="kind" label={t('content.kind')} rules={[{ required: true }]}>
                  <Select style={{ minWidth: 140 }} options={ARTICLE_KINDS.map((k) => ({ value: k, label: t(`content.kinds.${k}`) }))} />
                </Form.Item>
                <Form.Item name="category" label={t('content.category')} rules={[{ required: true }]}>
                  <Select style={{ minWidth: 160 }} options={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: t(`content.categories.${c}`) }))} />
                </Form.Item>
              </Space>
              <Form.Item name="title" label={t('content.workbench.title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="summary" label={t('content.workbench.summary')} extra={t('content.workbench.summaryHelp')} rules={[{ max: 300 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
              </Form.Item>
              <Form.Item name="body" label={t('content.workbench.body')} extra={t('content.workbench.bodyHelp')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
                <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} />
              </Form.Item>
              {canEdit && (
                <Space wrap>
                  <Button type="primary" htmlType="submit" loading={isSaving}>
                    {t('content.workbench.saveDraft')}
                  </Button>
                  {article?.allowedActions.includes('publish') && (
                    <Popconfirm title={t('content.workbench.publishConfirm')} onConfirm={() => act('publish')} okText={t('content.workbench.publish')} cancelText={t('common.cancel')}>
                      <Button>{t('content.workbench.publish')}</Button>
                    </Popconfirm>
                  )}
                  {article?.allowedActions.includes('withdraw') && (
                    <Popconfirm title={t('content.workbench.withdrawConfirm')} onConfirm={() => act('withdraw')} okText={t('content.workbench.withdraw')} cancelText={t('common.cancel')}>
                      <Button danger>{t('content.workbench.withdraw')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              )}
            </Form>
            <section aria-labelledby="cover-heading" style={{ marginTop: 24 }}>
              <h2 id="cover-heading" style={{ fontSize: '1em' }}>
                {t('content.workbench.cover')}
              </h2>
              {!article ? (
                <p>{t('content.workbench.coverSaveFirst')}</p>
              ) : (
                <>
                  {article.cover ? (
                    <img src={article.cover.url} alt={t('content.workbench.coverAlt', { title: article.title })} style={{ maxWidth: '100%', maxHeight: 200, display: 'block', marginBottom: 8 }} />
                  ) : (
                    <p>{t('content.workbench.noCover')}</p>
                  )}
                  {article.abilities.update && (
                    <Space wrap>
                      <label>
                        <span style={{ marginInlineEnd: 8 }}>{t('content.workbench.uploadCover')}</span>
                        <input ref={fileInput} type="file" accept="image/jpeg,image/png" onChange={(e) => void uploadCover(e.target.files?.[0])} />
                      </label>
                      {article.cover && (
                        <Button onClick={() => void removeCover(article.id).then(setArticle, (e) => message.error(errorMessage(t, e)))}>
                          {t('content.workbench.removeCover')}
                        </Button>
                      )}
                    </Space>
                  )}
                  <p style={{ color: 'rgba(0,0,0,0.6)' }}>{t('content.workbench.coverHelp')}</p>
                </>
              )}
            </section>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<span id="preview-heading">{t('content.workbench.preview')}</span>} extra={t('content.workbench.previewHint')}>
            <section aria-labelledby="preview-heading" data-testid="article-preview">
              <h2 style={{ fontSize: '1.4em', marginTop: 0, overflowWrap: 'anywhere' }}>{title}</h2>
              {summary && <p style={{ fontWeight: 600 }}>{summary}</p>}
              <ArticleBody blocks={parseBody(body)} />
            </section>
          </Card>
        </Col>
      </Row>
    </>
  );
}
