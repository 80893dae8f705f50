export * from './database';
export * from './migrations';
export * from './prepared';
export * from './transaction';
export * from './transaction-scope';
export * from './conditions';
export * from './keyset';
