import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, List, Row, Space, Spin, Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { errorMessage } from '../../app/errors';
import { PageTitle } from '../../workbench/PageTitle';
import { childLevel, getRegion, listRegions, type Region, type RegionDetail } from './api';
import { AddChildRegionModal } from './AddChildRegionModal';
import { ImportRegionsModal } from './ImportRegionsModal';

type Node = TreeDataNode & { key: string; region: Region; children?: Node[] };

function toNode(region: Region, t: (k: string) => string): Node {
  return {
    key: region.code,
    title: `${region.name} · ${t(`regionLevels.${region.level}`)}`,
    // Only villages can never have children. Any other node stays expandable even when it has
    // none yet, so that a child added by an admin has somewhere to appear; loading an empty
    // node turns it into a leaf.
    isLeaf: region.level === 'village' || (!region.hasChildren && childLevel(region.level) === undefined),
    region,
  };
}

function replaceChildren(nodes: Node[], key: string, children: Node[]): Node[] {
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children, isLeaf: children.length === 0 };
    if (n.children) return { ...n, children: replaceChildren(n.children, key, children) };
    return n;
  });
}

export default function RegionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const [tree, setTree] = useState<Node[]>([]);
  const [isLoadingRoots, setLoadingRoots] = useState(true);
  const [loadedKeys, setLoadedKeys] = useState<string[]>([]);
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  const [selected, setSelected] = useState<RegionDetail>();
  const [isLoadingDetail, setLoadingDetail] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Region[]>();
  const [isAdding, setAdding] = useState(false);
  const [isImporting, setImporting] = useState(false);

  const loadRoots = useCallback(async () => {
    setLoadingRoots(true);
    try {
      const { items } = await listRegions({});
      setTree(items.map((r) => toNode(r, t)));
      setLoadedKeys([]);
      setExpandedKeys([]);
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setLoadingRoots(false);
    }
  }, [t, message]);

  useEffect(() => {
    void loadRoots();
  }, [loadRoots]);

  async function loadChildren(node: Node) {
    if (node.children) return;
    const { items } = await listRegions({ parentCode: node.key });
    setTree((current) => replaceChildren(current, node.key, items.map((r) => toNode(r, t))));
  }

  async function select(code: string) {
    setLoadingDetail(true);
    try {
      setSelected(await getRegion(code));
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setLoadingDetail(false);
    }
  }

  async function search(q: string) {
    setQuery(q);
    if (!q.trim()) {
      setResults(undefined);
      return;
    }
    try {
      const { items } = await listRegions({ q: q.trim(), limit: 50 });
      setResults(items);
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  }

  async function afterChildAdded(region: Region) {
    setAdding(false);
    message.success(t('regions.added', { name: region.name }));
    if (region.parentCode) {
      // Reload the parent's children so the new node appears in place.
      const { items } = await listRegions({ parentCode: region.parentCode });
      setTree((current) => replaceChildren(current, region.parentCode!, items.map((r) => toNode(r, t))));
      setExpandedKeys((keys) => (keys.includes(region.parentCode!) ? keys : [...keys, region.parentCode!]));
      await select(region.parentCode);
    }
  }

  const canAddChild =
    selected !== undefined &&
    childLevel(selected.level) !== undefined &&
    (selected.abilities?.createChild ?? me.abilities.manageRegions);

  return (
    <>
      <PageTitle
        extra={
          me.abilities.manageRegions && (
            <Space>
              <Button icon={<PlusOutlined aria-hidden />} disabled={!canAddChild} onClick={() => setAdding(true)}>
                {t('regions.addChild')}
              </Button>
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>
                {t('regions.importCsv')}
              </Button>
            </Space>
          )
        }
      >
        {t('nav.regions')}
      </PageTitle>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card>
            <Input.Search
              aria-label={t('regions.search')}
              placeholder={t('regions.searchPlaceholder')}
              allowClear
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                if (!e.target.value) setResults(undefined);
              }}
              onSearch={(q) => void search(q)}
              style={{ marginBottom: 12 }}
            />
            {results ? (
              <List
                aria-label={t('regions.searchResults')}
                dataSource={results}
                locale={{ emptyText: t('common.noData') }}
                renderItem={(r) => (
                  <List.Item>
                    <Button type="link" onClick={() => void select(r.code)} style={{ padding: 0 }}>
                      {r.name}
                    </Button>
                    <span>
                      <Tag>{t(`regionLevels.${r.level}`)}</Tag>
                      {r.code}
                    </span>
                  </List.Item>
                )}
              />
            ) : isLoadingRoots ? (
              <Spin />
            ) : tree.length === 0 ? (
              <Empty description={t('common.noData')} />
            ) : (
              <Tree<Node>
                aria-label={t('regions.tree')}
                treeData={tree}
                loadData={loadChildren}
                loadedKeys={loadedKeys}
                onLoad={(keys) => setLoadedKeys(keys as string[])}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpandedKeys(keys as string[])}
                selectedKeys={selected ? [selected.code] : []}
                onSelect={(_, info) => void select(info.node.key)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={t('regions.detail')} aria-live="polite">
            {isLoadingDetail ? (
              <Spin />
            ) : selected ? (
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label={t('regions.name')}>{selected.name}</Descriptions.Item>
                <Descriptions.Item label={t('regions.code')}>{selected.code}</Descriptions.Item>
                <Descriptions.Item label={t('regions.level')}>{t(`regionLevels.${selected.level}`)}</Descriptions.Item>
                <Descriptions.Item label={t('regions.path')}>
                  {[...(selected.ancestors ?? []).map((a) => a.name), selected.name].join(' › ')}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty description={t('regions.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
      {isAdding && selected && (
        <AddChildRegionModal parent={selected} onCancel={() => setAdding(false)} onCreated={afterChildAdded} />
      )}
      {isImporting && (
        <ImportRegionsModal
          onCancel={() => setImporting(false)}
          onImported={(n) => {
            setImporting(false);
            message.success(t('regions.imported', { count: n }));
            void loadRoots();
          }}
        />
      )}
    </>
  );
}
