/**
 * The request form filled in from the consultation assistant: `?category=` and `?description=`,
 * which RequestFormPage reads (and keeps through sign-in, whose ?next= carries the query).
 */
export function prefilledRequestHref(kind: string, prefill: { category?: string | null; description?: string | null }): string {
  const params = new URLSearchParams();
  if (prefill.category) params.set('category', prefill.category);
  if (prefill.description) params.set('description', prefill.description);
  const query = params.toString();
  return `/requests/new/${kind}${query ? `?${query}` : ''}`;
}
