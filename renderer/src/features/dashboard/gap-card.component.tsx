import { Anchor, Badge, Group, Paper, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';

export interface GapItem {
  key: string;
  primary: string;
  secondary: string;
}

/** How many of a long list show before "Show all": the cards stay side by side at a glance. */
const FIRST_ITEMS = 6;

/** One policy check on the dashboard: what the rule asks, how many fail it, and which. */
export function GapCard({ title, rule, items, allClear }: { title: string; rule: string; items: GapItem[]; allClear: string }) {
  const id = useId();
  const listId = useId();
  const [expanded, setExpanded] = useState(false);
  const failing = items.length > 0;
  const long = items.length > FIRST_ITEMS + 1;
  const shown = long && !expanded ? items.slice(0, FIRST_ITEMS) : items;
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="lg" className="gap-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        <Badge size="lg" circle={items.length < 100} color={failing ? 'red.9' : 'teal'} variant={failing ? 'filled' : 'light'}>
          {items.length}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {rule}
      </Text>
      {failing ? (
        <ul className="gap-list" id={listId}>
          {shown.map((item) => (
            <li key={item.key}>
              <Text size="sm" fw={500} span>
                {item.primary}
              </Text>
              {item.secondary !== '' && (
                <Text size="xs" c="dimmed" span className="gap-list-secondary">
                  {item.secondary}
                </Text>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <Text size="sm" c="teal.9" fw={500}>
          {allClear}
        </Text>
      )}
      {long && (
        <Anchor component="button" type="button" size="sm" mt="xs" aria-controls={listId} aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show fewer' : `Show all ${items.length}`}
        </Anchor>
      )}
    </Paper>
  );
}
