import { Injectable } from '@nestjs/common';
import { parseCatalogue, QuestionCatalogue } from '@imi/domain';
import { Database } from '@imi/persistence';
import { ServiceUnavailable } from '../problem/errors';

/** The newest question catalogue this node has verified, in memory and in its database. */
@Injectable()
export class CatalogueStore {
  private catalogue: QuestionCatalogue | null = null;

  constructor(private readonly db: Database) {}

  get version(): number {
    return this.catalogue?.version ?? 0;
  }

  /** The catalogue in force; requests cannot be checked without one. */
  current(): QuestionCatalogue {
    if (!this.catalogue) throw new ServiceUnavailable('no question catalogue received from the hub yet');
    return this.catalogue;
  }

  /** Loads the cached catalogue; false when this node never received one. */
  async loadCached(): Promise<boolean> {
    const [row] = await this.db.query<{ document: unknown }>('SELECT document FROM question_catalogues ORDER BY version DESC LIMIT 1');
    if (row) this.catalogue = parseCatalogue(row.document);
    return row !== undefined;
  }

  /** Keeps a newer catalogue; an older or equal version (a replay) is ignored. */
  async offer(document: unknown): Promise<boolean> {
    const catalogue = parseCatalogue(document);
    if (catalogue.version <= this.version) return false;
    await this.db.query('INSERT INTO question_catalogues (version, document) VALUES ($1, $2) ON CONFLICT (version) DO NOTHING', [
      catalogue.version, JSON.stringify(catalogue),
    ]);
    this.catalogue = catalogue;
    return true;
  }
}
