import { Alert, Badge, Checkbox, Group, List, Paper, Radio, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ConsentEntryView } from '../../../../shared/contract/views';
import { CHECKLIST_LABELS, POLICY, POLICY_DONTS, POLICY_DOS, TONE_KEYWORDS, tonePromptsIn, type ChecklistItemId } from '../../../../shared/posts/prepublication-checklist';
import { formatUkDate } from '../../format/uk-time.format';
import type { ComposerChecks, PupilsChoice } from './post-composer.format';

type Mark = 'ok' | 'todo' | 'refused' | 'later';

const MARKS: Record<Mark, { sign: string; color: string; words: string }> = {
  ok: { sign: '✓', color: 'green.8', words: 'Done' },
  todo: { sign: '!', color: 'orange.8', words: 'To confirm' },
  refused: { sign: '✕', color: 'red.8', words: 'Cannot be sent' },
  later: { sign: '…', color: 'gray.7', words: 'Checked on sending' },
};

/** The policy's own words, quoted under the item they stand for. */
function Quote({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" c="dimmed" fs="italic" component="blockquote" m={0} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-gray-3)' }}>
      {children}
    </Text>
  );
}

function Item({ id, mark, children }: { id: ChecklistItemId; mark: Mark; children: ReactNode }) {
  const m = MARKS[mark];
  return (
    <Paper role="listitem" aria-label={CHECKLIST_LABELS[id]} withBorder p="xs" radius="sm">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Badge circle size="lg" color={m.color} variant={mark === 'ok' ? 'light' : 'filled'} aria-label={m.words} style={{ flex: 'none' }}>
          {m.sign}
        </Badge>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {CHECKLIST_LABELS[id]}
          </Text>
          {children}
        </Stack>
      </Group>
    </Paper>
  );
}

function Confirm({ label, checked, error, onChange }: { label: string; checked: boolean; error: string | undefined; onChange(checked: boolean): void }) {
  return <Checkbox size="sm" label={label} checked={checked} error={error} onChange={(event) => onChange(event.currentTarget.checked)} />;
}

/** The author's training as far as the window can know it: administrators see the register, posters learn on sending. */
export type AuthorTraining = { known: true; inDate: boolean; runsOutOn: string | null } | { known: false };

/**
 * Whether pupils appear in the media: none; present (the author confirms no listed pupil can be
 * identified, and the approver confirms it again); or, for administrators who can see the
 * no-publish list, the listed pupils who appear (such a post is refused).
 */
export function PostComposerPupils({
  value,
  named,
  seesNoPublishList,
  entries,
  error,
  onChange,
  onNamed,
}: {
  value: PupilsChoice;
  named: readonly number[];
  seesNoPublishList: boolean;
  entries: readonly ConsentEntryView[] | null;
  error: string | undefined;
  onChange(value: PupilsChoice): void;
  onNamed(ids: number[]): void;
}) {
  return (
    <Stack gap="xs">
      <Radio.Group label="Do pupils appear in the images or video?" value={value} onChange={(v) => onChange(v as PupilsChoice)} error={error} required>
        <Stack gap={6} mt={6}>
          <Radio value="none" label="No pupils appear" />
          <Radio value="present" label="Pupils appear" description="You, and then the approver, each confirm that no pupil on the school's no-publish list can be identified." />
          {seesNoPublishList && <Radio value="named" label="A pupil on the no-publish list appears" />}
        </Stack>
      </Radio.Group>
      {!seesNoPublishList && (
        <Text size="xs" c="dimmed">
          If a pupil on the school&apos;s no-publish list can be identified, do not post this image: edit it so they cannot be identified, or choose another. An
          administrator can check the list with you.
        </Text>
      )}
      {seesNoPublishList && value === 'named' && (
        <Stack gap="xs">
          <Alert color="red" title="This cannot be published" role="note">
            <Stack gap={4}>
              <Text size="sm">Edit the image so they cannot be identified, then declare the pupils present; or choose another image.</Text>
              <Quote>“{POLICY.pupils}”</Quote>
            </Stack>
          </Alert>
          {entries === null ? (
            <Text size="sm">Loading the no-publish list…</Text>
          ) : entries.length === 0 ? (
            <Text size="sm">The no-publish list of these accounts&apos; schools is empty.</Text>
          ) : (
            <Checkbox.Group label="Who appears" value={named.map(String)} onChange={(ids) => onNamed(ids.map(Number))}>
              <Stack gap={4} mt={6}>
                {entries.map((e) => (
                  <Checkbox key={e.id} value={String(e.id)} label={`${e.name}${e.class === null ? '' : ` (${e.class})`}, ${e.school}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * The pre-publication checklist, each item with the policy sentence it stands for and, where the
 * author confirms something, a tick box. Tone is a prompt, never a block.
 */
export function PostComposerChecklist({
  hasMedia,
  pupils,
  checks,
  training,
  texts,
  problems,
  onChange,
}: {
  hasMedia: boolean;
  pupils: PupilsChoice;
  checks: ComposerChecks;
  training: AuthorTraining;
  texts: readonly string[];
  problems: Record<string, string>;
  onChange(checks: ComposerChecks): void;
}) {
  const set = (key: keyof ComposerChecks) => (checked: boolean) => onChange({ ...checks, [key]: checked });
  const prompts = tonePromptsIn(texts);
  const trainingMark: Mark = !training.known ? 'later' : training.inDate ? 'ok' : 'refused';
  const pupilsMark: Mark = !hasMedia || pupils === 'none' ? 'ok' : pupils === 'named' ? 'refused' : checks.noListedPupilIdentifiable ? 'ok' : 'todo';
  return (
    <Stack gap="xs" role="list" aria-label="Pre-publication checklist">
      <Item id="author-trained" mark={trainingMark}>
        <Text size="sm">
          {!training.known
            ? 'Custodian checks your training record when you send the post for approval. A draft can be saved meanwhile.'
            : training.inDate
              ? `Your training is in date${training.runsOutOn === null ? '' : ` (it runs out on ${formatUkDate(training.runsOutOn)})`}.`
              : training.runsOutOn === null
                ? 'You have no training on record: save a draft, and send it once an account administrator has recorded your training.'
                : `Your training ran out on ${formatUkDate(training.runsOutOn)}: save a draft, and send it once your training is recorded again.`}
        </Text>
        <Quote>“{POLICY.training}”</Quote>
      </Item>

      <Item id="pupils" mark={pupilsMark}>
        {!hasMedia ? (
          <Text size="sm">The post has no image or video.</Text>
        ) : pupils === 'none' ? (
          <Text size="sm">You declared that no pupils appear in the images or video.</Text>
        ) : pupils === 'named' ? (
          <Text size="sm" c="red.8">
            A pupil on the no-publish list can be identified: the post cannot be sent for approval.
          </Text>
        ) : (
          <Confirm
            label="I have checked the images and video against the school's no-publish list: no pupil on it can be identified."
            checked={checks.noListedPupilIdentifiable}
            error={problems['checklist.noListedPupilIdentifiable']}
            onChange={set('noListedPupilIdentifiable')}
          />
        )}
        <Quote>“{POLICY.pupilList}”</Quote>
      </Item>

      <Item id="adults-consented" mark={!hasMedia || checks.adultsConsented ? 'ok' : 'todo'}>
        {hasMedia ? (
          <Confirm
            label="Every adult shown has consented to the image or video being shared."
            checked={checks.adultsConsented}
            error={problems['checklist.adultsConsented']}
            onChange={set('adultsConsented')}
          />
        ) : (
          <Text size="sm">The post has no image or video.</Text>
        )}
        <Quote>
          “{POLICY.consent}” “{POLICY.notFilmed}”
        </Quote>
      </Item>

      <Item id="rights" mark={checks.rightsConfirmed ? 'ok' : 'todo'}>
        <Confirm
          label="Anything in this post from someone else (words, photos, music) I have permission to share, and its author is credited."
          checked={checks.rightsConfirmed}
          error={problems['checklist.rightsConfirmed']}
          onChange={set('rightsConfirmed')}
        />
        <Quote>
          “{POLICY_DOS[1]}” “{POLICY.copyright}”
        </Quote>
      </Item>

      <Item id="dos-and-donts" mark={checks.dosAndDontsAcknowledged ? 'ok' : 'todo'}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: 12 }}>
          <List size="xs" spacing={2} aria-label="Dos">
            {POLICY_DOS.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <List size="xs" spacing={2} aria-label="Don'ts">
            {POLICY_DONTS.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </div>
        <Confirm
          label="I have read the policy's Dos and Don'ts, and this post follows them."
          checked={checks.dosAndDontsAcknowledged}
          error={problems['checklist.dosAndDontsAcknowledged']}
          onChange={set('dosAndDontsAcknowledged')}
        />
      </Item>

      <Item id="tone" mark="ok">
        <Group gap={6} role="group" aria-label="Tone key words">
          {TONE_KEYWORDS.map((word) => (
            <Badge key={word} variant="light" size="sm">
              {word}
            </Badge>
          ))}
        </Group>
        {prompts.length > 0 && (
          <Stack gap={2}>
            {prompts.map((p) => (
              <Text key={p.word} size="xs" c="orange.9">
                The text says “{p.word}”: read it again with this in mind. {p.dont}
              </Text>
            ))}
          </Stack>
        )}
        <Quote>“{POLICY.tone}”</Quote>
      </Item>
    </Stack>
  );
}
