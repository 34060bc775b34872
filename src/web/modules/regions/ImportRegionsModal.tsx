import { useState } from 'react';
import { Alert, Input, Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { errorMessage } from '../../app/errors';
import { importRegions, type ImportLineError } from './api';

const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** Paste or upload `code,name,parentCode,level`; the server imports all lines or none. */
export function ImportRegionsModal({ onCancel, onImported }: { onCancel(): void; onImported(count: number): void }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [isSaving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [lineErrors, setLineErrors] = useState<ImportLineError[]>();

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) {
      setError(t('errors.PAYLOAD_TOO_LARGE'));
      return;
    }
    setCsv(await file.text());
  }

  async function submit() {
    if (!csv.trim()) {
      setError(t('regions.csvEmpty'));
      return;
    }
    setSaving(true);
    setError(undefined);
    setLineErrors(undefined);
    try {
      const { imported } = await importRegions(csv);
      onImported(imported);
    } catch (e) {
      setError(errorMessage(t, e));
      if (e instanceof ApiError && Array.isArray(e.body.errors)) setLineErrors(e.body.errors as ImportLineError[]);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={720}
      title={t('regions.importCsv')}
      okText={t('regions.import')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={() => void submit()}
      onCancel={onCancel}
    >
      <Typography.Paragraph>{t('regions.csvHelp')}</Typography.Paragraph>
      <Typography.Paragraph>
        <code>code,name,parentCode,level</code>
      </Typography.Paragraph>
      <p>
        <label htmlFor="region-csv-file">{t('regions.csvFile')}</label>{' '}
        <input id="region-csv-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} />
      </p>
      <label htmlFor="region-csv-text" style={{ display: 'block', marginBottom: 4 }}>
        {t('regions.csvText')}
      </label>
      <Input.TextArea
        id="region-csv-text"
        value={csv}
        onChange={(e) => setCsv(e.target.value)}
        rows={8}
        style={{ fontFamily: 'monospace' }}
        placeholder={'530199,示例县,530100,county'}
      />
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 12 }} />}
      {lineErrors && lineErrors.length > 0 && (
        <Table<ImportLineError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r) => `${r.line}-${r.code}-${r.message}`}
          dataSource={lineErrors}
          pagination={lineErrors.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('regions.line'), dataIndex: 'line', width: 80 },
            { title: t('regions.errorCode'), dataIndex: 'code', width: 180 },
            { title: t('regions.errorMessage'), dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
