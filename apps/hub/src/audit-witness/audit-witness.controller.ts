import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, HttpException, Logger, Param, UseFilters } from '@nestjs/common';
import { Response } from 'express';
import { AUDIT_CHECKPOINT_TYPE, NodeKeySet, signHubDocument } from '@imi/envelope';
import { InjectHubKeys } from '../core.module';
import { AuditCheckpointRepository } from './audit-checkpoint.repository';

/** What the hub states it witnessed; `statement` is the same fields as a compact JWS signed with the hub key. */
export interface WitnessStatement {
  node: string;
  sequence: number;
  headHash: string;
  checkpointedAt: string;
  witnessedAt: string;
}

const NODE_CODE = /^[A-Z]{2}$/;

/** RFC 9457 problem details, as the nodes answer: `application/problem+json`, a bare 500 for anything unexpected. */
@Catch()
class ProblemDetails implements ExceptionFilter {
  private readonly logger = new Logger('AuditWitness');

  catch(error: unknown, host: ArgumentsHost): void {
    const body = error instanceof HttpException ? error.getResponse() : problemBody(500, 'internal', 'internal error');
    if (!(error instanceof HttpException)) this.logger.error(`unexpected error: ${(error as Error)?.message}`);
    host.switchToHttp().getResponse<Response>().status(error instanceof HttpException ? error.getStatus() : 500).type('application/problem+json').send(JSON.stringify(body));
  }
}

/**
 * The latest audit checkpoint of a node, for whoever verifies that node's audit log. Public,
 * like the trust list: a position and a hash say nothing about anyone, and the signature
 * makes the answer checkable with the hub's public key and any JOSE library.
 */
@Controller('audit-checkpoints')
@UseFilters(ProblemDetails)
export class AuditWitnessController {
  constructor(
    private readonly checkpoints: AuditCheckpointRepository,
    @InjectHubKeys() private readonly keys: NodeKeySet,
  ) {}

  @Get(':node')
  async latest(@Param('node') node: string): Promise<WitnessStatement & { statement: string }> {
    if (!NODE_CODE.test(node)) throw problem(422, 'invalid-request', 'node must be a two-letter code');
    const found = await this.checkpoints.latest(node);
    if (!found) throw problem(404, 'not-found', `no audit checkpoint witnessed for ${node}`);
    const witnessed: WitnessStatement = {
      node, sequence: found.sequence, headHash: found.headHash, checkpointedAt: found.checkpointedAt.toISOString(), witnessedAt: found.witnessedAt.toISOString(),
    };
    return { ...witnessed, statement: await signHubDocument(witnessed, AUDIT_CHECKPOINT_TYPE, this.keys.signing) };
  }
}

function problemBody(status: number, type: string, detail: string) {
  return { type: `urn:imi:problem:${type}`, title: type.replace(/-/g, ' '), status, detail };
}

function problem(status: number, type: string, detail: string): HttpException {
  return new HttpException(problemBody(status, type, detail), status);
}
