import {
  BEHAVIOUR_PERSONAS,
  type BehaviourPersona,
  type PersonaShares,
  type SuppressionReason,
} from '@uptake/contracts';
import { complementaryHidden, type DisclosureRule } from '../disclosure/cell-key';
import { isSuppressed, suppressionReason } from '../disclosure/suppression';
import { personaOfBehaviour } from '../personas/behaviour-personas';

/** What one active person of a community did in it over the range (see communities-data.ts). */
export interface CommunityPersonTotals {
  /** Threads (posts, questions) they started in the community. */
  threads: number;
  /** Of those, the ones someone else answered: the responses they received. */
  answeredThreads: number;
  /** Replies and answers they gave in the community. */
  replies: number;
}

/**
 * The behaviour persona of people-dynamics.ts (first matching rule wins), restricted to one community. What a
 * person "received" is the answers by others to their threads there: reactions are not attributed to a
 * community in the rollups (interaction_daily has no group), so an engager here is someone who replies and
 * whose own threads get answered.
 */
export function communityPersonaOf(totals: CommunityPersonTotals): BehaviourPersona {
  return personaOfBehaviour({ ...totals, received: totals.answeredThreads });
}

/**
 * Shares of the community's active people per persona. The five add up to all active people, so one
 * withheld persona could be recovered from the others: complementary suppression withholds more until the
 * withheld personas hold at least k people. Every share is null when the active people are 1..k-1.
 */
export function communityPersonaShares(
  people: readonly CommunityPersonTotals[],
  rule: DisclosureRule,
): { personas: PersonaShares; suppressed?: SuppressionReason } {
  const counts = new Map<BehaviourPersona, number>(BEHAVIOUR_PERSONAS.map((persona) => [persona, 0]));
  for (const person of people) {
    const persona = communityPersonaOf(person);
    counts.set(persona, (counts.get(persona) ?? 0) + 1);
  }
  const all = people.length;
  const values = BEHAVIOUR_PERSONAS.map((persona) => counts.get(persona) ?? 0);
  const everythingHidden = isSuppressed(all, rule);
  const hidden = everythingHidden ? values.map(() => true) : complementaryHidden(values, rule);
  const personas = Object.fromEntries(
    BEHAVIOUR_PERSONAS.map((persona, index) => [
      persona,
      hidden[index] || all === 0 ? null : values[index] / all,
    ]),
  ) as PersonaShares;
  return hidden.some(Boolean) && all > 0 ? { personas, suppressed: suppressionReason(rule) } : { personas };
}
