import { Button, Group, Input, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { isImage, mediaWords, POST_MEDIA_MAX_FILES, sniffMediaType } from '../../../../shared/posts/media-types';
import { formatFileSize, toBase64 } from '../../format/incident-words.format';
import { ACCEPTED_MEDIA, ALT_MAX, mediaFileProblem, thumbnailUrl, type ComposerMedia } from './post-composer.format';

const THUMB = 72;

/**
 * The post's images and videos: chosen with the browser's own file control, read in the window
 * and kept as base64 until the post is saved. Each file is taken for what its first bytes say it
 * is (not its name); an image needs a description for people using screen readers.
 */
export function PostComposerMedia({
  media,
  problems,
  onChange,
  instagram,
}: {
  media: readonly ComposerMedia[];
  problems: Record<string, string>;
  onChange(media: ComposerMedia[]): void;
  /** An Instagram account is chosen: ask for each image's public address. */
  instagram: boolean;
}) {
  const id = useId();
  const [round, setRound] = useState(0);
  const [notes, setNotes] = useState<string[]>([]);
  const [reading, setReading] = useState(false);

  const add = async (files: readonly File[]) => {
    setReading(true);
    const added: ComposerMedia[] = [];
    const found: string[] = [];
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const mediaType = sniffMediaType(bytes);
      const problem = mediaFileProblem(file.name, file.size, mediaType, [...media, ...added]);
      if (problem !== null || mediaType === null) {
        found.push(problem ?? `${file.name} was not added.`);
        continue;
      }
      const contentBase64 = toBase64(bytes);
      if ([...media, ...added].some((m) => m.contentBase64 === contentBase64)) {
        found.push(`${file.name} is already attached.`);
        continue;
      }
      added.push({ key: Date.now() + added.length, name: file.name, mediaType, bytes: file.size, contentBase64, alt: '', publicUrl: '' });
    }
    setReading(false);
    setNotes(found);
    setRound((n) => n + 1);
    if (added.length > 0) onChange([...media, ...added]);
  };

  const general = problems.media;
  return (
    <Stack gap="xs">
      <Input.Wrapper
        label="Add images or a video"
        description={`JPEG, PNG, GIF or WebP images, or an MP4 or MOV video; up to ${POST_MEDIA_MAX_FILES} files of 50 MB each. Each account's limits are checked above.`}
        error={general}
        labelProps={{ htmlFor: id }}
        descriptionProps={{ id: `${id}-description` }}
        errorProps={{ id: `${id}-error` }}
      >
        <input
          key={round}
          id={id}
          type="file"
          multiple
          accept={ACCEPTED_MEDIA}
          className="file-field"
          aria-invalid={general !== undefined}
          aria-describedby={general === undefined ? `${id}-description` : `${id}-description ${id}-error`}
          disabled={reading}
          onChange={(event) => void add([...(event.currentTarget.files ?? [])])}
        />
      </Input.Wrapper>
      {notes.map((note) => (
        <Text key={note} size="sm" c="red.8" role="alert">
          {note}
        </Text>
      ))}
      {media.length > 0 && (
        <Stack gap="xs" role="list" aria-label="Attached files">
          {media.map((m, i) => (
            <MediaItem
              key={m.key}
              media={m}
              altError={problems[`media.${i}.alt`]}
              fileError={problems[`media.${i}`]}
              onAlt={(alt) => onChange(media.map((item) => (item.key === m.key ? { ...item, alt } : item)))}
              askPublicUrl={instagram && isImage(m.mediaType)}
              publicUrlError={problems[`media.${i}.publicUrl`]}
              onPublicUrl={(publicUrl) => onChange(media.map((item) => (item.key === m.key ? { ...item, publicUrl } : item)))}
              onRemove={() => onChange(media.filter((item) => item.key !== m.key))}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function MediaItem({
  media,
  altError,
  fileError,
  onAlt,
  onRemove,
  askPublicUrl,
  publicUrlError,
  onPublicUrl,
}: {
  media: ComposerMedia;
  altError: string | undefined;
  fileError: string | undefined;
  onAlt(alt: string): void;
  onRemove(): void;
  askPublicUrl: boolean;
  publicUrlError: string | undefined;
  onPublicUrl(url: string): void;
}) {
  const thumb = thumbnailUrl(media);
  const image = isImage(media.mediaType);
  return (
    <Paper role="listitem" aria-label={media.name} withBorder p="xs" radius="sm">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {thumb === null ? (
          <div
            aria-hidden
            style={{
              width: THUMB,
              height: THUMB,
              flex: 'none',
              display: 'grid',
              placeItems: 'center',
              borderRadius: 6,
              background: 'var(--mantine-color-dark-6)',
              color: 'var(--mantine-color-white)',
              fontSize: 24,
            }}
          >
            ▶
          </div>
        ) : (
          <img src={thumb} alt="" width={THUMB} height={THUMB} style={{ objectFit: 'cover', borderRadius: 6, flex: 'none' }} />
        )}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} className="break-anywhere">
                {media.name}
              </Text>
              <Text size="xs" c="dimmed">
                {mediaWords[media.mediaType]}, {formatFileSize(media.bytes)}
              </Text>
            </div>
            <Button size="compact-sm" variant="default" onClick={onRemove} aria-label={`Remove ${media.name}`}>
              Remove
            </Button>
          </Group>
          <TextInput
            size="sm"
            label={image ? `Description of ${media.name} (alt text)` : `Description of ${media.name} (optional)`}
            description={image ? 'What the image shows, for people using screen readers.' : undefined}
            value={media.alt}
            maxLength={ALT_MAX}
            onChange={(event) => onAlt(event.currentTarget.value)}
            error={altError}
            required={image}
          />
          {askPublicUrl && (
            <TextInput
              size="sm"
              type="url"
              label={`Public address of ${media.name} (for Instagram)`}
              description="Instagram fetches the picture from a public web address, such as the same image on the school website. Without one, post it on Instagram by hand."
              placeholder="https://www.school.org.uk/news/photo.jpg"
              value={media.publicUrl}
              onChange={(event) => onPublicUrl(event.currentTarget.value)}
              error={publicUrlError}
            />
          )}
          {fileError !== undefined && (
            <Text size="sm" c="red.8" role="alert">
              {fileError}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
