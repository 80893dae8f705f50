import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectNodeConfig } from '../core.module';
import type { NodeConfig } from '../config';
import { Public } from '../users/session.guard';
import { asyncApiDocument } from './asyncapi';
import { Contract } from './contract';

/** The bridge's AsyncAPI document, public like the OpenAPI document at /api-docs. */
@ApiExcludeController()
@Controller()
export class AsyncApiController {
  private document?: Record<string, unknown>;

  constructor(
    private readonly contract: Contract,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  @Public()
  @Get('asyncapi.json')
  get(): Record<string, unknown> {
    this.document ??= asyncApiDocument(this.contract, this.config.country);
    return this.document;
  }
}
