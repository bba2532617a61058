// Pure: schedules in an organisation's zone, dedup keys, alert conditions, the string catalogue, composers.
export * from './lib/schedule';
export * from './lib/dedup-keys';
export * from './lib/alert-conditions';
export * from './lib/catalogue';
export * from './lib/digest-data';
export * from './lib/digest-composer';
export * from './lib/alert-composer';
// I/O: what digests read (through the KPI reports), and the two ways out (SMTP or outbox, webhooks).
export * from './lib/digest-loader';
export * from './lib/mail-transport';
export * from './lib/webhook-sender';
export * from './lib/member-settings';
