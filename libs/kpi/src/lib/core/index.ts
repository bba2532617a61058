export * from './activity-bits';
export * from './activity-definition';
export * from './daily-activity';
export * from './members';
export * from './periods';
export * from './person-days';
export * from './person-month';
export { disclosureOfScope, toPopulation, type Population } from './population';
export * from './rollups';
