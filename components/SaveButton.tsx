interface Props {
  saved: boolean;
  onToggle: () => void;
}

/** The popup's save toggle, named by its verb. */
export function SaveButton({ saved, onToggle }: Props) {
  return (
    <button
      type="button"
      class={saved ? 'pl-save pl-saved' : 'pl-save'}
      aria-label={saved ? 'Remove' : 'Save'}
      title={saved ? 'Remove from your list' : 'Save to your list'}
      onClick={(event) => {
        event.stopPropagation();
        onToggle();
      }}
    >
      {saved ? '★' : '☆'}
    </button>
  );
}
