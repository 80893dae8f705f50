export * from './errors';
export * from './request.machine';
export * from './urgency';
export * from './minimisation';
export * from './attachments';
export * from './catalogue';
export * from './alert';
