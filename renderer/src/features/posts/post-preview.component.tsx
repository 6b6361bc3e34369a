import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { isImage } from '../../../../shared/posts/media-types';
import { platformNames } from '../../../../shared/posts/platform-rules';
import { thumbnailUrl, type ChannelVariant, type ComposerMedia } from './post-composer.format';

/**
 * How the post would look on each chosen account: simple cards shaped like each platform's own
 * post (name and handle, the text with its line breaks, the image or video). A guide for the
 * author and the approver, not a pixel copy of the platforms.
 */
export function PostPreview({ variants, media }: { variants: readonly ChannelVariant[]; media: readonly ComposerMedia[] }) {
  if (variants.length === 0) {
    return <Text size="sm">Choose an account to see how the post would look there.</Text>;
  }
  return (
    // A plain grid: Mantine's responsive columns would inject a <style> element, which the CSP refuses.
    <div role="list" aria-label="Previews" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 16, alignItems: 'start' }}>
      {variants.map((v) => (
        <PreviewCard key={v.ref} variant={v} media={media} />
      ))}
    </div>
  );
}

const pre: CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' };

function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  return (words.length > 1 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase();
}

function Avatar({ name, round = true }: { name: string; round?: boolean }) {
  return (
    <div
      aria-hidden
      style={{
        width: 36,
        height: 36,
        flex: 'none',
        borderRadius: round ? '50%' : 6,
        display: 'grid',
        placeItems: 'center',
        background: 'var(--mantine-color-indigo-1)',
        color: 'var(--mantine-color-indigo-9)',
        fontWeight: 700,
        fontSize: 13,
      }}
    >
      {initials(name)}
    </div>
  );
}

function VideoFrame({ ratio }: { ratio: string }) {
  return (
    <div
      role="img"
      aria-label="The video"
      style={{
        aspectRatio: ratio,
        width: '100%',
        display: 'grid',
        placeItems: 'center',
        background: 'var(--mantine-color-dark-7)',
        color: 'var(--mantine-color-white)',
        fontSize: 32,
        borderRadius: 8,
      }}
    >
      ▶
    </div>
  );
}

/** The first image (Facebook, LinkedIn and Instagram's first slide), a grid of up to four on X, or the video. */
function Media({ media, platform }: { media: readonly ComposerMedia[]; platform: ChannelVariant['channel']['platform'] }) {
  if (media.length === 0) return null;
  const video = media.find((m) => !isImage(m.mediaType));
  if (video !== undefined && (platform === 'youtube' || platform === 'x')) return <VideoFrame ratio="16 / 9" />;
  const images = media.filter((m) => isImage(m.mediaType));
  const shown = platform === 'x' ? images.slice(0, 4) : images.slice(0, 1);
  if (shown.length === 0) return null;
  const square = platform === 'instagram';
  return (
    <div style={{ display: 'grid', gridTemplateColumns: shown.length > 1 ? '1fr 1fr' : '1fr', gap: 2, borderRadius: square ? 0 : 10, overflow: 'hidden' }}>
      {shown.map((m) => (
        <img
          key={m.key}
          src={thumbnailUrl(m) ?? undefined}
          alt={m.alt}
          style={{ width: '100%', aspectRatio: square ? '1 / 1' : shown.length > 1 ? '1 / 1' : '16 / 10', objectFit: 'cover', display: 'block' }}
        />
      ))}
    </div>
  );
}

function Shell({ variant, children }: { variant: ChannelVariant; children: ReactNode }) {
  return (
    <Paper role="listitem" aria-label={`Preview on ${variant.channel.name}`} withBorder radius="md" p="sm" shadow="xs">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Badge variant="light" color="gray" size="sm">
            {platformNames[variant.channel.platform]}
          </Badge>
          {!variant.check.ok && (
            <Badge variant="filled" color="red.8" size="sm">
              Not ready
            </Badge>
          )}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function Header({ variant, sub }: { variant: ChannelVariant; sub: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Avatar name={variant.channel.name} round={variant.channel.platform !== 'linkedin'} />
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={700} lh={1.2} className="break-anywhere">
          {variant.channel.name}
        </Text>
        <Text size="xs" c="dimmed" lh={1.2} className="break-anywhere">
          {sub}
        </Text>
      </div>
    </Group>
  );
}

function Body({ text }: { text: string }) {
  return text.trim() === '' ? null : (
    <Text size="sm" style={pre}>
      {text}
    </Text>
  );
}

function PreviewCard({ variant: v, media }: { variant: ChannelVariant; media: readonly ComposerMedia[] }) {
  const handle = v.channel.handle.startsWith('@') ? v.channel.handle : `@${v.channel.handle}`;
  switch (v.channel.platform) {
    case 'x':
      return (
        <Shell variant={v}>
          <Header variant={v} sub={`${handle} · now`} />
          <Body text={v.text} />
          <Media media={media} platform="x" />
        </Shell>
      );
    case 'instagram':
      return (
        <Shell variant={v}>
          <Header variant={v} sub={handle} />
          {media.length === 0 ? (
            <div style={{ aspectRatio: '1 / 1', display: 'grid', placeItems: 'center', background: 'var(--mantine-color-gray-1)' }}>
              <Text size="sm" c="red.8" fw={600}>
                No image: Instagram needs one
              </Text>
            </div>
          ) : (
            <Media media={media} platform="instagram" />
          )}
          {v.text.trim() !== '' && (
            <Text size="sm" style={pre}>
              <Text span fw={700}>
                {v.channel.handle.replace(/^@/, '')}
              </Text>{' '}
              {v.text}
            </Text>
          )}
        </Shell>
      );
    case 'youtube':
      return (
        <Shell variant={v}>
          <VideoFrame ratio="16 / 9" />
          <Text size="md" fw={700} className="break-anywhere">
            {v.title.trim() === '' ? 'No title yet' : v.title}
          </Text>
          <Header variant={v} sub={handle} />
          <Body text={v.text} />
        </Shell>
      );
    case 'linkedin':
      return (
        <Shell variant={v}>
          <Header variant={v} sub="Now" />
          <Body text={v.text} />
          <Media media={media} platform="linkedin" />
        </Shell>
      );
    case 'facebook':
      return (
        <Shell variant={v}>
          <Header variant={v} sub="Just now" />
          <Body text={v.text} />
          <Media media={media} platform="facebook" />
        </Shell>
      );
  }
}
