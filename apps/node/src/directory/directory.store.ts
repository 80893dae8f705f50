import { Injectable } from '@nestjs/common';
import { DirectoryDocument, DirectoryEntry, DirectoryHit, DirectoryIndex, DirectoryQuery } from '@imi/domain';
import { Database } from '@imi/persistence';

/**
 * The directory of every member state's authorities as the hub last broadcast it: one
 * document per state in the node's database, one search index over all of them in memory.
 */
@Injectable()
export class DirectoryStore {
  private readonly documents = new Map<string, DirectoryDocument>();
  /** Built on the first search after a change: a start-up receiving thirty parts builds it once. */
  private index: DirectoryIndex | null = null;

  constructor(private readonly db: Database) {}

  async loadCached(): Promise<void> {
    const rows = await this.db.query<{ node: string; version: string; entries: DirectoryEntry[] }>('SELECT node, version, entries FROM directory_documents');
    for (const row of rows) this.documents.set(row.node, { node: row.node, version: Number(row.version), issuedAt: '', entries: row.entries });
    this.index = null;
  }

  /** Keeps a newer part of the directory; an older or equal version (a replay) is ignored. */
  async offer(document: DirectoryDocument): Promise<boolean> {
    if (!/^[A-Z]{2}$/.test(document.node) || !Array.isArray(document.entries)) return false;
    if (document.version <= (this.documents.get(document.node)?.version ?? 0)) return false;
    // Only the state's own authorities count in its part, whatever the document says.
    const entries = document.entries.filter((e) => e.node === document.node);
    await this.db.query(
      `INSERT INTO directory_documents (node, version, entries) VALUES ($1, $2, $3)
       ON CONFLICT (node) DO UPDATE SET version = EXCLUDED.version, entries = EXCLUDED.entries, received_at = now()
       WHERE directory_documents.version < EXCLUDED.version`,
      [document.node, document.version, JSON.stringify(entries)],
    );
    this.documents.set(document.node, { ...document, entries });
    this.index = null;
    return true;
  }

  /** An authority's entry as its member state's part of the directory has it. */
  entry(id: string): DirectoryEntry | undefined {
    return this.documents.get(id.slice(0, 2))?.entries.find((e) => e.id === id);
  }

  search(query: DirectoryQuery): DirectoryHit[] {
    return this.current().search(query);
  }

  get size(): number {
    return this.current().size;
  }

  private current(): DirectoryIndex {
    return (this.index ??= new DirectoryIndex([...this.documents.values()].flatMap((d) => d.entries)));
  }
}
