export * from './trace-context';
export * from './tracing';
export * from './tracing.module';
export * from './message-spans';
export * from './http-trace.interceptor';
