import { useSyncExternalStore } from 'react';
import { ROUTES } from './features';
import type { ScreenRoute } from './ui/feature';

/**
 * A small history router for the screens the features declare (features.ts) under the base path /app/ (the node serves
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

export interface Matched {
  route: ScreenRoute;
  params: Record<string, string>;
}

/** The screen of a path below /app/, or null: the not-found page. */
export function routeOf(path: string): Matched | null {
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return null;
}
