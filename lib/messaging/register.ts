import type { Handlers } from './handlers';
import { onMessage, type ProtocolMap } from './protocol';

/** The thin adapter: registers each handler with the extension's message listener. */
export function registerHandlers(handlers: Handlers): void {
  for (const name of Object.keys(handlers) as (keyof ProtocolMap)[]) {
    onMessage(name, (message) => handlers[name](message.data) as never);
  }
}
