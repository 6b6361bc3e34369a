import { useHotkeys } from '@mantine/hooks';

/**
 * Ctrl+K (Cmd+K on a Mac), or "/" when not typing, jumps to the current screen's search
 * field: the one field on each screen marked with these props.
 */
const SEARCH_ATTRIBUTE = 'data-search-field';

export const searchFieldProps = { [SEARCH_ATTRIBUTE]: true, 'aria-keyshortcuts': 'Control+K Meta+K /' } as const;

function focusSearch(): void {
  const field = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[${SEARCH_ATTRIBUTE}]`);
  if (field === null) return;
  field.focus();
  // A text field's words are selected so typing replaces them; a list just takes focus.
  if (field instanceof HTMLInputElement) field.select();
}

export function useSearchShortcut(): void {
  // Ctrl+K works from anywhere, a text field included (as Ctrl+L does)...
  useHotkeys([['mod+K', focusSearch]], [], true);
  // ...while "/" is a character people type, so it only counts outside fields.
  useHotkeys([['/', focusSearch]]);
}
