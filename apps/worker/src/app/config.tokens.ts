export const UPTAKE_CONFIG = Symbol('UPTAKE_CONFIG');
