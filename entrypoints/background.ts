import { defineBackground } from 'wxt/utils/define-background';
import { getCorpusService } from '../lib/background/load-service';
import { createHandlers } from '../lib/messaging/handlers';
import { registerHandlers } from '../lib/messaging/register';

export default defineBackground(() => {
  registerHandlers(createHandlers(async () => getCorpusService()));
});
