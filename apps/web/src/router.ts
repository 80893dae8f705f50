import { useSyncExternalStore } from 'react';

/**
 * A small history router for a handful of screens under the base path /app/ (the node serves
 * index.html for every path below it). Paths carry ids only, never personal data.
 */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

const currentPath = () => window.location.pathname.slice(BASE.length) || '/';

export function navigate(path: string): void {
  window.history.pushState(null, '', BASE + path);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

export const href = (path: string): string => BASE + path;

export function usePath(): string {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, currentPath);
}

export type Route = { screen: 'work-list' } | { screen: 'requests' } | { screen: 'request'; id: string } | { screen: 'not-found' };

export function routeOf(path: string): Route {
  if (path === '/' || path === '') return { screen: 'work-list' };
  if (path === '/requests' || path === '/requests/') return { screen: 'requests' };
  const request = /^\/requests\/([0-9a-f-]{36})$/.exec(path);
  if (request) return { screen: 'request', id: request[1] };
  return { screen: 'not-found' };
}
