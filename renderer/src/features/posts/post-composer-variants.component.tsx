import { Badge, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { characterCount, platformNames, YOUTUBE_TITLE_MAX } from '../../../../shared/posts/platform-rules';
import { lengthCounter, type ChannelVariant } from './post-composer.format';
import { VariantWarnings } from './variant-warnings.component';

/**
 * One row per chosen channel: its length as its platform counts it ("241 / 280" on X), what the
 * platform would refuse, a switch to give it its own text, and YouTube's title. Checked as the
 * person types, with the same rules the core applies.
 */
export function PostComposerVariants({
  variants,
  problems,
  onOwnText,
  onTitle,
}: {
  variants: readonly ChannelVariant[];
  problems: Record<string, string>;
  onOwnText(ref: string, text: string | null): void;
  onTitle(ref: string, title: string): void;
}) {
  if (variants.length === 0) return null;
  return (
    <Stack gap="xs" role="list" aria-label="Checks per account">
      {variants.map((v) => (
        <VariantRow key={v.ref} variant={v} marked={problems[`variant:${v.ref}`] !== undefined} onOwnText={onOwnText} onTitle={onTitle} />
      ))}
    </Stack>
  );
}

function VariantRow({
  variant: v,
  marked,
  onOwnText,
  onTitle,
}: {
  variant: ChannelVariant;
  marked: boolean;
  onOwnText(ref: string, text: string | null): void;
  onTitle(ref: string, title: string): void;
}) {
  const over = v.check.length > v.check.limit;
  const name = platformNames[v.channel.platform];
  const titleLength = characterCount(v.title.trim());
  const label = `${v.channel.name} (${name})`;
  const textProblems = v.check.problems.filter((p) => p.field !== 'title');
  const titleProblems = v.check.problems.filter((p) => p.field === 'title');
  return (
    <Paper role="listitem" aria-label={label} withBorder p="xs" radius="sm" style={marked || !v.check.ok ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Group gap={6} wrap="nowrap">
            {v.ownText && (
              <Badge variant="light" color="gray" size="sm">
                Own text
              </Badge>
            )}
            <Badge
              variant={over ? 'filled' : 'light'}
              color={over ? 'red.8' : 'gray'}
              size="md"
              aria-label={`${name} length ${lengthCounter(v.check)}${over ? ', too long' : ''}`}
            >
              {lengthCounter(v.check)}
            </Badge>
          </Group>
        </Group>
        {v.check.ok ? (
          <Text size="xs">
            ✓ Fits {name}.
          </Text>
        ) : (
          <Stack gap={2}>
            {[...textProblems, ...(v.channel.platform === 'youtube' ? [] : titleProblems)].map((p) => (
              <Text key={p.message} size="xs" c="red.8" fw={500}>
                {p.message}
              </Text>
            ))}
          </Stack>
        )}
        <VariantWarnings warnings={v.check.warnings} />
        {v.channel.platform === 'youtube' && (
          <TextInput
            size="sm"
            label={`Video title for ${v.channel.name}`}
            description={`${titleLength} of ${YOUTUBE_TITLE_MAX} characters.`}
            value={v.title}
            onChange={(event) => onTitle(v.ref, event.currentTarget.value)}
            error={titleProblems.length === 0 ? undefined : titleProblems.map((p) => p.message).join(' ')}
          />
        )}
        <Checkbox
          size="xs"
          label={`Give ${v.channel.name} its own text`}
          checked={v.ownText}
          onChange={(event) => onOwnText(v.ref, event.currentTarget.checked ? v.text : null)}
        />
        {v.ownText && (
          <Textarea
            size="sm"
            label={`Text for ${v.channel.name}`}
            autosize
            minRows={2}
            maxRows={8}
            value={v.text}
            onChange={(event) => onOwnText(v.ref, event.currentTarget.value)}
          />
        )}
      </Stack>
    </Paper>
  );
}
