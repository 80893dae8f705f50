export * from './redaction';
export * from './process-logger';
export * from './nest-logger';
export * from './message-fields';
