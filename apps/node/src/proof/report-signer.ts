import { Injectable } from '@nestjs/common';
import { NodeCrypto, signReport } from '@imi/envelope';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { SignedReport } from './proof.dto';

/**
 * Signs the reports a node hands out (proof of exchange, right of access) with the key it signs
 * messages with now, and says how anyone can check them.
 */
@Injectable()
export class ReportSigner {
  constructor(
    private readonly crypto: NodeCrypto,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async sign<T>(report: T, howToCheckMore = ''): Promise<SignedReport<T>> {
    const signer = this.crypto.signer;
    return {
      report,
      jws: await signReport(signer.jwk, report),
      verification: `jws is a compact JWS (EdDSA) by key ${signer.kid} of node ${this.config.country}, whose payload is this report. `
        + `Check it with that key from the hub's signed trust list (GET /trust-list on the hub), e.g. with jose compactVerify.${howToCheckMore}`,
    };
  }
}
