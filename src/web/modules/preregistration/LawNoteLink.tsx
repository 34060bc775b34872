import { useState } from 'react';
import { useNavigate } from 'react-router';
import { citeLaw, readerHref } from '../knowledge/laws-api';

/**
 * A rule's source (《…》第…条) that opens the law reader at the article when the
 * law is in the library; otherwise it stays plain text.
 */
export function LawNoteLink({ lawTitle, articleNo, base = '/laws' }: { lawTitle: string; articleNo: string; base?: string }) {
  const navigate = useNavigate();
  const [isMissing, setMissing] = useState(false);
  const text = `《${lawTitle}》${articleNo}`;
  if (isMissing) return <span>{text}</span>;
  return (
    <button
      type="button"
      className="law-note-link"
      onClick={() =>
        citeLaw(lawTitle, articleNo).then(
          (cited) => navigate(readerHref(cited.lawId, cited.anchor, base)),
          () => setMissing(true),
        )
      }
    >
      {text}
    </button>
  );
}
