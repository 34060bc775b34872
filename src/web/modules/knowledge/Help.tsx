import type { ReactNode } from 'react';

/** A field's help in a colour that keeps WCAG AA contrast on white (antd's description grey does not). */
export const Help = ({ children }: { children: ReactNode }) => <span style={{ color: 'rgba(0,0,0,0.65)' }}>{children}</span>;
