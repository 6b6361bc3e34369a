import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A console page's title, one line saying what it is for, and its actions on the right. */
export function ScreenHeading({ title, intro, actions }: { title: string; intro: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" mb="lg">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed" mt={4}>
          {intro}
        </Text>
      </div>
      {actions}
    </Group>
  );
}
