/** Whether `text` is a uuid: ids read back from free text (the audit log's entity ids, a filter) must be, before a uuid column sees them (PostgreSQL refuses with 22P02 otherwise). */
export const isUuid = (text: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

/** The uuids among `ids`, once each. */
export const uuidsOf = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];
