// The auth screens' own rules; every one of them is drawn inside this layout.
import './auth.css';
import { Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The frame of the screens before the console: a card in the middle of a quiet page. */
export function AuthLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <main className="auth-page">
      <Stack gap="md" className={wide ? 'auth-column auth-column--wide' : 'auth-column'}>
        <Text className="brand" aria-hidden="true">
          Custodian
        </Text>
        <Paper withBorder shadow="sm" p="xl">
          {children}
        </Paper>
      </Stack>
    </main>
  );
}
