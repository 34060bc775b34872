/**
 * A busy indicator drawn by CSS alone (global.css, .spinner): Ant Design's four rotating dots
 * without Ant Design, so the app's entry and the portal home, which show it while a page's chunk
 * loads, carry none of Ant Design's runtime (docs/architecture.md, "Delivery").
 */
export function Spinner({ size = 'default', label }: { size?: 'default' | 'large'; label?: string }) {
  return (
    <span className={size === 'large' ? 'spinner spinner-large' : 'spinner'} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true}>
      <i />
      <i />
      <i />
      <i />
    </span>
  );
}

/** What a page shows while its chunk loads (router.tsx) or the staff account is looked up. */
export function Loading() {
  return (
    <div style={{ padding: 64, textAlign: 'center' }} role="status" aria-live="polite">
      <Spinner size="large" />
    </div>
  );
}
