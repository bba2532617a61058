import { assertTop, compareIds } from './compare';
import { countedInteractions } from './interactions';
import type { Interaction, PeopleAttributes } from './types';

export interface Champion {
  person: string;
  adoptedOn: string;
  /** Distinct people interacted with, in either direction. */
  reach: number;
  /** Interactions (weighted by count) in either direction. */
  interactions: number;
}

export interface ChampionsOptions {
  /** Share of adopters counted as early, in [0, 1]; e.g. 0.16 = innovators + early adopters (Rogers). */
  earlyShare: number;
  /** Maximum number of champions returned. */
  top: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Early adopters with the widest reach: the people best placed to carry adoption further.
 *
 * Adopters are the people of `people` with an `adoptedOn` date. The early ones are the first
 * `earlyShare` of them by date; since the date is the only ordering there is, everyone who adopted
 * on the same day as the last person within the quota is early too (no arbitrary cut inside a day).
 * Ranking: reach, then interactions (descending), then earlier adoption, then id. Early adopters with
 * no counted interaction have no reach and are not returned. Self-interactions are ignored (see
 * `countedInteractions`).
 */
export function champions(
  interactions: Iterable<Interaction>,
  people: PeopleAttributes,
  options: ChampionsOptions,
): Champion[] {
  const { earlyShare, top } = options;
  if (!(earlyShare >= 0 && earlyShare <= 1))
    throw new RangeError(`earlyShare must be in [0, 1], got ${earlyShare}`);
  assertTop(top);

  const adoptionDates: string[] = [];
  for (const [person, attributes] of people) {
    const { adoptedOn } = attributes;
    if (adoptedOn === null) continue;
    if (!ISO_DATE.test(adoptedOn))
      throw new RangeError(`Person ${person} has an invalid adoptedOn: ${adoptedOn}`);
    adoptionDates.push(adoptedOn);
  }
  adoptionDates.sort(compareIds); // YYYY-MM-DD sorts chronologically as text
  // Quota of early adopters; the tolerance keeps e.g. 0.16 * 25 = 4.000000000000001 at 4.
  const quota = Math.ceil(earlyShare * adoptionDates.length - 1e-9);
  if (quota <= 0) return [];
  const lastEarlyDate = adoptionDates[quota - 1];

  // Only early adopters can be champions, so only their partners are collected.
  const early = new Set<string>();
  for (const [person, { adoptedOn }] of people) {
    if (adoptedOn !== null && adoptedOn <= lastEarlyDate) early.add(person);
  }
  const partners = new Map<string, Set<string>>();
  const volume = new Map<string, number>();
  const record = (person: string, partner: string, count: number) => {
    if (!early.has(person)) return;
    let set = partners.get(person);
    if (!set) {
      set = new Set();
      partners.set(person, set);
    }
    set.add(partner);
    volume.set(person, (volume.get(person) ?? 0) + count);
  };
  for (const { actor, target, count } of countedInteractions(interactions)) {
    record(actor, target, count);
    record(target, actor, count);
  }

  const candidates: Champion[] = [];
  for (const person of early) {
    const reach = partners.get(person)?.size ?? 0;
    if (reach === 0) continue;
    const adoptedOn = people.get(person)?.adoptedOn as string;
    candidates.push({ person, adoptedOn, reach, interactions: volume.get(person) ?? 0 });
  }

  return candidates
    .sort(
      (a, b) =>
        b.reach - a.reach ||
        b.interactions - a.interactions ||
        compareIds(a.adoptedOn, b.adoptedOn) ||
        compareIds(a.person, b.person),
    )
    .slice(0, top);
}
