export * from './baseline';
export * from './business-value';
export * from './difference-in-differences';
export * from './matching';
export * from './panels';
export * from './parallel-trends';
export * from './statistics';
export * from './usage-panel';
