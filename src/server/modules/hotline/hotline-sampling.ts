import { createHash } from "node:crypto";

/**
 * Whether an answered call is sampled for review: a hash of the call's identity
 * put in one of 10 000 buckets, sampled below the share. The same call always
 * lands in the same bucket, so deriving it again never changes the answer, and
 * the buckets are even, so the share over many calls is the setting's.
 */
export function isSampled(callKey: string, sampleBasisPoints: number): boolean {
  const bucket = createHash("sha256").update(callKey).digest().readUInt32BE(0) % 10_000;
  return bucket < sampleBasisPoints;
}
