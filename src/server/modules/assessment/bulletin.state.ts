import { AppError } from "../../platform/errors.ts";

/** A bulletin's lifecycle: drafted (and edited), reviewed, published. Editing is only for drafts. */
export const BULLETIN_STATES = ["draft", "reviewed", "published"] as const;
export type BulletinState = (typeof BULLETIN_STATES)[number];
export const BULLETIN_ACTIONS = ["edit", "review", "return", "publish"] as const;
export type BulletinAction = (typeof BULLETIN_ACTIONS)[number];

const NEXT: Record<BulletinState, Partial<Record<BulletinAction, BulletinState>>> = {
  draft: { edit: "draft", review: "reviewed" },
  // A reviewer who finds fault sends it back to draft for editing.
  reviewed: { return: "draft", publish: "published" },
  // Published is final: a correction is a new bulletin.
  published: {},
};

/** The state after `action`, or INVALID_TRANSITION (409). */
export function transitionBulletin(state: BulletinState, action: BulletinAction): BulletinState {
  const next = NEXT[state][action];
  if (!next) throw new AppError("INVALID_TRANSITION", `A ${state} bulletin cannot take the action ${action}`);
  return next;
}

export const canTransition = (state: BulletinState, action: BulletinAction) => NEXT[state][action] !== undefined;
