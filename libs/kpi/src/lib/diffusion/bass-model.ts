/**
 * The Bass diffusion model (Bass 1969). With p the coefficient of innovation (adoption driven by outside
 * influence), q the coefficient of imitation (adoption driven by earlier adopters) and m the market
 * potential, the cumulative number of adopters at time t (t = 0 at launch, where N(0) = 0) is
 *
 *   N(t) = m · (1 − e^{−(p+q)t}) / (1 + (q/p) · e^{−(p+q)t})
 *
 * p and q are rates per unit of t: fit in days and they are per day, fit in weeks and they are per week.
 */

/** Share F(t) = N(t) / m of the market that has adopted by t. Unchecked: callers guarantee p > 0. */
export function bassShare(t: number, p: number, q: number): number {
  const decay = Math.exp(-(p + q) * t);
  return (1 - decay) / (1 + (q / p) * decay);
}

function assertParameters(p: number, q: number, m: number): void {
  if (!(Number.isFinite(p) && p > 0)) throw new Error(`Bass model: p must be a finite number > 0, got ${p}`);
  if (!(Number.isFinite(q) && q >= 0))
    throw new Error(`Bass model: q must be a finite number >= 0, got ${q}`);
  if (!(Number.isFinite(m) && m >= 0))
    throw new Error(`Bass model: m must be a finite number >= 0, got ${m}`);
}

/** Cumulative adopters N(t). */
export function bassCumulative(t: number, p: number, q: number, m: number): number {
  assertParameters(p, q, m);
  return m * bassShare(t, p, q);
}

/** Adoption rate dN/dt = m · ((p+q)²/p) · e^{−(p+q)t} / (1 + (q/p) · e^{−(p+q)t})², adopters per unit of t. */
export function bassAdoptionRate(t: number, p: number, q: number, m: number): number {
  assertParameters(p, q, m);
  const decay = Math.exp(-(p + q) * t);
  const denominator = 1 + (q / p) * decay;
  return (m * ((p + q) ** 2 / p) * decay) / (denominator * denominator);
}

/**
 * Inverse of the cumulative curve: the t at which N(t) = target, solving F = target / m for t:
 * F·(1 + (q/p)·E) = 1 − E  ⇒  E = (1 − F) / (1 + (q/p)·F)  ⇒  t = ln((1 + (q/p)·F) / (1 − F)) / (p + q).
 * Returns null when the target is never reached (target ≥ m: the curve only approaches m asymptotically).
 */
export function bassTimeToReach(target: number, p: number, q: number, m: number): number | null {
  assertParameters(p, q, m);
  if (!Number.isFinite(target)) throw new Error(`Bass model: target must be a finite number, got ${target}`);
  if (target <= 0) return 0;
  if (target >= m) return null;
  const share = target / m;
  return Math.log((1 + (q / p) * share) / (1 - share)) / (p + q);
}

/**
 * Partial derivatives of N(t) with respect to (p, q, m), used as the analytical Jacobian of the fit.
 * With E = e^{−(p+q)t}, r = q/p and F = (1 − E)/(1 + rE):
 *   ∂F = [−∂E·(1 + r) − (1 − E)·E·∂r] / (1 + rE)², with ∂E/∂p = ∂E/∂q = −tE, ∂r/∂p = −q/p², ∂r/∂q = 1/p.
 */
export function bassGradient(t: number, p: number, q: number, m: number): [number, number, number] {
  const decay = Math.exp(-(p + q) * t);
  const ratio = q / p;
  const denominator = (1 + ratio * decay) ** 2;
  const common = t * decay * (1 + ratio);
  const cross = (1 - decay) * decay;
  const share = (1 - decay) / (1 + ratio * decay);
  return [
    (m * (common + (cross * q) / (p * p))) / denominator,
    (m * (common - cross / p)) / denominator,
    share,
  ];
}
