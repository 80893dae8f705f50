import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';

/** How long requests in progress may still run once the node stops, before their connections are cut. */
const DRAIN_MS = 5000;

/**
 * Lets the HTTP server close promptly while clients keep sending: `server.close()` waits for
 * every open connection, and a client keeping its keep-alive connection busy would hold a
 * stopping node for good. From the stop on, every response says `Connection: close`, idle
 * connections close at once, and what is still open after DRAIN_MS is cut.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private closing = false;

  constructor(private readonly adapter: HttpAdapterHost) {}

  /** Express middleware: the connection ends with this response once the node is stopping. */
  readonly middleware = (_request: Request, response: Response, next: NextFunction): void => {
    if (this.closing) response.setHeader('Connection', 'close');
    next();
  };

  beforeApplicationShutdown(): void {
    this.closing = true;
    const server = this.adapter.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
  }
}
