import { isPage, MESSAGES, type AnswerOf, type BackgroundDeps, type MessageName, type Sender } from './messages';
import { BadRequestError } from './validate';

/** The background's answers, one per message: each checks its sender and its data, then answers. */
export type Handlers = {
  [K in MessageName]: (data: unknown, sender: Sender) => Promise<AnswerOf<K>>;
};

/** Throws unless `sender` may send the message `name`. */
function checkSender(name: MessageName, sender: Sender): void {
  if (!sender.fromExtension && !isPage(sender)) {
    throw new BadRequestError('the sender is neither an extension page nor a content script in a tab');
  }
  const who = MESSAGES[name].from;
  if (who === 'extension' && !sender.fromExtension) {
    throw new BadRequestError(`${name} is answered for the extension's own pages only`);
  }
  if (who === 'page' && !isPage(sender)) throw new BadRequestError(`${name} comes from a page only`);
}

/** Builds the background's handlers from the message table: sender, then data, then the answer. */
export function createHandlers(deps: BackgroundDeps): Handlers {
  const handlers: Partial<Record<MessageName, (data: unknown, sender: Sender) => Promise<unknown>>> = {};
  for (const name of Object.keys(MESSAGES) as MessageName[]) {
    const spec = MESSAGES[name] as {
      check(data: unknown, sender: Sender): unknown;
      answer(data: unknown, context: { sender: Sender; deps: BackgroundDeps }): Promise<unknown>;
    };
    handlers[name] = async (data, sender) => {
      checkSender(name, sender);
      return spec.answer(spec.check(data, sender), { sender, deps });
    };
  }
  return handlers as Handlers;
}
