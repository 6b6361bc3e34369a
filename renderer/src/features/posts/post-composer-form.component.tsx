import { Alert, Button, Group, List, Radio, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import type { ChannelView, PostView, SchoolView } from '../../../../shared/contract/views';
import { POLICY } from '../../../../shared/posts/prepublication-checklist';
import { useInvoke } from '../../api/use-invoke.hook';
import { channelRef } from '../../format/channel-names.format';
import { ukDateAndTime } from '../../format/inbox-time.format';
import { useConsoleSession } from '../../session/console-session.context';
import { useMay } from '../../session/use-may.hook';
import { PostComposerChannels } from './post-composer-channels.component';
import { PostComposerChecklist, PostComposerPupils, type AuthorTraining } from './post-composer-checklist.component';
import { PostComposerMedia } from './post-composer-media.component';
import { PostComposerVariants } from './post-composer-variants.component';
import {
  composerProblems,
  createInput,
  effectivePupils,
  emptyDraft,
  OUTCOME_MAX,
  problemKey,
  variantsOf,
  type ComposerDraft,
  type ComposerProblems,
  type Intent,
  type WhenChoice,
} from './post-composer.format';
import { PostPreview } from './post-preview.component';
import { useNoPublishList } from './use-no-publish-list.hook';

const DAY_MS = 86_400_000;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The composer itself, once the accounts and schools it offers are loaded (post-composer-dialog). */
export function PostComposerForm({
  channels,
  schools,
  onCancel,
  onSaved,
}: {
  channels: readonly ChannelView[];
  schools: readonly SchoolView[];
  onCancel(): void;
  onSaved(post: PostView): void;
}) {
  const { call, operator } = useConsoleSession();
  const seesTraining = useMay('training.list');
  // Only those who may read the no-publish list can say a listed pupil appears.
  const seesNoPublishList = useMay('consent.list');
  const [draft, setDraft] = useState<ComposerDraft>(() => {
    const tomorrow = ukDateAndTime(new Date(Date.now() + DAY_MS));
    return emptyDraft(tomorrow.day, '09:00');
  });
  // What stopped the last press: the window's checks (live, so each note goes as it is put
  // right) and the core's refusal (shown until the form changes).
  const [attempt, setAttempt] = useState<{ intent: Intent; presses: number } | null>(null);
  const [refusal, setRefusal] = useState<{ error: ContractError; intent: Intent; draft: ComposerDraft } | null>(null);
  const [busy, setBusy] = useState<Intent | null>(null);
  const [tab, setTab] = useState<string | null>('write');
  const note = useRef<HTMLDivElement>(null);
  const presses = attempt?.presses ?? 0;
  // A long form: what stopped the button is brought into view beside it.
  useEffect(() => {
    if (presses > 0) note.current?.scrollIntoView({ block: 'nearest' });
  }, [presses, refusal]);

  const trainingList = useInvoke('training.list', {}, seesTraining);
  const training: AuthorTraining = (() => {
    if (!seesTraining || trainingList.status !== 'ok') return { known: false };
    const mine = trainingList.value.filter((t) => t.personEmail === operator.email).sort((a, b) => b.trainedOn.localeCompare(a.trainedOn))[0];
    return mine === undefined ? { known: true, inDate: false, runsOutOn: null } : { known: true, inDate: mine.inDate, runsOutOn: mine.expiresOn };
  })();

  const chosen = channels.filter((c) => draft.channels.includes(channelRef(c)));
  const schoolCodes = chosen.some((c) => c.school === null) ? schools.map((s) => s.code) : [...new Set(chosen.flatMap((c) => (c.school === null ? [] : [c.school])))];
  const pupils = effectivePupils(draft);
  const entries = useNoPublishList(seesNoPublishList && pupils === 'named', schoolCodes);

  const variants = variantsOf(draft, channels);
  const texts = [draft.text, ...variants.filter((v) => v.ownText).map((v) => v.text), ...variants.map((v) => v.title)];
  const update = (change: Partial<ComposerDraft>) => setDraft((current) => ({ ...current, ...change }));

  const shownRefusal = refusal !== null && refusal.draft === draft ? refusal : null;
  const refusalKey = shownRefusal === null ? null : problemKey(shownRefusal.error.field);
  const problems: ComposerProblems = {
    ...(attempt === null ? {} : composerProblems(draft, channels, attempt.intent, new Date())),
    ...(shownRefusal === null || refusalKey === null ? {} : { [refusalKey]: shownRefusal.error.message }),
  };

  const save = async (intent: Intent) => {
    setRefusal(null);
    setAttempt({ intent, presses: presses + 1 });
    if (Object.keys(composerProblems(draft, channels, intent, new Date())).length > 0) return;
    setBusy(intent);
    const result = await call('post.create', createInput(draft, channels, intent));
    setBusy(null);
    if (!result.ok) return setRefusal({ error: result.error, intent, draft });
    onSaved(result.value);
  };

  const waiting = shownRefusal === null ? Object.values(problems) : [];
  const textError = problems.text;
  return (
    <Stack gap="md">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview{variants.length > 0 ? ` (${variants.length})` : ''}</Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="write" pt="md">
          <Stack gap="lg">
            <PostComposerChannels channels={channels} schools={schools} value={draft.channels} error={problems.channels} onChange={(refs) => update({ channels: refs })} />

            <Textarea
              label="Intended outcome"
              description={`What this post is for, in a sentence. The policy: “${POLICY.outcomes}”`}
              placeholder="Such as: Thank parents for coming to sports day, and show the Year 6 relay."
              autosize
              minRows={2}
              maxRows={4}
              maxLength={OUTCOME_MAX + 50}
              value={draft.outcome}
              onChange={(event) => update({ outcome: event.currentTarget.value })}
              error={problems.outcome}
              required
            />

            <Section title="The post">
              <Textarea
                label="Text"
                description="Shared by every account unless you give one its own text below. Each account's length is counted as its platform counts it."
                autosize
                minRows={4}
                maxRows={14}
                value={draft.text}
                onChange={(event) => update({ text: event.currentTarget.value })}
                error={textError}
                required
              />
              {problems.variants !== undefined && (
                <Text size="sm" c="red.8" role="alert">
                  {problems.variants}
                </Text>
              )}
              <PostComposerVariants
                variants={variants}
                problems={problems}
                onOwnText={(ref, text) => {
                  setDraft((current) => {
                    const own = { ...current.own };
                    if (text === null) delete own[ref];
                    else own[ref] = text;
                    return { ...current, own };
                  });
                }}
                onTitle={(ref, title) => setDraft((current) => ({ ...current, titles: { ...current.titles, [ref]: title } }))}
              />
            </Section>

            <Section title="Images and video">
              <PostComposerMedia media={draft.media} problems={problems} onChange={(media) => update({ media })} instagram={draft.channels.some((ref) => ref.startsWith('instagram:'))} />
              {draft.media.length > 0 && (
                <PostComposerPupils
                  value={draft.pupils}
                  named={draft.named}
                  seesNoPublishList={seesNoPublishList}
                  entries={entries}
                  error={problems.pupils}
                  onChange={(value) => update({ pupils: value })}
                  onNamed={(named) => update({ named })}
                />
              )}
            </Section>

            <Section title="Before it goes for approval">
              <Text size="sm">Tick each box to send the post for approval. A draft can be saved without them.</Text>
              {problems.checklist !== undefined && (
                <Alert color="red" title="Cannot go for approval yet" role="alert">
                  {problems.checklist}
                </Alert>
              )}
              <PostComposerChecklist
                hasMedia={draft.media.length > 0}
                pupils={pupils}
                checks={draft.checks}
                training={training}
                texts={texts}
                problems={problems}
                onChange={(checks) => update({ checks })}
              />
            </Section>

            <Section title="When to publish">
              <Radio.Group value={draft.when} onChange={(value) => update({ when: value as WhenChoice })} aria-label="When to publish" error={problems.at}>
                <Stack gap={6}>
                  <Radio value="now" label="As soon as it is approved" />
                  <Radio value="later" label="At a date and time" />
                  <Radio value="undecided" label="Not decided yet" description="It waits after approval until a time is set." />
                </Stack>
              </Radio.Group>
              {draft.when === 'later' && (
                <div className="form-pair">
                  <TextInput label="Date" type="date" value={draft.day} onChange={(event) => update({ day: event.currentTarget.value })} required />
                  <TextInput label="Time (UK time)" type="time" value={draft.time} onChange={(event) => update({ time: event.currentTarget.value })} required />
                </div>
              )}
            </Section>
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="preview" pt="md">
          <PostPreview variants={variants} media={draft.media} />
        </Tabs.Panel>
      </Tabs>

      {/* Clear of the sticky buttons when scrolled into view. */}
      <div ref={note} style={{ scrollMarginBottom: 96 }}>
        {shownRefusal !== null ? (
          <Alert color="red" title={shownRefusal.intent === 'draft' ? 'Not saved' : 'Not sent for approval'} role="alert">
            {shownRefusal.error.message}
          </Alert>
        ) : (
          waiting.length > 0 && (
            <Alert color="red" title={attempt?.intent === 'draft' ? 'Not saved yet' : 'Not sent for approval yet'} role="alert">
              <List size="sm" spacing={2}>
                {waiting.map((message) => (
                  <List.Item key={message}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )
        )}
      </div>
      {/* The buttons stay in view at the foot of the dialog however far the form is scrolled. */}
      <Group
        justify="space-between"
        gap="sm"
        style={{ position: 'sticky', bottom: 0, zIndex: 2, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-gray-3)', padding: '12px 0 16px' }}
      >
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Group gap="sm">
          <Button variant="light" loading={busy === 'draft'} disabled={busy === 'submit'} onClick={() => void save('draft')}>
            Save as draft
          </Button>
          <Button loading={busy === 'submit'} disabled={busy === 'draft'} onClick={() => void save('submit')}>
            Send for approval
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
