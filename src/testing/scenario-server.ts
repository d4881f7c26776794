// vitest helper: one in-process scenario server for a test file.
//
//   const server = withScenarioServer();
//   it('...', async () => { expect(await server.ask('cname-last.order.test')).toResolveTo([...]) });

import { afterAll, beforeAll } from 'vitest';
import { DnsorderError } from '../errors.js';
import { ask, type AskOptions } from './ask.js';
import { startServer, type RunningServer, type ServerOptions } from '../server/index.js';

export interface ScenarioServerHandle {
  readonly address: string;
  readonly port: number;
  /** The running server (stats(), onQuery()); throws before beforeAll has run. */
  readonly server: RunningServer;
  /** One query to the server; the reply's raw octets (see `ask`). */
  ask(name: string, type?: string, options?: AskOptions): Promise<Buffer>;
}

export function withScenarioServer(options: ServerOptions = {}): ScenarioServerHandle {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer({ port: 0, ...options });
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  const get = (): RunningServer => {
    if (!running) throw new DnsorderError('ERR_SERVER_NOT_STARTED', 'the scenario server is not running: use it inside a test, after beforeAll');
    return running;
  };
  return {
    get address() { return get().address; },
    get port() { return get().port; },
    get server() { return get(); },
    ask: (name, type, options) => ask(get(), name, type, options),
  };
}
