// What the popup says when a change to the reading list did not go through: what did not happen
// first, then why, in words a person can act on. Pure.

/**
 * Whether an error is the browser refusing a write for lack of space: the storage layer's own error
 * (StorageFullError), IndexedDB's and Firefox's QuotaExceededError (often with an empty message), or
 * Chrome's storage.local refusal ("Resource::kQuotaBytes quota exceeded").
 */
export function isStorageFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return /quota/i.test(String(error));
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'StorageFullError' || name === 'QuotaExceededError' || /quota/i.test(String(message ?? ''));
}

/** The sentence for a failed change: `what` did not happen (one sentence), then the reason. */
export function describeWriteFailure(what: string, error: unknown): string {
  const { name, message } = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as {
    name?: unknown;
    message?: unknown;
  };
  const said = String(message ?? '').trim();
  if (name === 'StorageFullError') return `${what} ${said}`;
  if (isStorageFull(error)) {
    return (
      `${what} The browser's storage for Paper Lens is full, so it refused the change` +
      `${said ? ` ("${said}")` : ''}. Nothing already saved was lost: your list is as it was. ` +
      'Remove papers you no longer need (or delete kept copies of unreadable data), then try again.'
    );
  }
  return said ? `${what} ${said}` : what;
}
