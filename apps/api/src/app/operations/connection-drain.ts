import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Lets a stopping API shed its keep-alive connections. Node's `server.close()` stops accepting connections
 * and closes the idle ones, but a connection busy at that moment stays open for as long as its client keeps
 * sending on it (a connector pushing batches, a proxy's connection pool): the stopping instance goes on
 * serving and its shutdown waits until the client pauses (found by many-instances.int-spec.ts in the worker
 * project, whose API restart under webhook pushes did not stop until the pushes ended). Once `start()` is
 * called, every response that has not sent its headers yet says `Connection: close` (Node closes the socket
 * after it) and idle connections are closed at once: requests in flight finish, clients reconnect (to
 * another instance) and the server can close.
 */
export class ConnectionDrain {
  private draining = false;
  private readonly inFlight = new Set<ServerResponse>();

  /** Express middleware, mounted first: knows the responses in flight when draining starts. */
  readonly middleware = (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (this.draining) {
      closeAfter(response);
    } else {
      this.inFlight.add(response);
      response.once('close', () => this.inFlight.delete(response));
    }
    next();
  };

  start(server: Server): void {
    this.draining = true;
    for (const response of this.inFlight) closeAfter(response);
    server.closeIdleConnections();
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
