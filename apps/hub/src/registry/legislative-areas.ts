import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface LegislativeArea {
  id: string;
  name: string;
  blockAfterMonths: number;
  deleteAfterMonths: number;
  commissionIsParty: boolean;
}

/** Reads `config/legislative-areas.json`: areas are configuration, not code. */
export function loadLegislativeAreas(start = __dirname): LegislativeArea[] {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'config', 'legislative-areas.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { areas: LegislativeArea[] }).areas;
  }
  throw new Error(`no config/legislative-areas.json above ${start}`);
}
