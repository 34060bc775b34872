import { useId, useState } from 'react';
import { Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { citationText, parseCitationText, type Citation } from './entries-api';

/**
 * The articles an entry rests on: a list, and a line where a citation is typed the way
 * people write it ("民法典 第五十四条", "劳动合同法 第82条"), read into the law and the
 * article by the server's own rule. Whether the law has that article is the server's
 * check on save (it answers naming the citation).
 */
export function CitationPicker({ value = [], onChange, disabled, id }: { value?: Citation[]; onChange?: (next: Citation[]) => void; disabled?: boolean; id?: string }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string>();
  const hintId = useId();

  function add() {
    const parsed = parseCitationText(typed);
    if (!parsed) {
      setProblem(t('knowledgeAdmin.citationUnreadable'));
      return;
    }
    setProblem(undefined);
    setTyped('');
    if (!value.some((c) => citationText(c) === citationText(parsed))) onChange?.([...value, parsed]);
  }

  return (
    <div>
      {value.length === 0 ? (
        <p style={{ margin: '4px 0 8px', color: 'rgba(0,0,0,0.6)' }}>{t('knowledgeAdmin.noCitations')}</p>
      ) : (
        <ol style={{ paddingInlineStart: 20, margin: '4px 0 8px' }} aria-label={t('knowledgeAdmin.citations')}>
          {value.map((citation, i) => (
            <li key={`${citationText(citation)}-${i}`}>
              <span>{citationText(citation)}</span>
              {!disabled && (
                <Button type="link" size="small" onClick={() => onChange?.(value.filter((_, k) => k !== i))} aria-label={t('knowledgeAdmin.removeCitation', { citation: citationText(citation) })}>
                  {t('knowledgeAdmin.remove')}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!disabled && (
        <>
          <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
            <Input
              id={id}
              value={typed}
              placeholder={t('knowledgeAdmin.citationPlaceholder')}
              aria-label={t('knowledgeAdmin.addCitationInput')}
              aria-describedby={hintId}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => setTyped(e.target.value)}
              onPressEnter={(e) => {
                e.preventDefault();
                add();
              }}
            />
            <Button onClick={add} disabled={!typed.trim()}>
              {t('knowledgeAdmin.addCitation')}
            </Button>
          </Space.Compact>
          <div id={hintId} role={problem ? 'alert' : undefined} style={{ marginTop: 4, color: problem ? '#cf1322' : 'rgba(0,0,0,0.6)' }}>
            {problem ?? t('knowledgeAdmin.citationHelp')}
          </div>
        </>
      )}
    </div>
  );
}
