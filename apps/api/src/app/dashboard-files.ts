import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Angular's hashed file names (main-EUYODSOS.js) never change content, so browsers may keep them. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(js|css)$/;

/**
 * Serves the built dashboard on the API's origin: static files, and index.html for any other GET outside
 * /api (client-side routes such as /login). Errors of API routes are left to Nest: a catch-all error
 * handler here would turn a malformed JSON body into a 404.
 */
export function serveDashboard(app: NestExpressApplication, distFolder: string): boolean {
  const indexHtml = path.join(distFolder, 'index.html');
  if (!fs.existsSync(indexHtml)) return false;
  app.useStaticAssets(distFolder, {
    index: false,
    setHeaders: (response, file) =>
      response.setHeader(
        'Cache-Control',
        HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      request.method === 'GET' && !request.path.startsWith('/api') && request.accepts('html') === 'html';
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}
