import { ApiError, withQuery, type Query } from './api';

/** The file name a Content-Disposition header gives (the UTF-8 one first: 工单-20261120.xlsx), if any. */
export function downloadName(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // a malformed name: fall through to the plain one
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1];
}

/**
 * Fetches a file the server builds (an Excel export) and hands it to the browser as a download,
 * named as the server names it. A refusal becomes an ApiError like any other call's.
 */
export async function downloadFile(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const response = await fetch(withQuery(`/api${path}`, query), { credentials: 'same-origin' });
  if (!response.ok) {
    let body: { code: string; message: string } = { code: `HTTP_${response.status}`, message: response.statusText };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, body);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = downloadName(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
