/**
 * A request form filled in from elsewhere (the consultation assistant): carried in the address,
 * so it survives the detour through sign-in (?next= keeps the query) and a reload.
 */
export type RequestPrefill = { category?: string; description?: string; isFromAssistant: boolean };

export function prefilledRequestHref(kind: string, prefill: { category?: string | null; description?: string | null }): string {
  const params = new URLSearchParams({ from: 'assistant' });
  if (prefill.category) params.set('category', prefill.category);
  if (prefill.description) params.set('description', prefill.description);
  return `/requests/new/${kind}?${params}`;
}

/** What the address fills in: a category only if the form offers it, the description as written (capped at the form's limit). */
export function readRequestPrefill(params: URLSearchParams, categories: readonly string[]): RequestPrefill {
  const category = params.get('category') ?? undefined;
  const description = params.get('description')?.slice(0, 5000) || undefined;
  return {
    category: category && categories.includes(category) ? category : undefined,
    description,
    isFromAssistant: params.get('from') === 'assistant',
  };
}
