import { Fragment } from 'react';
import type { BodyBlock } from './api';

/**
 * An article's body as blocks of text. Everything is a React text node, so whatever a
 * staff member typed — "<script>", "<b>" — is shown as typed, never run or rendered
 * as markup. Headings are h2 under the page's h1.
 */
export function ArticleBody({ blocks, isLarge = false }: { blocks: BodyBlock[]; isLarge?: boolean }) {
  const style = { fontSize: isLarge ? '1.15em' : '1.05em', lineHeight: isLarge ? 2 : 1.8, overflowWrap: 'anywhere' as const };
  return (
    <div className="article-body" style={style}>
      {blocks.map((block, i) => {
        if (block.type === 'heading') return <h2 key={i} style={{ fontSize: '1.2em', margin: '1.2em 0 0.5em' }}>{block.text}</h2>;
        if (block.type === 'list') {
          return (
            <ul key={i} style={{ paddingInlineStart: '1.4em' }}>
              {block.items.map((item, j) => <li key={j}>{item}</li>)}
            </ul>
          );
        }
        const lines = block.text.split('\n');
        return (
          <p key={i} style={{ margin: '0 0 1em' }}>
            {lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}
