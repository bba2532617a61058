import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from './support';

interface Answer {
  status?: number;
  connection?: string;
  error?: string;
}

/** One GET on the agent's (single, kept-alive) connection. */
function get(agent: http.Agent, url: string): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode, connection: String(response.headers.connection) }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}

/**
 * A stopping API must not be held open by a client that keeps its connection busy (issue 17: an API
 * restarted under webhook pushes served them for as long as they came). Node's server.close() leaves such a
 * connection open; ConnectionDrain answers with `Connection: close` once shutdown begins.
 */
describe('shutdown with a busy keep-alive client', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await api.dataSource.destroy();
  });

  it('closes the connection after the current response, so close() finishes while the client still sends', async () => {
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/health/live`;
    // One socket, kept alive: every request of the loop reuses it while the server lets it.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const answers: Answer[] = [];
    let closedAfterMs: number | undefined;
    let closing: Promise<void> | undefined;
    // Shutdown begins while the 6th request is being handled: its connection is busy, not idle.
    let received = 0;
    const server = api.app.getHttpServer() as http.Server;
    server.prependListener('request', () => {
      if (++received !== 6) return;
      const started = Date.now();
      closing = api.app.close().then(() => void (closedAfterMs = Date.now() - started));
    });
    // Without the drain, close() would wait for the loop's end (6 s) and the socket's keep-alive timeout.
    const deadline = Date.now() + 6_000;
    while (closedAfterMs === undefined && Date.now() < deadline) answers.push(await get(agent, url));
    agent.destroy();
    await closing;

    const before = answers.slice(0, 5);
    expect(before.every((answer) => answer.status === 200 && answer.connection === 'keep-alive')).toBe(true);
    // The loop ended because close() finished, well before its deadline.
    expect(closedAfterMs).toBeLessThan(3_000);
    expect(Date.now()).toBeLessThan(deadline);
    // Requests in flight were answered (200, never cut); one of them closed the connection; after that
    // nothing answered any more (the server no longer listened).
    const answered = answers.filter((answer) => answer.status !== undefined);
    expect(answered.every((answer) => answer.status === 200)).toBe(true);
    const closedBy = answers.findIndex((answer) => answer.connection === 'close');
    expect(closedBy).toBeGreaterThanOrEqual(5);
    expect(
      answers
        .slice(closedBy + 1)
        .every((answer) => answer.status === undefined || answer.connection === 'close'),
    ).toBe(true);
  });
});
