/**
 * Puts `text` on the clipboard: the Clipboard API where the page may use it (HTTPS, localhost),
 * else a selected hidden text area and the copy command (a bureau's intranet on plain HTTP,
 * older WeChat browsers). False when neither worked, so the page can say how to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (no permission): try the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  const focused = document.activeElement as HTMLElement | null;
  area.select();
  let isCopied = false;
  try {
    isCopied = document.execCommand('copy');
  } catch {
    isCopied = false;
  }
  area.remove();
  focused?.focus();
  return isCopied;
}
