export * from './topics';
export * from './kafka';
export * from './outbox';
export * from './inbox';
export * from './broadcast';
