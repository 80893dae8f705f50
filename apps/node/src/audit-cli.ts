import { Database } from '@imi/persistence';
import { AuditLog } from './privacy/audit-log';

/**
 * `npm run audit:verify` (DATABASE_URL of a node): checks the node's hash-chained audit log and
 * exits non-zero at the first changed or removed entry.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to the node database');
  const db = Database.connect(url, 1);
  try {
    const result = await new AuditLog(db).verify();
    console.log(JSON.stringify(result));
    if (result.firstBreak) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(`audit verification failed: ${error.message}`);
  process.exit(2);
});
