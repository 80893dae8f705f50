import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * The least an information request over HTTP can cost: the node's web stack (Nest on Express,
 * JSON body parsed, JSON answered with 201) and nothing behind it. Run by bench/http-floor.ts
 * as a process of its own, like a node.
 */
@Controller()
class FloorController {
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Post('requests')
  @HttpCode(201)
  accept(@Body() body: Record<string, unknown>): Record<string, unknown> {
    // About the size of a node's answer: the request as it was recorded.
    return { id: randomUUID(), state: 'sent', ...body };
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(FloorModule, { logger: false });
  await app.listen(Number(process.env.PORT ?? 3950), '127.0.0.1');
}

void main();
