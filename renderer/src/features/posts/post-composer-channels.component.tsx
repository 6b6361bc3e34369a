import { Checkbox, Fieldset, Stack, Text } from '@mantine/core';
import type { ChannelView, SchoolView } from '../../../../shared/contract/views';
import { platformNames } from '../../../../shared/posts/platform-rules';
import { channelRef, groupChannels } from '../../format/channel-names.format';

/**
 * Which accounts the post goes to: a tick per channel, grouped as the access register groups
 * them (the trust's own first, then each school's). The chosen list keeps the channels' order.
 */
export function PostComposerChannels({
  channels,
  schools,
  value,
  error,
  onChange,
}: {
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  value: readonly string[];
  error: string | undefined;
  onChange(refs: string[]): void;
}) {
  const groups = groupChannels(channels, schools);
  const order = groups.flatMap((g) => g.channels.map(channelRef));
  const toggle = (ref: string, on: boolean) => {
    const chosen = new Set(value);
    if (on) chosen.add(ref);
    else chosen.delete(ref);
    onChange(order.filter((r) => chosen.has(r)));
  };
  return (
    <Fieldset legend="Post to" variant="unstyled" aria-describedby={error === undefined ? undefined : 'post-channels-error'}>
      <Stack gap="xs">
        {channels.length === 0 && <Text size="sm">No accounts are recorded yet: an administrator adds them on the Channels screen.</Text>}
        {/* A plain grid: Mantine's responsive columns would inject a <style> element, which the CSP refuses. */}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(380px, 1fr))', gap: '8px 16px' }}>
          {groups.map((group) => (
            <div key={group.label} role="group" aria-label={group.label}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
                {group.label}
              </Text>
              <Stack gap={4}>
                {group.channels.map((c) => {
                  const ref = channelRef(c);
                  return (
                    <Checkbox
                      key={ref}
                      size="sm"
                      label={`${c.name} (${platformNames[c.platform]} · ${c.handle})`}
                      checked={value.includes(ref)}
                      onChange={(event) => toggle(ref, event.currentTarget.checked)}
                    />
                  );
                })}
              </Stack>
            </div>
          ))}
        </div>
        {error !== undefined && (
          <Text id="post-channels-error" size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
