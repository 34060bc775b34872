import type { SnippetPart } from './laws-api';

/**
 * A search result's snippet: the server marks the words that matched and sends plain text
 * parts, never HTML, so a law's text can hold nothing that runs. Matches are <mark>.
 */
export function Snippet({ parts, className }: { parts: readonly SnippetPart[]; className?: string }) {
  return (
    <p className={className ?? 'law-snippet'}>
      {parts.map((part, index) => (part.isMatch ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}
