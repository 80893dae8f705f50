import { findQuestion, localise, localiseAnswer, preferredLanguage, QuestionCatalogue } from '@imi/domain';
import { RequestView } from './request.dto';

/**
 * Shows a request's questions and structured answers in the reader's language: the request
 * carries question ids only, and each node renders them from its copy of the catalogue.
 */
export function localiseView(view: RequestView, catalogue: QuestionCatalogue, language: string | undefined): RequestView {
  const area = view.legislativeArea;
  const known = (questionId: string) => catalogue.areas[area]?.some((q) => q.id === questionId) ?? false;
  const reader = preferredLanguage(language, catalogue.languages) ?? 'en';
  return {
    ...view,
    // A question dropped from a later catalogue version keeps its id, without text.
    questions: view.questions.map((q) => ({ ...q, question: known(q.questionId) ? localise(catalogue, area, q.questionId, language) : null })),
    answers: view.answers?.map((a) => {
      if (!known(a.questionId)) return a;
      try {
        return { ...a, ...localiseAnswer(findQuestion(catalogue, area, a.questionId), a.answer, reader) };
      } catch {
        return a; // stored under an older catalogue whose rules differ: shown as given
      }
    }),
  };
}
