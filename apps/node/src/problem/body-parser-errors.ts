import { NextFunction, Request, Response } from 'express';
import { MalformedJson } from './errors';

/**
 * Express error middleware placed right after the JSON body parser. Nest would turn the
 * parser's SyntaxError into a generic 400 carrying the parser's message; a typed error keeps
 * the problem type precise and the message free of the body's content.
 */
export function mapBodyParserErrors(error: { type?: string }, _request: Request, _response: Response, next: NextFunction): void {
  next(error?.type === 'entity.parse.failed' ? new MalformedJson() : error);
}
