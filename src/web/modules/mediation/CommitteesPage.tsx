import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../app/ErrorResult';
import { errorMessage } from '../../app/errors';
import { useMe } from '../../app/session';
import { PageTitle } from '../../workbench/PageTitle';
import { RegionPicker } from '../regions/RegionPicker';
import { appointCommitteeMediator, COMMITTEE_KINDS, dismissCommitteeMediator, keepsCommittees, listCommitteeMediators, listCommittees, listMediatorCandidates, saveCommittee, type Committee, type Mediator, type MediatorCandidate } from './mediation-api';

/** Only for the picker's first label: the level a committee of the kind sits at. */
const LEVEL_OF_KIND = { village: 'village', township: 'township', industry: 'county' } as const;

type Values = { name: string; kind: (typeof COMMITTEE_KINDS)[number]; regionCode: string; industry?: string; isActive: boolean };

/**
 * 人民调解委员会: the committees, their mediators (the mediator accounts of the committee's
 * region, a village committee's those of its township), and — for the bureau's leaders and
 * admins of the region — adding, changing and taking a committee out of service.
 */
export default function CommitteesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [items, setItems] = useState<Committee[]>();
  const [error, setError] = useState<unknown>();
  const [editing, setEditing] = useState<Committee | 'new'>();

  const load = useCallback(() => {
    listCommittees()
      .then((r) => {
        setItems(r.items);
        setError(undefined);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);

  const toggle = async (c: Committee) => {
    try {
      await saveCommittee(c.id, { name: c.name, kind: c.kind, regionCode: c.region.code, ...(c.industry ? { industry: c.industry } : {}), isActive: !c.isActive });
      message.success(t('mediation.committees.saved'));
      load();
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };

  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <PageTitle>{t('mediation.committeesTitle')}</PageTitle>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('mediation.committees.membersHint')} />
        {keepsCommittees(me) && (
          <div>
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('mediation.committees.create')}
            </Button>
          </div>
        )}
        <Table<Committee>
          size="small"
          rowKey="id"
          loading={!items}
          scroll={{ x: 'max-content' }}
          dataSource={items ?? []}
          pagination={{ pageSize: 50 }}
          expandable={{ expandedRowRender: (c) => <CommitteeMediators committee={c} /> }}
          columns={[
            { title: t('mediation.committees.name'), dataIndex: 'name' },
            { title: t('mediation.committees.kind'), key: 'kind', render: (_, c) => t(`mediation.committeeKinds.${c.kind}`) + (c.industry ? `（${c.industry}）` : '') },
            { title: t('mediation.committees.region'), key: 'region', render: (_, c) => c.region.name },
            { title: t('mediation.committees.status'), key: 'isActive', render: (_, c) => (c.isActive ? <Tag color="green">{t('mediation.committees.active')}</Tag> : <Tag>{t('mediation.committees.inactive')}</Tag>) },
            {
              title: t('mediation.committees.operations'),
              key: 'ops',
              render: (_, c) =>
                c.abilities.save ? (
                  <Space>
                    <Button size="small" onClick={() => setEditing(c)} aria-label={`${t('mediation.committees.edit')} ${c.name}`}>
                      {t('mediation.committees.edit')}
                    </Button>
                    <Button size="small" danger={c.isActive} onClick={() => toggle(c)} aria-label={`${c.isActive ? t('mediation.committees.deactivate') : t('mediation.committees.activate')} ${c.name}`}>
                      {c.isActive ? t('mediation.committees.deactivate') : t('mediation.committees.activate')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Space>
      {editing && (
        <CommitteeForm
          committee={editing === 'new' ? undefined : editing}
          onClose={(isSaved) => {
            setEditing(undefined);
            if (isSaved) {
              message.success(t('mediation.committees.saved'));
              load();
            }
          }}
        />
      )}
    </>
  );
}

function CommitteeForm({ committee, onClose }: { committee?: Committee; onClose: (isSaved: boolean) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [formError, setFormError] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const title = committee ? t('mediation.committees.edit') : t('mediation.committees.create');

  return (
    <Modal open title={title} onCancel={() => onClose(false)} okText={t('mediation.submit')} confirmLoading={isSaving} onOk={() => form.submit()} destroyOnHidden>
      {formError && <Alert type="error" message={formError} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={committee ? { name: committee.name, kind: committee.kind, regionCode: committee.region.code, industry: committee.industry ?? undefined, isActive: committee.isActive } : { kind: 'village', isActive: true }}
        onFinish={async (v) => {
          setSaving(true);
          setFormError(undefined);
          try {
            await saveCommittee(committee?.id ?? null, { name: v.name, kind: v.kind, regionCode: v.regionCode, ...(v.kind === 'industry' ? { industry: v.industry } : {}), isActive: v.isActive });
            onClose(true);
          } catch (e) {
            setFormError(errorMessage(t, e));
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="name" label={t('mediation.committees.name')} rules={[{ required: true, whitespace: true, message: t('mediation.committees.name') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('mediation.committees.kind')} extra={t('mediation.committees.kindHint')} rules={[{ required: true, message: t('mediation.committees.kind') }]}>
          <Select options={COMMITTEE_KINDS.map((k) => ({ value: k, label: t(`mediation.committeeKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('mediation.committees.region')} rules={[{ required: true, message: t('mediation.committees.region') }]}>
          <RegionPicker initial={committee ? { code: committee.region.code, name: committee.region.name, level: LEVEL_OF_KIND[committee.kind] } : me.region} />
        </Form.Item>
        {kind === 'industry' && (
          <Form.Item name="industry" label={t('mediation.committees.industry')} rules={[{ required: true, whitespace: true, message: t('mediation.committees.industry') }]}>
            <Input maxLength={50} placeholder="劳动争议、医疗纠纷" />
          </Form.Item>
        )}
        <Form.Item name="isActive" label={t('mediation.committees.status')} valuePropName="checked">
          <Switch checkedChildren={t('mediation.committees.active')} unCheckedChildren={t('mediation.committees.inactive')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A committee's mediators: those of its region (a village committee's, its township's) and
 * those it appointed by name (聘任, Art. 13). Who keeps the committee (its `abilities.appoint`)
 * appoints a mediator account from their scope and ends an appointment.
 */
function CommitteeMediators({ committee }: { committee: Committee }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [list, setList] = useState<Mediator[] | 'error'>();
  const [candidates, setCandidates] = useState<MediatorCandidate[]>();
  const [chosen, setChosen] = useState<string>();
  const [isSaving, setSaving] = useState(false);
  const canAppoint = committee.abilities.appoint === true;

  const load = useCallback(() => {
    listCommitteeMediators(committee.id).then((r) => setList(r.items)).catch(() => setList('error'));
    if (canAppoint) listMediatorCandidates(committee.id).then((r) => setCandidates(r.items)).catch(() => setCandidates([]));
  }, [committee.id, canAppoint]);
  useEffect(load, [load]);

  const change = async (run: () => Promise<unknown>, done: string) => {
    setSaving(true);
    try {
      await run();
      message.success(done);
      setChosen(undefined);
      load();
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setSaving(false);
    }
  };

  if (list === 'error') return <Alert type="error" message={t('mediation.committees.mediatorsFailed')} />;
  if (!list) return t('mediation.committees.loading');
  const label = `${committee.name}${t('mediation.committees.mediators')}`;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {list.length === 0 ? (
        <span>{t('mediation.committees.noMediators')}</span>
      ) : (
        <ul aria-label={label} style={{ margin: 0, paddingLeft: 20 }}>
          {list.map((m) => (
            <li key={m.id}>
              {`${m.displayName}（${m.region.name}，${t('mediation.committees.activeCases', { count: m.activeCases })}）`}{' '}
              <Tag color={m.membership === 'appointed' ? 'purple' : undefined}>{t(`mediation.committees.memberships.${m.membership}`)}</Tag>
              {canAppoint && m.membership === 'appointed' && (
                <Button
                  size="small"
                  danger
                  disabled={isSaving}
                  aria-label={`${t('mediation.committees.dismiss')} ${m.displayName}`}
                  onClick={() => change(() => dismissCommitteeMediator(committee.id, m.id), t('mediation.committees.dismissed', { name: m.displayName }))}
                >
                  {t('mediation.committees.dismiss')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAppoint && (
        <Space wrap>
          <label htmlFor={`appoint-${committee.id}`}>{t('mediation.committees.appointLabel')}</label>
          <Select
            id={`appoint-${committee.id}`}
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 260 }}
            loading={!candidates}
            value={chosen}
            onChange={setChosen}
            placeholder={t('mediation.committees.appointPlaceholder')}
            notFoundContent={t('mediation.committees.noCandidates')}
            options={(candidates ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.region.name}）` }))}
          />
          <Button
            type="primary"
            disabled={!chosen}
            loading={isSaving}
            onClick={() => change(() => appointCommitteeMediator(committee.id, chosen!), t('mediation.committees.appointed'))}
          >
            {t('mediation.committees.appoint')}
          </Button>
        </Space>
      )}
    </Space>
  );
}
