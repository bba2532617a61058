export * from './slack-channel';
export * from './slack-message';
export * from './slack-people';
export * from './slack-subtypes';
export * from './slack-timestamp';
