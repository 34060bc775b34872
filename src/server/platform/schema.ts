import { Type } from "@sinclair/typebox";

/** A string that is one of `values`: an `enum` in JSON Schema and OpenAPI, a literal union in TypeScript. */
export const literalUnion = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: "string", enum: [...values], ...(description ? { description } : {}) });
