import { SetMetadata, ServiceUnavailableException, type ExecutionContext } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import { RenderBusyError, withRenderSlot } from '@uptake/render';

/**
 * Runs a render (a PDF or deck export, a digest preview with charts) in one of the process's render slots
 * (`withRenderSlot`: two at a time, eight waiting); when all are taken the request gets a 503 saying to try
 * again, instead of every other request of this instance waiting behind a pile of renders.
 */
export async function inRenderSlot<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withRenderSlot(work);
  } catch (error) {
    if (error instanceof RenderBusyError) throw new ServiceUnavailableException(error.message);
    throw error;
  }
}

/** Marks a route that renders documents or previews: the `render` throttler counts it (see renderThrottler). */
const RENDERS = 'uptake:renders-documents';
export const RendersDocuments = (): MethodDecorator => SetMetadata(RENDERS, true);

/**
 * A second throttler beside the API's: RENDER_RATE_LIMIT_PER_MINUTE (default 20) requests a minute per
 * client and route, for the routes marked with `@RendersDocuments()` only (RATE_LIMIT_PER_MINUTE is sized for
 * cheap JSON reads; a PDF or a deck takes a core for a second or two). Other routes skip it.
 */
export function renderThrottler(limit: number): ThrottlerOptions {
  return {
    name: 'render',
    ttl: 60_000,
    limit,
    skipIf: (context: ExecutionContext) => Reflect.getMetadata(RENDERS, context.getHandler()) !== true,
  };
}
