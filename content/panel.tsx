import { render } from 'preact';
import { RelatedPanel } from '../components/RelatedPanel';
import { HOST_ATTRIBUTE } from '../lib/pages/text';
import type { PageDetection } from '../lib/pages/types';
import type { RelatedPaper } from '../lib/corpus/service';
import { applyStyles } from './badge';
import type { PaperMatch } from './match-queue';
import type { SavedSync } from './saved-sync';
import type { Theme } from './theme';
import type { ContentApi } from './types';

/** Related papers the panel lists. */
const PANEL_SIZE = 6;

/** The related-work panel of a single-paper page, in its own shadow root after the abstract. */
export interface Panel {
  /** Shows the panel for `detection`'s paper (its match read from `matchOf`), or removes it on other pages. */
  sync(detection: PageDetection | null, matchOf: (anchor: Element) => PaperMatch | null, theme: Theme): Promise<void>;
  /** Draws the panel again (the saved list changed). */
  render(): void;
  /** Removes the panel. */
  remove(): void;
}

interface Shown {
  host: HTMLElement;
  anchor: Element;
  /** Which paper it is about: its match and its title. */
  key: string;
  related: RelatedPaper[] | null;
  error: string | null;
}

/** The panel, styled by `sheet`, listing related work from `api`; its save buttons go through `saved`. */
export function createPanel(
  doc: Document,
  sheet: CSSStyleSheet | string,
  api: Pick<ContentApi, 'call'>,
  saved: Pick<SavedSync, 'isSavedId' | 'toggle'>,
): Panel {
  let shown: Shown | null = null;

  function draw(): void {
    if (!shown || !shown.host.shadowRoot) return;
    render(
      <RelatedPanel
        related={shown.related}
        error={shown.error}
        inCorpus={shown.key.split('|')[0] !== ''}
        isSaved={saved.isSavedId}
        onToggleSave={(paper) => saved.toggle({ title: paper.title, corpusId: paper.id })}
      />,
      shown.host.shadowRoot,
    );
  }

  function remove(): void {
    shown?.host.remove();
    shown = null;
  }

  return {
    async sync(detection, matchOf, theme) {
      const found = detection?.single ? detection.papers[0] : undefined;
      const anchor = detection?.abstractAnchor;
      if (!found || !anchor) return remove();
      const match = matchOf(found.anchor);
      const key = `${match?.id ?? ''}|${found.title}`;
      if (shown && shown.key === key && shown.anchor === anchor && shown.host.previousSibling === anchor) return;
      remove();
      const host = doc.createElement('div');
      host.setAttribute(HOST_ATTRIBUTE, 'panel');
      host.setAttribute('data-pl-theme', theme);
      applyStyles(doc, host.attachShadow({ mode: 'open' }), sheet);
      anchor.after(host);
      const current: Shown = (shown = { host, anchor, key, related: null, error: null });
      draw();
      try {
        current.related = match
          ? await api.call('related', { id: match.id, k: PANEL_SIZE })
          : await api.call('relatedToText', { title: found.title, abstract: detection.abstract ?? '', k: PANEL_SIZE });
      } catch {
        current.error = 'Related work is not available right now.';
      }
      if (shown === current) draw();
    },
    render: draw,
    remove,
  };
}
