import { api, LocalisedQuestion, Page, read, RequestView as CoreRequestView, Result } from '../api/client';
import type { operations } from '../api/schema';

/**
 * The information requests' calls beyond the first slice's (client.ts): the catalogue, the
 * directory, creating a request, its attachments and the remaining workflow actions.
 */

/** A request as its page shows it: the core view and the further-information notes. */
export interface RequestView extends CoreRequestView {
  furtherInformation?: { note: string | null; requestedAt: string }[];
}

export type Attachment = RequestView['attachments'][number];

export interface CatalogueSummary {
  version: number;
  languages: string[];
  areas: string[];
}

/** An authority as the directory search returns it, its name in the reader's language. */
export interface Authority {
  id: string;
  node: string;
  name: string;
  legislativeAreas: string[];
  address: { street: string | null; postalCode: string | null; city: string; country: string } | null;
  region: string | null;
}

export type RequestQuery = NonNullable<operations['RequestController_list']['parameters']['query']>;

export interface NewRequest {
  addresseeAuthorityId: string;
  legislativeArea: string;
  replyBy: string;
  questions: { questionId: string; freeText?: string }[];
  subject: { familyName: string; givenNames: string; dateOfBirth?: string; registerNumber?: string; nationalId?: string; nationalIdJustification?: string };
  confidential?: boolean;
  sensitiveReason?: string;
}

export const catalogueSummary = () => read<CatalogueSummary>(api.GET('/catalogue'));
export const areaQuestions = (area: string) => read<LocalisedQuestion[]>(api.GET('/catalogue/{area}', { params: { path: { area } } }));

/** Every member state's authorities registered for the area, by words of a name, place or keyword. */
export const searchDirectory = (q: string, legislativeArea: string) =>
  read<Authority[]>(api.GET('/directory', { params: { query: { q, legislativeArea } as never } }));

export const listRequests = (query: RequestQuery) => read<Page<RequestView>>(api.GET('/requests', { params: { query } }));
export const createRequest = (body: NewRequest) => read<RequestView>(api.POST('/requests', { body }));

const path = (id: string) => ({ params: { path: { id } } });
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
