import { api, read, Result } from '../api/client';
import type { components, operations } from '../api/schema';

/**
 * The information requests' calls, with the bodies typed from the node's OpenAPI document
 * (schema.d.ts): the catalogue, the requests, their actions and documents (the directory's are in directory/api.ts).
 */

type Schemas = components['schemas'];

/** A request as the node shows it to one of its parties (the OpenAPI document's RequestView). */
export type RequestView = Schemas['RequestView'];
export type Attachment = Schemas['RequestAttachmentView'];
export type CatalogueSummary = Schemas['CatalogueSummary'];
export type Question = Schemas['LocalisedQuestionView'];
/** An authority as the directory search returns it, its name in the reader's language. */
export type Authority = Schemas['DirectoryResult'];
export type NewRequest = Schemas['CreateRequestDto'];
/** A request of an observed authority, as an observer or coordinator sees it: no person. */
export type ObservedRequest = Schemas['ObservedRequestView'];

export type RequestQuery = NonNullable<operations['RequestController_list']['parameters']['query']>;

/** The catalogue's legislative areas: the wizard's and the lists' choice, and what an authority can be registered for. */
export const catalogueSummary = () => read<CatalogueSummary>(api.GET('/catalogue'));
export const areaQuestions = (area: string) => read<Question[]>(api.GET('/catalogue/{area}', { params: { path: { area } } }));

export const listRequests = (query: RequestQuery) => read<Schemas['RequestPageView']>(api.GET('/requests', { params: { query } }));
export const createRequest = (body: NewRequest) => read<RequestView>(api.POST('/requests', { body }));

const path = (id: string) => ({ params: { path: { id } } });
export const observedRequests = () => read<Schemas['ObservedRequestsView']>(api.GET('/requests/observed'));
export const escalatedRequests = () => read<ObservedRequest[]>(api.GET('/requests/escalated'));
export const getRequest = (id: string) => read<RequestView>(api.GET('/requests/{id}', path(id)));
export const acceptRequest = (id: string) => read<RequestView>(api.POST('/requests/{id}/accept', path(id)));
export const rejectRequest = (id: string, reason: string) => read<RequestView>(api.POST('/requests/{id}/reject', { ...path(id), body: { reason } }));
export const answerRequest = (id: string, answers: { questionId: string; answer: string }[], final: boolean) =>
  read<RequestView>(api.POST('/requests/{id}/answer', { ...path(id), body: { answers, final } }));
export const acceptAnswer = (id: string) => read<RequestView>(api.POST('/requests/{id}/accept-answer', path(id)));
export const closeRequest = (id: string) => read<RequestView>(api.POST('/requests/{id}/close', path(id)));
export const forwardRequest = (id: string, toAuthorityId: string) =>
  read<RequestView>(api.POST('/requests/{id}/forward', { ...path(id), body: { toAuthorityId } }));
export const proposeReplyDate = (id: string, replyBy: string) =>
  read<RequestView>(api.POST('/requests/{id}/reply-date', { ...path(id), body: { replyBy } }));
export const respondToReplyDate = (id: string, agree: boolean) =>
  read<RequestView>(api.POST('/requests/{id}/reply-date/response', { ...path(id), body: { agree } }));
export const requestFurtherInformation = (id: string, note: string) =>
  read<RequestView>(api.POST('/requests/{id}/further-information', { ...path(id), body: note ? { note } : {} }));

/** The file is the raw body, its content type the file's own; the node checks both against its bytes. */
export const uploadAttachment = (id: string, file: File, concernsPerson: boolean): Promise<Result<Attachment>> =>
  read<Attachment>(api.POST('/requests/{id}/attachments', {
    params: { path: { id }, query: { fileName: file.name, concernsPerson: String(concernsPerson) } },
    body: file as never,
    bodySerializer: (body: unknown) => body as File,
    headers: { 'content-type': file.type },
  }));

/**
 * Fetches the document with the session's token (a plain link would carry none) and hands it
 * to the browser as a download; the object URL is revoked at once, so nothing stays behind.
 */
export async function downloadAttachment(id: string, attachment: Attachment): Promise<Result<null>> {
  const result = await read<Blob>(api.GET('/requests/{id}/attachments/{attachmentId}', {
    params: { path: { id, attachmentId: attachment.id } }, parseAs: 'blob',
  }));
  if (!result.ok) return result;
  const url = URL.createObjectURL(result.data);
  const link = document.createElement('a');
  link.href = url;
  link.download = attachment.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return { ok: true, data: null };
}
