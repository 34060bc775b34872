/**
 * fast-check arbitraries derived from the JSON Schemas of the OpenAPI document:
 * values that fit a schema (but are as strange as the schema allows: blank-padded,
 * emoji, the longest string, the extreme numbers and dates), and values that break
 * it (wrong types, NUL, lone surrogates, huge numbers and strings, deep nesting,
 * unknown fields, impossible dates). The route fuzz test sends both.
 */
import fc from "fast-check";

export type JsonSchema = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  nullable?: boolean;
};

/** Values some property names should draw from, so a schema-valid value also means something (a real id, a real region). */
export type KnownValues = Record<string, readonly unknown[]>;

/** Strings that have broken servers: blanks, invisible and combining characters, injections, numbers and dates in text. */
const STRANGE_TEXT = [
  "",
  " ",
  "   ",
  "\t\n\r",
  "\u3000",
  "\u00a0",
  "\ufeff",
  "\u200b\u200d",
  "\u202eabc",
  "e\u0301\u0301\u0301",
  "😀",
  "👨‍👩‍👧‍👦",
  "𠀀𪚥",
  "'; drop table tickets; --",
  "' or '1'='1",
  "%",
  "%_\\",
  "\\",
  '"',
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-0",
  "1e20",
  "0x10",
  "99999999999999999999999",
  "2026-12-31T23:59:60Z",
  "0000-01-01",
  "10000-01-01",
  "__proto__",
  "constructor",
];

/** Text PostgreSQL cannot store, and characters of every kind (including lone surrogates and NUL). */
const unstorableText = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d", "\ud83d\ude00\ud800", "\u0000\ud800"),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 12 }),
);

/** Something nested `depth` deep: arrays or objects. */
const nested = (depth: number, asObject: boolean): unknown => {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
};

/** Any JSON that fits no particular schema: wrong types, extremes, huge and deep things. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: unstorableText },
  { weight: 3, arbitrary: fc.constantFrom(...STRANGE_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, -1e20, 1e20, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63)) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], [null], { "": "" }, { __proto__: { polluted: true } }, JSON.parse('{"__proto__": {"polluted": true}}')) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 120_000 }).map((n) => "长".repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean()).map(([depth, asObject]) => nested(depth, asObject)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const LOWEST_INT = -(2 ** 31);
const HIGHEST_INT = 2 ** 31 - 1;

/**
 * Text within the schema's length bounds: arbitrary, wide characters at the
 * longest allowed, emoji, blank-padded. Every branch fits by construction (a
 * filter that never passes would make fast-check search forever).
 */
function strangeButValidText(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 200, 5_000));
  const fits = (s: string) => s.length >= min && s.length <= max;
  const branches: fc.Arbitrary<string>[] = [fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 40)) }), fc.constant("名".repeat(max))];
  if (min <= 1) branches.push(fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 10) }).filter(fits));
  const pairs = Math.floor(max / 2);
  if (pairs * 2 >= min && pairs > 0) branches.push(fc.constant("😀".repeat(pairs)));
  const padded = [" 张三 ", "\u3000李四\u3000", "x", "王\u200b五"].filter(fits);
  if (padded.length > 0) branches.push(fc.constantFrom(...padded));
  return fc.oneof(...branches);
}

/** A value that fits `schema`, as strange as it allows. `name` is the property it is for. */
export function validValue(schema: JsonSchema, known: KnownValues = {}, name = ""): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => validValue(branch, known, name)));
  if (schema.allOf) return validValue(Object.assign({}, ...schema.allOf), known, name);
  const pool = known[name];
  const drawn = (arbitrary: fc.Arbitrary<unknown>) => (pool && pool.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary }) : arbitrary);
  switch (schema.type) {
    case "string":
      return drawn(validString(schema));
    case "integer": {
      const min = schema.minimum ?? LOWEST_INT;
      const max = schema.maximum ?? HIGHEST_INT;
      return drawn(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max)));
    }
    case "number": {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e9;
      const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e9;
      return drawn(
        fc
          .oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(min, max, 5e-324, 0.1, 99999.99))
          .filter((n) => n >= min && n <= max && (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum)),
      );
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = validValue(schema.items ?? {}, known, name);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)) };
      return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case "object":
    case undefined:
      if (!schema.properties) return schema.type === "object" ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
      return fc.record(
        Object.fromEntries(Object.entries(schema.properties).map(([key, child]) => [key, validValue(child, known, key)])),
        { requiredKeys: schema.required ?? [] },
      );
  }
  return fc.jsonValue({ maxDepth: 2 });
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const fits = (s: string) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "date":
      return fc.oneof(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom("0001-01-01", "9999-12-31", "2024-02-29"));
    case "date-time":
      return fc.oneof(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-03-02T09:00:00+08:00", "2026-03-02t09:00:00.123456z", "2099-12-31T23:59:59-23:59"),
      );
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern, "u")).filter(fits);
  return strangeButValidText(schema);
}

/**
 * Mostly what the schema asks for, with some values broken: each leaf now and
 * then replaced by a bad value, a required field dropped, an unknown one added.
 */
export function mixedValue(schema: JsonSchema, known: KnownValues = {}, name = ""): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => mixedValue(branch, known, name)), badValue);
  if (schema.type === "object" && schema.properties) {
    const keys = Object.keys(schema.properties);
    const record = fc.record(
      Object.fromEntries(keys.map((key) => [key, mixedValue(schema.properties![key], known, key)])),
      { requiredKeys: [] },
    );
    return fc.oneof(
      { weight: 6, arbitrary: record },
      { weight: 1, arbitrary: fc.tuple(record, fc.oneof(fc.constantFrom("colour", "__proto__", "constructor", "", "id\u0000"), fc.string({ maxLength: 8 })), badValue).map(([value, key, extra]) => ({ ...(value as object), [key]: extra })) },
      { weight: 1, arbitrary: badValue },
    );
  }
  if (schema.type === "array" && schema.items) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(mixedValue(schema.items, known, name), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 2_000 }).chain((n) => fc.constant(Array.from({ length: n }, (_, i) => `x${i}`))) },
      { weight: 1, arbitrary: badValue },
    );
  }
  return fc.oneof({ weight: 4, arbitrary: validValue(schema, known, name) }, { weight: 1, arbitrary: badValue });
}

/** A query-string or path value: text, since that is all a URL carries. */
export function textFor(schema: JsonSchema, known: KnownValues, name: string): fc.Arbitrary<string> {
  const asText = (value: unknown) => (typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value));
  return fc.oneof(
    { weight: 5, arbitrary: validValue(schema, known, name).map(asText) },
    { weight: 2, arbitrary: fc.oneof(unstorableText, fc.constantFrom(...STRANGE_TEXT)) },
    { weight: 1, arbitrary: fc.constantFrom("1e20", "-1", "1.5", "NaN", "Infinity", "00000000000000000000000001", "9".repeat(400), "true", "[]", "{}") },
  );
}

/**
 * Percent-encodes text as a sloppy client would: a lone surrogate becomes its
 * three "UTF-8" bytes (%ED%A0%80, which is not UTF-8), where encodeURIComponent
 * would throw.
 */
export function encodeLoosely(value: string): string {
  return value.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (char) => {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
      return hex(0xe0 | (code >> 12)) + hex(0x80 | ((code >> 6) & 0x3f)) + hex(0x80 | (code & 0x3f));
    }
    return encodeURIComponent(char);
  });
}

/** A URL part percent-encoded, or now and then left raw (bad escapes like %zz, a bare %, & and =). */
export const urlText = (value: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(encodeLoosely(value)) },
    { weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%ED%A0%80", "%00", "%C0%80", "%FF", "a&b=c", "%2F..%2F", "a%2", "%25", "..", ".") },
  );

/**
 * `value` with one leaf (string, number, boolean or null, the `index`-th modulo
 * their count) replaced by `bad`: a request that is right in every way but one,
 * so the one strange value reaches as far as it can (the database, if nothing stops it).
 */
export function withOneBadLeaf(value: unknown, index: number, bad: unknown): unknown {
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) node.forEach((child, i) => (child !== null && typeof child === "object" ? stack.push(child) : leaves.push({ parent: node, key: i })));
    else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) child !== null && typeof child === "object" ? stack.push(child) : leaves.push({ parent: node as Record<string, unknown>, key });
    }
  }
  if (leaves.length === 0) return bad;
  const { parent, key } = leaves[index % leaves.length];
  (parent as Record<string | number, unknown>)[key] = bad;
  return value;
}

/** Valid values of `schema` with exactly one leaf broken. */
export const oneBadLeaf = (schema: JsonSchema, known: KnownValues = {}) =>
  fc.tuple(validValue(schema, known), fc.nat(), badValue).map(([value, index, bad]) => withOneBadLeaf(structuredClone(value), index, bad));
