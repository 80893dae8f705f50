import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import { HttpMetrics, methodLabel, routeTemplate } from './http-metrics';

describe('route template', () => {
  it('is the matched route\'s template with its mount, never the raw path', () => {
    expect(routeTemplate({ route: { path: '/requests/:id' }, baseUrl: '', path: '/requests/6f1c2a8e-1b7a-4f0e-9a57-4b8e0d1c2f3a' })).toBe('/requests/:id');
    expect(routeTemplate({ route: { path: '/:id' }, baseUrl: '/alerts', path: '/x' })).toBe('/alerts/:id');
  });

  it('is a static prefix for files served without a route, and unmatched otherwise', () => {
    expect(routeTemplate({ path: '/app/assets/index-abc.js' }, { staticPrefixes: ['/app/'] })).toBe('/app/*');
    expect(routeTemplate({ path: '/requests/Testperson-Lefèvre' }, { staticPrefixes: ['/app/'] })).toBe('unmatched');
    expect(routeTemplate({ route: { path: /regex/ }, path: '/x' })).toBe('unmatched');
  });

  it('names only standard methods', () => {
    expect(methodLabel('PATCH')).toBe('PATCH');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
  });
});

describe('HTTP metrics middleware', () => {
  function exchange(request: object, status: number, event: 'finish' | 'close') {
    const response = Object.assign(new EventEmitter(), { statusCode: status, writableFinished: event === 'finish' });
    return { request: { method: 'GET', ...request }, response, end: () => { response.emit(event); if (event === 'finish') response.emit('close'); } };
  }

  it('counts each answer once, by route template and status code, and a client gone before the answer as 499', async () => {
    const registry = new Registry();
    const http = new HttpMetrics(registry);
    const calls = [
      exchange({ route: { path: '/requests/:id' }, baseUrl: '', path: '/requests/1' }, 200, 'finish'),
      exchange({ route: { path: '/requests/:id' }, baseUrl: '', path: '/requests/2' }, 404, 'finish'),
      exchange({ path: '/nowhere/Testperson' }, 404, 'finish'),
      exchange({ route: { path: '/requests' }, baseUrl: '', path: '/requests' }, 200, 'close'),
    ];
    for (const call of calls) {
      const next = jest.fn();
      http.middleware(call.request as never, call.response as never, next);
      expect(next).toHaveBeenCalled();
      call.end();
    }
    const text = await registry.metrics();
    expect(text).toContain('imi_http_requests_total{method="GET",route="/requests/:id",code="200"} 1');
    expect(text).toContain('imi_http_requests_total{method="GET",route="/requests/:id",code="404"} 1');
    expect(text).toContain('imi_http_requests_total{method="GET",route="unmatched",code="404"} 1');
    expect(text).toContain('imi_http_requests_total{method="GET",route="/requests",code="499"} 1');
    expect(text).toContain('imi_http_request_duration_seconds_count{method="GET",route="/requests/:id",code="200"} 1');
    expect(text).not.toMatch(/Testperson|\/requests\/1"/);
  });
});
