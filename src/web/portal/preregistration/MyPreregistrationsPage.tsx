import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, List, Spin, Tag, Timeline, Typography } from 'antd';
import { CheckboxList } from '../../app/CheckboxList';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import './preregistration.css';
import { formatDateTime } from '../../app/time';
import { useCitizen } from '../citizen-session';
import { portalErrorMessage } from '../portal-errors';
import { LawNoteLink } from '../../modules/preregistration/LawNoteLink';
import { fetchMine, fetchOneOfMine, tickMine, type Preregistration } from '../../modules/preregistration/api';

const STATUS_COLOR: Record<string, string> = { materials_needed: 'orange', completed: 'green', declined: 'red', accepted: 'blue', in_progress: 'blue' };

/** My pre-registrations: each with its number, the provider and the status it last reported. */
export function MyPreregistrationsPage() {
  const { t } = useTranslation();
  const { state } = useCitizen();
  const [items, setItems] = useState<Preregistration[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (state.status !== 'signedIn') return;
    fetchMine().then((page) => setItems(page.items), (e) => setError(portalErrorMessage(t, e)));
  }, [state.status, t]);
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent('/preregistrations')}`} replace />;
  return (
    <Card className="portal-page preregister">
      <Typography.Title level={1}>{t('preregistration.mine')}</Typography.Title>
      <p>
        <Link to="/preregister">{t('preregistration.title')} →</Link>
      </p>
      {error ? <Alert type="error" showIcon message={error} /> : null}
      {items === null && !error ? <Spin aria-label={t('citizen.common.loading')} /> : null}
      {items?.length === 0 ? <Empty description={t('preregistration.none')} /> : null}
      {items?.length ? (
        <List
          dataSource={items}
          renderItem={(p) => (
            <List.Item>
              <Link to={`/preregistrations/${p.id}`}>
                <strong>{t(`preregistration.services.${p.service}`)} · {p.matter.name}</strong>
              </Link>
              <div className="hint">
                {p.number} · {p.route.name} · {formatDateTime(p.createdAt)}
              </div>
              <Tag color={STATUS_COLOR[p.status]}>{t(`preregistration.statuses.${p.status}`)}</Tag>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

/** One pre-registration: the status with what is still needed or why it was declined, the history, the checklist (tickable), the rules. */
export function MyPreregistrationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const location = useLocation();
  const { state } = useCitizen();
  const [item, setItem] = useState<Preregistration | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const load = useCallback(() => {
    if (!id) return;
    fetchOneOfMine(id).then(
      (found) => {
        setItem(found);
        setChecked(found.materials.filter((m) => m.isChecked).map((m) => m.key));
      },
      (e) => setError(portalErrorMessage(t, e)),
    );
  }, [id, t]);
  useEffect(() => {
    if (state.status === 'signedIn') load();
  }, [state.status, load]);
  if (state.status === 'anonymous') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!item) return <Spin aria-label={t('citizen.common.loading')} />;

  async function save() {
    setSaving(true);
    try {
      const saved = await tickMine(item!.id, checked);
      setItem(saved);
    } catch (e) {
      setError(portalErrorMessage(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card className="portal-page preregister">
      {(location.state as { isNew?: boolean } | null)?.isNew ? <Alert type="success" showIcon message={t('preregistration.submitted')} style={{ marginBottom: 12 }} /> : null}
      <Typography.Title level={1}>
        {t(`preregistration.services.${item.service}`)} · {item.matter.name}
      </Typography.Title>
      <dl className="preregister-facts">
        <dt>{t('preregistration.number')}</dt>
        <dd>{item.number}</dd>
        <dt>{t('preregistration.route')}</dt>
        <dd>
          {item.route.name}
          {item.route.note ? <div className="hint">{item.route.note}</div> : null}
        </dd>
        <dt>{t('preregistration.status')}</dt>
        <dd>
          <Tag color={STATUS_COLOR[item.status]} data-testid="preregistration-status">
            {t(`preregistration.statuses.${item.status}`)}
          </Tag>
        </dd>
      </dl>
      {item.status === 'materials_needed' && item.materialsNeeded.length ? (
        <Alert type="warning" showIcon message={t('preregistration.materialsNeeded')} description={<ul>{item.materialsNeeded.map((m) => <li key={m}>{m}</li>)}</ul>} style={{ marginBottom: 12 }} />
      ) : null}
      {item.status === 'declined' ? <Alert type="error" showIcon message={t('preregistration.declineReason')} description={item.declineReason} style={{ marginBottom: 12 }} /> : null}
      {item.findings.map((f) => (
        <Alert key={f.code} type={f.level === 'warning' ? 'warning' : 'info'} showIcon style={{ marginBottom: 8 }} message={<>{f.message} <LawNoteLink lawTitle={f.lawTitle} articleNo={f.articleNo} /></>} />
      ))}
      <h2>{t('preregistration.history')}</h2>
      <Timeline
        items={item.history.map((h) => ({
          children: (
            <div>
              <strong>{t(`preregistration.statuses.${h.status}`)}</strong> <span className="hint">{formatDateTime(h.at)} · {h.actorName || t(`preregistration.sources.${h.source}`)}</span>
              {h.note ? <div>{h.note}</div> : null}
              {h.materialsNeeded.length ? <div>{h.materialsNeeded.join('；')}</div> : null}
              {h.reason ? <div>{h.reason}</div> : null}
            </div>
          ),
        }))}
      />
      <h2>{t('preregistration.steps.checklist')}</h2>
      <CheckboxList
        value={checked}
        onChange={setChecked}
        className="preregister-choices"
        disabled={!item.abilities.checkMaterials}
        aria-label={t('preregistration.steps.checklist')}
        options={item.materials.map((m) => ({ value: m.key, label: <>{m.name} <span className="hint">（{t(m.isRequired ? 'preregistration.required' : 'preregistration.optional')}）</span></> }))}
      />
      {item.abilities.checkMaterials ? (
        <Button onClick={save} loading={isSaving}>
          {t('preregistration.saveMaterials')}
        </Button>
      ) : null}
      <h2>{t('preregistration.notes')}</h2>
      <ul className="preregister-notes">
        {item.notes.map((n) => (
          <li key={`${n.lawTitle}${n.articleNo}`}>
            {n.note} <LawNoteLink lawTitle={n.lawTitle} articleNo={n.articleNo} />
          </li>
        ))}
      </ul>
      <Link to="/preregistrations">{t('preregistration.mine')}</Link>
    </Card>
  );
}

export default MyPreregistrationsPage;
