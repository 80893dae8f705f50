export * from './labels';
export * from './exposition';
export * from './http-metrics';
export * from './consumer-lag';
export * from './common-metrics';
export * from './hub-metrics';
export * from './node-metrics';
export * from './dashboard';
