import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Page title used by every workbench page, so each page has one h1. */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      {/* Words stay whole: on a phone the buttons wrap below the title rather than squeeze it letter by letter. */}
      <Typography.Title level={1} style={{ fontSize: '1.5em', margin: 0, flex: 1, wordBreak: 'keep-all', overflowWrap: 'normal' }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
