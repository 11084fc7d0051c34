import type { Ref } from 'preact';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  inputRef?: Ref<HTMLInputElement>;
}

/** The one search field: titles, parts of titles and abstract words. */
export function SearchBox({ value, onInput, onKeyDown, inputRef }: Props) {
  return (
    <input
      ref={inputRef}
      class="pl-search"
      type="search"
      aria-label="Search the corpus"
      placeholder="Search titles and abstracts…"
      autoFocus
      spellcheck={false}
      value={value}
      onInput={(event) => onInput(event.currentTarget.value)}
      onKeyDown={onKeyDown}
    />
  );
}
