import type { Tx } from "../../../platform/db/index.ts";
import { presentSealed, type Protector } from "../../../platform/personal/protect.ts";
import { maskIdNumber, maskPhone } from "../../../platform/personal/identity.ts";
import type { CitizenActor } from "../../../policies/actor.ts";
import { notFound } from "../../../platform/errors.ts";
import { findRegionRefsCached } from "../../regions/queries/cached-regions.ts";
import { citizenPolicy } from "../citizens.policy.ts";
import type { CitizenProfile } from "../citizens.types.ts";
import { getCitizen } from "./load-citizen.ts";

/**
 * The citizen's own profile. Phone and ID number are masked even to the citizen
 * themself: a portal session often lives on a shared device (a family phone, a
 * WeChat browser left signed in), and the citizen knows both numbers anyway; the
 * form changes the ID number by typing it again.
 */
export async function presentCitizenProfile(tx: Tx, actor: CitizenActor, protector: Protector): Promise<CitizenProfile> {
  citizenPolicy.authorize(actor, "read", { id: actor.id });
  const citizen = await getCitizen(tx, actor.id);
  if (!citizen) throw notFound("Citizen");
  const regions = await findRegionRefsCached(tx, [citizen.regionCode]);
  const region = citizen.regionCode ? regions.get(citizen.regionCode) : undefined;
  return {
    kind: "citizen",
    id: citizen.id,
    phone: presentSealed(protector, citizen.phoneEnc, maskPhone) ?? "",
    name: presentSealed(protector, citizen.nameEnc, (name) => name),
    idNumber: presentSealed(protector, citizen.idNumberEnc, maskIdNumber),
    region: region ? { code: region.code, name: region.name, level: region.level } : null,
    preferredLanguage: citizen.preferredLanguage,
    lastSignInAt: citizen.lastSignInAt?.toISOString() ?? null,
  };
}
