export * from './adopter-categories';
export { bassAdoptionRate, bassCumulative, bassTimeToReach } from './bass-model';
export {
  type BassFit,
  type BassFitOptions,
  type CumulativeAdoptionPoint,
  DEFAULT_MAX_MARKET_MULTIPLE,
  MIN_BASS_POINTS,
  fitBass,
  observedAdopters,
} from './fit-bass';
export * from './forecast-target';
export * from './diffusion-query';
export * from './diffusion-report';
