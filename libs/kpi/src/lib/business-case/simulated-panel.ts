import { addDays, weekStart } from '../core/periods';
import { seededRandom } from '../core/seeded-random';
import type { PanelRow } from './difference-in-differences';

/**
 * A simulated person × week panel with a known effect, for the statistical tests of the estimator (and a
 * demo that needs a true, recoverable effect):
 *
 *   value(i, t) = baseline + groupOffset·treated + person(i) + week(t) + trend·treated·t
 *                 + effect(i)·treated·post(t) + noise(i, t)
 *
 * person(i) ~ N(0, personSd) (people differ in level), week(t) ~ N(0, weekShockSd) shared by everyone
 * (holidays, quarter ends), effect(i) ~ N(effect, effectSd) (people respond differently), noise ~
 * N(0, noiseSd). `trend` makes the treated group drift away from the comparison week after week, before and
 * after the start: the violation of parallel trends the check must flag.
 */
export interface PanelSimulation {
  peoplePerGroup: number;
  preWeeks: number;
  postWeeks: number;
  /** Monday of the first post week. */
  phaseStart: string;
  effect: number;
  effectSd?: number;
  baseline: number;
  groupOffset?: number;
  personSd: number;
  weekShockSd: number;
  noiseSd: number;
  trend?: number;
  /** Share of person-weeks missing at random (people on leave, reports that skipped them). */
  missingShare?: number;
  seed: number;
}

// Bound once: global look-ups are slow inside Jest's VM context, and the simulations draw millions.
const { cos, log, PI, sin, sqrt } = Math;

/**
 * Standard normal draws (Box–Muller) from a uniform generator; each pair of uniforms gives two draws, the
 * second kept for the next call.
 */
export function normalFrom(random: () => number): () => number {
  let spare = NaN;
  return () => {
    if (spare === spare) {
      const value = spare;
      spare = NaN;
      return value;
    }
    const radius = sqrt(-2 * log(1 - random()));
    const angle = 2 * PI * random();
    spare = radius * sin(angle);
    return radius * cos(angle);
  };
}

export function simulatePanel(simulation: PanelSimulation): PanelRow[] {
  const random = seededRandom(simulation.seed);
  const normal = normalFrom(random);
  const weeks = simulation.preWeeks + simulation.postWeeks;
  const first = addDays(weekStart(simulation.phaseStart), -7 * simulation.preWeeks);
  const mondays = Array.from({ length: weeks }, (_, t) => addDays(first, 7 * t));
  const shocks = Array.from({ length: weeks }, () => normal() * simulation.weekShockSd);
  const rows: PanelRow[] = [];
  for (const group of ['treated', 'comparison'] as const) {
    const treated = group === 'treated' ? 1 : 0;
    for (let i = 0; i < simulation.peoplePerGroup; i++) {
      const level =
        simulation.baseline + treated * (simulation.groupOffset ?? 0) + normal() * simulation.personSd;
      const effect = simulation.effect + normal() * (simulation.effectSd ?? 0);
      for (let t = 0; t < weeks; t++) {
        const noise = normal() * simulation.noiseSd;
        if (random() < (simulation.missingShare ?? 0)) continue;
        const post = t >= simulation.preWeeks ? 1 : 0;
        rows.push({
          person: `${group[0]}${i}`,
          group,
          week: mondays[t],
          value: level + shocks[t] + treated * ((simulation.trend ?? 0) * t + post * effect) + noise,
        });
      }
    }
  }
  return rows;
}
