import { Injectable } from '@nestjs/common';
import { AuthorityEntry, TrustStore } from '@imi/envelope';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { Forbidden } from '../problem/errors';

/** Competent authorities as the hub's trust list names them (organisation data only). */
@Injectable()
export class AuthoritiesService {
  constructor(
    private readonly trust: TrustStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  /** The authority a caller acts for: it must be one of this node's, and active. */
  acting(id: string | undefined): AuthorityEntry {
    const authority = id ? this.trust.authority(id) : undefined;
    if (!authority || authority.node !== this.config.country || authority.status !== 'active') {
      throw new Forbidden('the acting authority is not an active authority of this node');
    }
    return authority;
  }

  find(id: string): AuthorityEntry | undefined {
    return this.trust.authority(id);
  }

  search(filter: { country?: string; legislativeArea?: string }): AuthorityEntry[] {
    return this.trust
      .allAuthorities()
      .filter((a) => a.status === 'active')
      .filter((a) => !filter.country || a.node === filter.country)
      .filter((a) => !filter.legislativeArea || a.legislativeAreas.includes(filter.legislativeArea))
      .sort((a, b) => a.node.localeCompare(b.node) || a.name.localeCompare(b.name));
  }
}
