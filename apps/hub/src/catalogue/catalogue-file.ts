import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCatalogue, QuestionCatalogue } from '@imi/domain';

/** Reads and checks `config/question-catalogue.json` (or the file given): the catalogue is configuration. */
export function loadQuestionCatalogue(file = process.env.QUESTION_CATALOGUE_FILE, start = __dirname): QuestionCatalogue {
  if (file) return parseCatalogue(JSON.parse(readFileSync(file, 'utf8')));
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'config', 'question-catalogue.json');
    if (existsSync(candidate)) return parseCatalogue(JSON.parse(readFileSync(candidate, 'utf8')));
  }
  throw new Error(`no config/question-catalogue.json above ${start}`);
}
