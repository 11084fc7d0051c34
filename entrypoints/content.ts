import { defineContentScript } from 'wxt/utils/define-content-script';
import { createContentApi } from '../content/api';
import { createPageController } from '../content/coordinator';
import pageCss from '../content/page-ui.css?inline';

export default defineContentScript({
  matches: ['https://arxiv.org/*', 'https://huggingface.co/*'],
  runAt: 'document_idle',
  main(ctx) {
    try {
      // One constructed stylesheet shared by every badge's shadow root: 2,000 badges, one parse.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(pageCss);
      const controller = createPageController(window, createContentApi(), sheet);
      ctx.onInvalidated(() => controller.stop());
      controller.start().catch((error: unknown) => console.debug('[Paper Lens]', error));
    } catch (error) {
      console.debug('[Paper Lens]', error);
    }
  },
});
