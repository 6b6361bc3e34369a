import { Modal } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';

/**
 * A dialog over the console. Mantine's scroll lock (react-remove-scroll) injects a <style>
 * element, which the CSP refuses, so it is off and a class from app.css does the same job.
 */
export function ConsoleDialog({
  opened,
  title,
  onClose,
  children,
  size = 'lg',
}: {
  opened: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  size?: string;
}) {
  useEffect(() => {
    document.body.classList.toggle('scroll-locked', opened);
    return () => document.body.classList.remove('scroll-locked');
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered lockScroll={false} closeButtonProps={{ 'aria-label': 'Close this window' }}>
      {children}
    </Modal>
  );
}

/**
 * The dialog's request, or the last one while the dialog animates closed (request null), so
 * its title and contents do not blank out on the way.
 */
export function useLastRequest<T>(request: T | null): T | null {
  const [last, setLast] = useState(request);
  if (request !== null && request !== last) setLast(request);
  return request ?? last;
}
