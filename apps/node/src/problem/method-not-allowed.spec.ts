import type { OpenAPIObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { allowedMethods, routeTable } from './method-not-allowed';

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/requests': { get: {}, post: {} },
    '/requests/urgent': { get: {} },
    '/requests/{id}': { get: {} },
    '/requests/{id}/attachments/{attachmentId}': { get: {} },
    '/users/{id}/roles': { post: {} },
  },
} as unknown as OpenAPIObject;

describe('the methods a documented path takes', () => {
  const routes = routeTable(document);

  it.each([
    ['/requests', ['GET', 'POST', 'HEAD']],
    ['/requests/', ['GET', 'POST', 'HEAD']],
    ['/requests/0b6f5c2e-1111-4222-8333-444455556666', ['GET', 'HEAD']],
    ['/requests/urgent', ['GET', 'HEAD']],
    ['/requests/a/attachments/b', ['GET', 'HEAD']],
    ['/users/x/roles', ['POST']],
  ])('%s takes %j', (path, methods) => {
    expect(allowedMethods(routes, path)?.sort()).toEqual([...methods].sort());
  });

  it.each(['/', '/app/requests', '/requests/a/b', '/users/x', '/requestsx', '/requests.json'])('%s is not a documented path', (path) => {
    expect(allowedMethods(routes, path)).toBeNull();
  });
});
