import { Injectable, type NestMiddleware } from '@nestjs/common';
import { requestIdOf } from '@uptake/config';
import { runWithRequestId } from '@uptake/queues';
import type { NextFunction, Request, Response } from 'express';
import { ApiMetrics, UNMATCHED_ROUTE } from './api-metrics';

/**
 * Every API request: gets its id (the caller's safe x-request-id or a new one, echoed in the response),
 * which the jobs it queues carry (`runWithRequestId`), and when it finishes, its duration is recorded under
 * the route pattern express matched (`/api/organisations/:organisationId/kpis/adoption`).
 */
@Injectable()
export class RequestObservationMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = performance.now();
    const requestId = requestIdOf(request, response);
    response.once('finish', () => {
      this.metrics.observeRequest(
        { method: request.method, route: routePattern(request), status: response.statusCode },
        (performance.now() - started) / 1000,
      );
    });
    runWithRequestId(requestId, next);
  }
}

/**
 * The pattern of the route that served the request (with the mount path of a sub-router). Nest binds
 * middleware (this one, the request logger) as a catch-all route `/api{/*splat}`, which express reports as
 * the route of a request no controller matched: a wildcard pattern counts as no route at all.
 */
export function routePattern(request: Pick<Request, 'baseUrl' | 'route'>): string {
  const path: unknown = request.route?.path;
  if (typeof path !== 'string' || path.includes('*')) return UNMATCHED_ROUTE;
  return `${request.baseUrl ?? ''}${path}`;
}
