import { Type } from "@sinclair/typebox";

/** A string that is one of `values`: an `enum` in JSON Schema and OpenAPI, a literal union in TypeScript. */
export const literalUnion = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description ? { description } : {}) });

/**
 * Text a person must fill in (a name, a description, a reason): at least one
 * character that is not white space, so "   " is refused naming the field instead
 * of being stored as "". The validator trims it (`x-trim`, see http.ts), so every
 * command receives and stores it trimmed. `\S` and String#trim agree on what white
 * space is (both include the ideographic space U+3000).
 */
export const RequiredText = (options: { maxLength: number; description?: string }) =>
  Type.String({ minLength: 1, pattern: NOT_BLANK, [TRIM_KEYWORD]: true, ...options });

/** A schema keyword (an OpenAPI extension) that makes the validator trim the string it accepted. */
export const TRIM_KEYWORD = "x-trim";

/** The pattern of RequiredText; the error mapping names it "must not be blank". */
export const NOT_BLANK = "\\S";

/**
 * The deepest page a list serves. Deeper offsets cost the database a scan of
 * every row skipped and no person pages that far: narrow the filters instead.
 * Also keeps `?offset=1e20` (a valid JSON number) away from PostgreSQL's bigint.
 */
export const MAX_OFFSET = 100_000;

export const OffsetSchema = Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: `rows to skip, at most ${MAX_OFFSET}` });

/**
 * The Idempotency-Key header of a create that may be retried (a ticket, a portal request, a
 * booking): the same key with the same body returns what the first attempt made.
 */
export const IdempotencyHeaders = Type.Object({
  "idempotency-key": Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: "a retried create with the same key and body returns what the first one made" })),
});
