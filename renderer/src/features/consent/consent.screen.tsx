// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './consent.css';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ConsentEntryView, SchoolView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { matchesWords } from '../../format/search-words.format';
import { ukDay } from '../../format/uk-time.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { useConsoleSession } from '../../session/console-session.context';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { ConsentAddDialog } from './consent-add-dialog.component';
import { ConsentRemoveDialog, type ConsentRemoval } from './consent-remove-dialog.component';
import { ConsentTable } from './consent-table.component';
import { consentPersonWords, consentReasonWords } from './consent-words.format';
import { useMay } from '../../session/use-may.hook';

function matches(entry: ConsentEntryView, query: string): boolean {
  return matchesWords([entry.name, entry.class ?? '', consentReasonWords[entry.reason].label, entry.note ?? ''], query);
}

/** The register's own order: by name, then the order added. */
function byName(a: ConsentEntryView, b: ConsentEntryView): number {
  const an = a.name.toLowerCase();
  const bn = b.name.toLowerCase();
  return an < bn ? -1 : an > bn ? 1 : a.id - b.id;
}

/**
 * One school's list, as the core gave it when it was opened (that view is recorded), with this
 * window's own additions and removals applied, so changing the list does not count as looking
 * at it again.
 */
function SchoolList({ school, includeRemoved, canChange }: { school: SchoolView; includeRemoved: boolean; canChange: boolean }) {
  const list = useInvoke('consent.list', { school: school.code, ...(includeRemoved ? { includeRemoved: true } : {}) });
  const [changed, setChanged] = useState<ConsentEntryView[]>([]);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [removal, setRemoval] = useState<ConsentRemoval | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = ukDay(new Date());

  const entries = useMemo(() => {
    if (list.status !== 'ok') return [];
    const merged = new Map(list.value.map((entry) => [entry.id, entry]));
    for (const entry of changed) merged.set(entry.id, entry);
    return [...merged.values()].filter((entry) => includeRemoved || entry.removedAt === null).sort(byName);
  }, [list, changed, includeRemoved]);
  const shown = useMemo(() => entries.filter((entry) => matches(entry, query)), [entries, query]);
  const inForce = entries.filter((entry) => entry.active).length;

  if (list.status === 'loading') return <Loading what={`${school.name}’s list`} />;
  if (list.status === 'error') {
    return (
      <Alert color="red" title={list.error.code === 'forbidden' ? 'You cannot see this list' : `Custodian could not open ${school.name}’s list`} role="alert">
        <Text size="sm">{list.error.message}</Text>
        {list.error.code === 'forbidden' && (
          <Text size="sm" mt="xs">
            Your attempt was recorded. If you need to check a photo or video, ask an administrator or {school.name}’s senior leadership team.
          </Text>
        )}
      </Alert>
    );
  }

  return (
    <section aria-labelledby="consent-list-heading">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id="consent-list-heading">
          {school.name}’s list
        </Title>
        {canChange && (
          <Button
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            Add to the list
          </Button>
        )}
      </Group>
      <Stack gap="md">
        {notice !== null && (
          <Alert color="green" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)} role="status">
            {notice}
          </Alert>
        )}
        {entries.length > 0 && (
          <TextInput label="Find" placeholder="A name, initials or a class" value={query} onChange={(event) => setQuery(event.currentTarget.value)} w={300} {...searchFieldProps} />
        )}
        <Text size="sm" c="dimmed" aria-live="polite">
          {entries.length === 0
            ? `Nobody is on ${school.name}’s list.`
            : `${entries.length} ${entries.length === 1 ? 'person' : 'people'} on the list, ${inForce} in force today.${shown.length < entries.length ? ` ${shown.length} shown.` : ''}`}
        </Text>
        {shown.length > 0 && (
          <Paper withBorder>
            <ConsentTable entries={shown} schoolName={school.name} today={today} canRemove={canChange} onRemove={(entry) => setRemoval({ entry, schoolName: school.name })} />
          </Paper>
        )}
      </Stack>
      {canChange && (
        <>
          <ConsentAddDialog
            school={adding ? school : null}
            onClose={() => setAdding(false)}
            onAdded={(entry) => {
              setAdding(false);
              setChanged((current) => [...current, entry]);
              setNotice(`${consentPersonWords(entry)} is on ${school.name}’s list: ${consentReasonWords[entry.reason].label.toLowerCase()}.`);
            }}
          />
          <ConsentRemoveDialog
            removal={removal}
            onClose={() => setRemoval(null)}
            onRemoved={(entry) => {
              setRemoval(null);
              setChanged((current) => [...current, entry]);
              setNotice(`${consentPersonWords(entry)} is no longer on ${school.name}’s list.`);
            }}
          />
        </>
      )}
    </section>
  );
}

/**
 * The consent register: per school, who must not appear in images published on the official
 * accounts. Safeguarding information: open only to administrators and the school's own senior
 * leadership team (the core refuses anyone else), and every look at a list is recorded.
 */
export function ConsentScreen() {
  const { operator } = useConsoleSession();
  const canChange = useMay('consent.add');
  const schools = useInvoke('school.list', {});
  // An SLT auditor sees their own school's list only.
  const fixed = operator.schoolScope;
  const [chosen, setChosen] = useState(fixed ?? '');
  const [includeRemoved, setIncludeRemoved] = useState(false);

  const schoolList = useMemo(() => (schools.status === 'ok' ? [...schools.value].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) : []), [schools]);
  const school = schoolList.find((s) => s.code === chosen) ?? null;

  return (
    <>
      <ScreenHeading
        title="Consent"
        intro="Who must not appear in images published on the official accounts: pupils without consent, consent withdrawn or for safeguarding reasons, and anyone who asked not to be filmed or photographed."
      />
      <Stack gap="lg">
        <Alert color="indigo" title="Safeguarding information" role="note">
          <Text size="sm">
            Each time a school’s list is opened, Custodian records who looked at it and when. Open it only when you need to, such as before publishing photos
            or video, and do not copy, print or share it.
          </Text>
        </Alert>
        <Group gap="lg" align="flex-end" wrap="wrap">
          {fixed !== null ? (
            <div>
              <Text size="sm" c="dimmed">
                School
              </Text>
              <Text size="lg" fw={600}>
                {school?.name ?? fixed}
              </Text>
            </div>
          ) : (
            <NativeSelect
              label="School"
              description="Opening a school’s list is recorded."
              value={chosen}
              onChange={(event) => setChosen(event.currentTarget.value)}
              data={[{ value: '', label: 'Choose a school' }, ...schoolList.map((s) => ({ value: s.code, label: s.name }))]}
              disabled={schools.status !== 'ok'}
              w={320}
            />
          )}
          {/* Who was taken off the list, and when: administrators only (the least an auditor needs is who is on it now). */}
          {canChange && school !== null && (
            <Checkbox label="Include people taken off the list" checked={includeRemoved} onChange={(event) => setIncludeRemoved(event.currentTarget.checked)} mb={8} />
          )}
        </Group>
        {schools.status === 'loading' && <Loading what="the schools" />}
        {schools.status === 'error' && <LoadFailed what="the schools" error={schools.error} onRetry={schools.reload} />}
        {schools.status === 'ok' && school === null && fixed === null && (
          <Text c="dimmed">Choose a school to see its list.</Text>
        )}
        {school !== null && <SchoolList key={`${school.code} ${includeRemoved}`} school={school} includeRemoved={includeRemoved} canChange={canChange} />}
      </Stack>
    </>
  );
}
