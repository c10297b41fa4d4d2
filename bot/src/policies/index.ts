import { forbidden } from "../domain/errors";
import { type CommunityActor } from "./actor";
import { artifactPolicy } from "./artifact";
import { charterPolicy } from "./charter";
import { communityPolicy } from "./community";
import { dataRightsPolicy, insightsPolicy } from "./insights";
import { practicePolicy, promptPolicy } from "./practice";
import { buddyPolicy, followUpPolicy, sessionPolicy, swapPolicy } from "./session";

export { leads, type CommunityActor, type Identity } from "./actor";

const POLICIES = { community: communityPolicy, artifact: artifactPolicy, session: sessionPolicy, swap: swapPolicy, followUp: followUpPolicy, buddy: buddyPolicy, practice: practicePolicy, prompt: promptPolicy, charter: charterPolicy, insights: insightsPolicy, dataRights: dataRightsPolicy } as const;
type Policies = typeof POLICIES;

type Resource<E extends keyof Policies, A extends keyof Policies[E]> = Policies[E][A] extends (actor: CommunityActor, r: infer R) => boolean ? R : never;

/** True when `actor` may do `action` on `entity` (the tab uses the same answers to hide buttons). */
export function can<E extends keyof Policies, A extends keyof Policies[E] & string>(
  actor: CommunityActor,
  entity: E,
  action: A,
  resource?: Resource<E, A>,
): boolean {
  const rule = POLICIES[entity][action] as unknown as (actor: CommunityActor, r?: unknown) => boolean;
  return rule(actor, resource);
}

/** The one gate used by the API and the bot alike: throws 403 with what was refused. */
export function authorize<E extends keyof Policies, A extends keyof Policies[E] & string>(
  actor: CommunityActor,
  entity: E,
  action: A,
  resource?: Resource<E, A>,
  /** The refusal in words, when "do <action> this <entity>" would read badly. */
  refusal?: string,
): void {
  if (!can(actor, entity, action, resource)) {
    throw forbidden(refusal ?? `Your role (${actor.role}) does not allow you to ${action} this ${entity}.`);
  }
}
