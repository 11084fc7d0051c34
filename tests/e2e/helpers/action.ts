// The reader's click on the toolbar icon, which is what grants `activeTab` on the tab. Playwright
// cannot click browser chrome; Chromium's DevTools protocol can run the extension's action on a
// tab (Extensions.triggerAction), over the pipe Playwright uses, when Chromium was started with
// --enable-unsafe-extension-debugging. The action's own popup window is not a page Playwright sees,
// so tests then open popup.html?tab=<id> in a tab, which reads the tab with the grant just given.
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../../tools/browser/launch';

/** The Chromium switch `triggerAction` needs. */
export const ACTION_DEBUGGING_ARGS = ['--enable-unsafe-extension-debugging'];

/** Runs the extension's toolbar action on the tab showing `page`, as the reader's click would. */
export async function triggerAction(browser: ExtensionBrowser, page: Page): Promise<void> {
  const chromium = browser.context.browser();
  if (!chromium) throw new Error('no browser-level session: triggerAction needs Chromium over a pipe');
  const session = await chromium.newBrowserCDPSession();
  try {
    const pageSession = await browser.context.newCDPSession(page);
    const { targetInfo } = await pageSession.send('Target.getTargetInfo');
    await pageSession.detach();
    // The action runs on the tab target that holds the page, not on the page target itself.
    const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === targetInfo.url);
    if (!tab) throw new Error(`no tab target shows ${targetInfo.url}`);
    await session.send('Extensions.triggerAction', { id: browser.extensionId, targetId: tab.targetId });
  } finally {
    await session.detach().catch(() => {});
  }
}
