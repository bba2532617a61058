import { assertTop, compareIds } from './compare';
import { numberNetwork, type NumberedNetwork } from './numbered-network';
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
  return championsOf(numberNetwork(interactions, people), options);
}

/** `champions` on an already numbered network (its attribute map's people are the candidates). */
export function championsOf(network: NumberedNetwork, options: ChampionsOptions): Champion[] {
  const { earlyShare, top } = options;
  if (!(earlyShare >= 0 && earlyShare <= 1))
    throw new RangeError(`earlyShare must be in [0, 1], got ${earlyShare}`);
  assertTop(top);

  const adoptionDates: string[] = [];
  for (let person = 0; person < network.known; person++) {
    const adoptedOn = network.attributes[person]?.adoptedOn ?? null;
    if (adoptedOn === null) continue;
    if (!ISO_DATE.test(adoptedOn))
      throw new RangeError(`Person ${network.ids[person]} has an invalid adoptedOn: ${adoptedOn}`);
    adoptionDates.push(adoptedOn);
  }
  adoptionDates.sort(compareIds); // YYYY-MM-DD sorts chronologically as text
  // Quota of early adopters; the tolerance keeps e.g. 0.16 * 25 = 4.000000000000001 at 4.
  const quota = Math.ceil(earlyShare * adoptionDates.length - 1e-9);
  if (quota <= 0) return [];
  const lastEarlyDate = adoptionDates[quota - 1];

  // Only early adopters can be champions, so only their partners are collected (one numeric key per
  // early adopter and partner: early · people + partner, exact below 2^53).
  const numbers = network.ids.length;
  const early = new Uint8Array(numbers);
  for (let person = 0; person < network.known; person++) {
    const adoptedOn = network.attributes[person]?.adoptedOn ?? null;
    if (adoptedOn !== null && adoptedOn <= lastEarlyDate) early[person] = 1;
  }
  const partners = new Set<number>();
  const reach = new Int32Array(numbers);
  const volume = new Float64Array(numbers);
  const record = (person: number, partner: number, count: number) => {
    if (!early[person]) return;
    const key = person * numbers + partner;
    if (!partners.has(key)) {
      partners.add(key);
      reach[person]++;
    }
    volume[person] += count;
  };
  const { actors, targets, counts } = network;
  for (let i = 0; i < counts.length; i++) {
    record(actors[i], targets[i], counts[i]);
    record(targets[i], actors[i], counts[i]);
  }

  const candidates: Champion[] = [];
  for (let person = 0; person < network.known; person++) {
    if (!early[person] || reach[person] === 0) continue;
    candidates.push({
      person: network.ids[person],
      adoptedOn: network.attributes[person]?.adoptedOn as string,
      reach: reach[person],
      interactions: volume[person],
    });
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
