import { api, read } from '../api/client';
import type { components, operations } from '../api/schema';

/** The alert endpoints' calls, typed from the node's OpenAPI document (schema.d.ts). */
export type AlertView = components['schemas']['AlertView'];
export type AlertPage = components['schemas']['AlertPageView'];
export type AlertRecipient = components['schemas']['AlertRecipientView'];
export type AlertKind = AlertView['kind'];
export type AlertState = AlertView['state'];
export type AlertFilter = NonNullable<operations['AlertController_list']['parameters']['query']>;
export type SendAlertBody = components['schemas']['SendAlertDto'];

export const ALERT_KINDS: AlertKind[] = ['professional-qualifications-alert', 'services-alert', 'notification'];
export const ALERT_STATES: AlertState[] = ['open', 'withdrawn', 'closed'];
/** An alert's kind fixes its area (libs/domain ALERT_AREA); a notification names its own. */
export const ALERT_AREA: Partial<Record<AlertKind, string>> = { 'services-alert': 'services', 'professional-qualifications-alert': 'professional-qualifications' };

const onAlert = (id: string) => ({ params: { path: { id } } });

export const listAlerts = (filter: AlertFilter) => read<AlertPage>(api.GET('/alerts', { params: { query: filter } }));
export const getAlert = (id: string) => read<AlertView>(api.GET('/alerts/{id}', onAlert(id)));
export const sendAlert = (body: SendAlertBody) => read<AlertView>(api.POST('/alerts', { body }));
export const markRead = (id: string) => read<AlertView>(api.POST('/alerts/{id}/read', onAlert(id)));
export const acknowledgeAlert = (id: string) => read<AlertView>(api.POST('/alerts/{id}/acknowledge', onAlert(id)));
export const distributeAlert = (id: string, authorityIds: string[]) => read<AlertView>(api.POST('/alerts/{id}/distribute', { ...onAlert(id), body: { authorityIds } }));
export const rectifyAlert = (id: string, content: Record<string, unknown>) => read<AlertView>(api.POST('/alerts/{id}/rectify', { ...onAlert(id), body: { content } }));
export const withdrawAlert = (id: string, reason: string) => read<AlertView>(api.POST('/alerts/{id}/withdraw', { ...onAlert(id), body: { reason } }));
export const closeAlert = (id: string) => read<AlertView>(api.POST('/alerts/{id}/close', onAlert(id)));
export const recordLaterDecision = (id: string, decisionDate: string) => read<AlertView>(api.POST('/alerts/{id}/later-decision', { ...onAlert(id), body: { decisionDate } }));
