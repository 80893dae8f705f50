export * from './topics';
export * from './kafka';
export * from './kafka-access';
export * from './outbox';
export * from './inbox';
export * from './broadcast';
export * from './consumer-supervisor';
