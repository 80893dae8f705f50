// swc compiles TypeScript only; the SQL migrations travel next to the compiled apps.
import { cpSync, existsSync } from 'node:fs';
for (const app of ['hub', 'node']) {
  const from = `apps/${app}/migrations`;
  if (existsSync(from)) cpSync(from, `dist/apps/${app}/migrations`, { recursive: true });
}
