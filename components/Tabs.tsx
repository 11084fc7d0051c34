import type { ComponentChildren } from 'preact';

/** One tab: its id and its name. */
export interface TabSpec<T extends string> {
  id: T;
  label: string;
}

interface Props<T extends string> {
  tabs: TabSpec<T>[];
  active: T;
  onSelect: (id: T) => void;
  children: ComponentChildren;
}

/** A tab list (arrow keys move between tabs) and the active tab's panel. */
export function Tabs<T extends string>({ tabs, active, onSelect, children }: Props<T>) {
  const move = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    onSelect(next.id);
    (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  return (
    <>
      <div class="pl-tabs" role="tablist" aria-label="Paper Lens views">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            class="pl-tab"
            aria-selected={tab.id === active}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(event) => move(event, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div class="pl-panel" role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        {children}
      </div>
    </>
  );
}
