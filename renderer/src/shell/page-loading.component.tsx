import { Center, Loader } from '@mantine/core';

/**
 * Shown in the console while a page's code loads the first time it is opened (a fraction of
 * a second), so the page area is never blank. A screen reader hears the label once.
 */
export function PageLoading() {
  return (
    <Center py="xl">
      <Loader size="sm" role="status" aria-label="Loading the page" />
    </Center>
  );
}
