import type { ParticipationReport, Persona } from '@uptake/contracts';
import {
  complementaryHidden,
  PeopleCell,
  type DisclosureRule,
  type PeopleCount,
} from '../disclosure/cell-key';
import { isSuppressed, protect, suppressionReason } from '../disclosure/suppression';
import type { PersonTotals } from '../core/person-days';

/** The strongest behaviour a person showed: starting > responding > reacting > only looking. */
export function personaOf(totals: PersonTotals): Persona {
  if (totals.creations > 0) return 'creator';
  if (totals.responses > 0) return 'responder';
  if (totals.reactions > 0) return 'reactor';
  return 'observer';
}

export function personaCells(): Record<Persona, PeopleCell> {
  return {
    creator: new PeopleCell(),
    responder: new PeopleCell(),
    reactor: new PeopleCell(),
    observer: new PeopleCell(),
  };
}

const PERSONAS = ['creator', 'responder', 'reactor', 'observer'] as const;

/**
 * The participation summary from persona cells and the event totals of the active people (any order):
 * shared by the computation over person-days and the one over the monthly rollup. The personas add up to
 * the active people, so they get complementary suppression.
 */
export function participationSummaryOf(
  personas: Record<Persona, PeopleCount>,
  volumes: { key: number; events: number }[],
  rule: DisclosureRule,
): Pick<ParticipationReport, 'personas' | 'concentration' | 'suppressed'> {
  const byVolume = volumes.map((volume) => volume.events).sort((a, b) => b - a);
  const all = byVolume.reduce((sum, events) => sum + events, 0);
  // The top x% is at least one person; a share that rests on fewer than k people is withheld.
  const topShare = (fraction: number): number | null => {
    const people = Math.ceil(byVolume.length * fraction);
    if (people === 0 || isSuppressed(people, rule) || all === 0) return null;
    return byVolume.slice(0, people).reduce((sum, events) => sum + events, 0) / all;
  };
  const hidden = complementaryHidden(
    PERSONAS.map((persona) => personas[persona].count),
    rule,
  );
  const protectedPersonas = Object.fromEntries(
    PERSONAS.map((persona, index) => [persona, hidden[index] ? null : protect(personas[persona], rule)]),
  ) as Record<Persona, number | null>;
  const activePeople = new PeopleCell();
  for (const volume of volumes) activePeople.add(volume.key);
  const anyHidden = hidden.some(Boolean) || topShare(0.01) === null || topShare(0.1) === null;
  return {
    personas: protectedPersonas,
    concentration: {
      top1Percent: topShare(0.01),
      top10Percent: topShare(0.1),
      activePeople: protect(activePeople, rule),
    },
    ...(anyHidden && byVolume.length > 0 ? { suppressed: suppressionReason(rule) } : {}),
  };
}
