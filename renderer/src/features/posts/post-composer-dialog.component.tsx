import { Alert, Text } from '@mantine/core';
import { useState } from 'react';
import type { PostView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { ConsoleDialog } from '../../ui/console-dialog.component';
import { PostComposerForm } from './post-composer-form.component';

/**
 * The composer: a new post with its intended outcome, the accounts it goes to (each checked
 * against its platform as the text is typed), its images and video, the pupils declaration and
 * the pre-publication checklist, and when to publish. Nothing reaches the core until a button is
 * pressed: "Save as draft" keeps it without the checklist, "Send for approval" needs every box.
 * The caller closes the dialog in onSaved; the form starts afresh each time it opens.
 */
export function PostComposerDialog({ opened, onClose, onSaved }: { opened: boolean; onClose(): void; onSaved(post: PostView): void }) {
  const [round, setRound] = useState(0);
  const [wasOpen, setWasOpen] = useState(opened);
  if (opened !== wasOpen) {
    setWasOpen(opened);
    if (opened) setRound((n) => n + 1);
  }
  return (
    <ConsoleDialog opened={opened} title="New post" onClose={onClose} size="960px">
      {opened && <ComposerLoader key={round} onCancel={onClose} onSaved={onSaved} />}
    </ConsoleDialog>
  );
}

function ComposerLoader({ onCancel, onSaved }: { onCancel(): void; onSaved(post: PostView): void }) {
  const channels = useInvoke('channel.list', {});
  const schools = useInvoke('school.list', {});
  if (channels.status === 'error' || schools.status === 'error') {
    const error = channels.status === 'error' ? channels.error : schools.status === 'error' ? schools.error : null;
    return (
      <Alert color="red" title="The accounts could not be loaded" role="alert">
        {error?.message}
      </Alert>
    );
  }
  if (channels.status !== 'ok' || schools.status !== 'ok') return <Text size="sm">Loading the accounts…</Text>;
  return <PostComposerForm channels={channels.value} schools={schools.value} onCancel={onCancel} onSaved={onSaved} />;
}
