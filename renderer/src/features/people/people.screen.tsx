// This page's own rules, fetched with its lazily loaded chunk (theme/app.css holds the shared ones).
import './people.css';
import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import type { ComplianceFindingView, PersonView, TrainingView } from '../../../../shared/contract/views';
import type { ConsoleRole } from '../../../../shared/domain/enums';
import { useInvoke } from '../../api/use-invoke.hook';
import { formatShortDate } from '../../format/calendar-dates.format';
import { channelNamer, schoolNamer } from '../../format/channel-names.format';
import { consoleRoleNames, personRoleNames } from '../../format/contract-words.format';
import { matchesWords } from '../../format/search-words.format';
import { formatUkDate } from '../../format/uk-time.format';
import { searchFieldProps } from '../../hooks/use-search-shortcut.hook';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { AddPersonDialog } from './add-person-dialog.component';
import { LeaverDialog } from './leaver-dialog.component';
import { TrainingDialog } from './training-dialog.component';
import { needsTraining, TrainingStatus, type TrainingState } from './training-status.component';
import { useMay } from '../../session/use-may.hook';

const asRole: Record<ConsoleRole, string> = { admin: 'an administrator', auditor: 'an auditor', poster: 'a poster' };

function Status({ person }: { person: PersonView }) {
  if (person.leftOn === null) {
    return (
      <Badge color="green" variant="light">
        Active
      </Badge>
    );
  }
  return person.active ? (
    <Badge color="orange" variant="light">
      Leaving {formatUkDate(person.leftOn)}
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Left {formatUkDate(person.leftOn)}
    </Badge>
  );
}

const NO_TRAINING: TrainingState = { latest: null, findings: [] };

/** Each person's most recent training, and the compliance findings about it, by email. */
function trainingStates(records: readonly TrainingView[], findings: readonly ComplianceFindingView[]): Map<string, TrainingState> {
  const states = new Map<string, TrainingState>();
  const state = (email: string) => {
    const key = email.toLowerCase();
    let found = states.get(key);
    if (found === undefined) {
      found = { latest: null, findings: [] };
      states.set(key, found);
    }
    return found;
  };
  for (const record of records) {
    const current = state(record.personEmail);
    if (current.latest === null || record.trainedOn > current.latest.trainedOn) current.latest = record;
  }
  for (const finding of findings) {
    if (finding.ruleId === 'poster-training' && finding.subject.kind === 'person') state(finding.subject.key).findings = [...state(finding.subject.key).findings, finding];
  }
  return states;
}

function PeopleTable({
  people,
  schoolName,
  canChange,
  trainingOf,
  onLeaver,
  onTraining,
}: {
  people: PersonView[];
  schoolName(code: string | null): string;
  canChange: boolean;
  trainingOf(person: PersonView): TrainingState;
  onLeaver(person: PersonView): void;
  onTraining(person: PersonView): void;
}) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name and email</Table.Th>
          <Table.Th scope="col">Role</Table.Th>
          <Table.Th scope="col">School</Table.Th>
          <Table.Th scope="col">Console access</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col" className="people-col-training">
            Training
          </Table.Th>
          {canChange && (
            <Table.Th scope="col" className="people-col-actions">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {people.map((person) => {
          const training = trainingOf(person);
          const flagged = person.active && needsTraining(training);
          return (
            <Table.Tr key={person.id} className={person.active ? (flagged ? 'person-row--needs-training' : undefined) : 'person-row--left'}>
              <Table.Th scope="row">
                <Text size="sm" fw={600}>
                  {person.name}
                </Text>
                <Text size="xs" c="dimmed" className="break-anywhere">
                  {person.email}
                </Text>
              </Table.Th>
              <Table.Td>{personRoleNames[person.role]}</Table.Td>
              <Table.Td>{person.school === null ? 'Trust' : schoolName(person.school)}</Table.Td>
              <Table.Td>
                {person.consoleRole === null ? (
                  <Text size="sm" c="dimmed">
                    None
                  </Text>
                ) : (
                  consoleRoleNames[person.consoleRole]
                )}
              </Table.Td>
              <Table.Td>
                <Status person={person} />
              </Table.Td>
              <Table.Td>
                <TrainingStatus state={person.active ? training : { ...training, findings: [] }} />
              </Table.Td>
              {canChange && (
                <Table.Td>
                  <div className="people-actions">
                    {person.active && (
                      <Button size="xs" variant={flagged ? 'filled' : 'default'} onClick={() => onTraining(person)} aria-label={`Record training for ${person.name}`}>
                        Record training
                      </Button>
                    )}
                    {person.leftOn === null && (
                      <Button size="xs" variant="default" onClick={() => onLeaver(person)} aria-label={`Record leaving for ${person.name}`}>
                        Record leaving
                      </Button>
                    )}
                  </div>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function matches(person: PersonView, schoolLabel: string, query: string): boolean {
  return matchesWords([person.name, person.email, personRoleNames[person.role], schoolLabel, person.consoleRole === null ? '' : consoleRoleNames[person.consoleRole]], query);
}

export function PeopleScreen() {
  const canChange = useMay('person.add');
  const people = useInvoke('person.list', {});
  const schools = useInvoke('school.list', {});
  const channels = useInvoke('channel.list', {});
  const training = useInvoke('training.list', {});
  const compliance = useInvoke('compliance.report', {});
  const [query, setQuery] = useState('');
  const [showLeft, setShowLeft] = useState(true);
  const [adding, setAdding] = useState(false);
  const [leaver, setLeaver] = useState<PersonView | null>(null);
  const [trainee, setTrainee] = useState<PersonView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const schoolName = useMemo(() => schoolNamer(schools.status === 'ok' ? schools.value : []), [schools]);
  const nameOf = useMemo(() => channelNamer(channels.status === 'ok' ? channels.value : []), [channels]);
  const shown = useMemo(
    () => (people.status === 'ok' ? people.value.filter((p) => (showLeft || p.active) && matches(p, p.school === null ? 'Trust' : schoolName(p.school), query)) : []),
    [people, showLeft, query, schoolName],
  );
  const states = useMemo(
    () => trainingStates(training.status === 'ok' ? training.value : [], compliance.status === 'ok' ? compliance.value.findings : []),
    [training, compliance],
  );
  const trainingOf = useCallback((person: PersonView) => states.get(person.email.toLowerCase()) ?? NO_TRAINING, [states]);
  const administrators = useMemo(
    () => (people.status === 'ok' ? people.value.filter((p) => p.active && p.consoleRole === 'admin').sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) : []),
    [people],
  );
  const untrained = people.status === 'ok' ? people.value.filter((p) => p.active && needsTraining(trainingOf(p))).length : 0;
  const counts = people.status === 'ok' ? { all: people.value.length, operators: people.value.filter((p) => p.consoleRole !== null && p.active).length } : null;

  return (
    <>
      <ScreenHeading
        title="People"
        intro={
          canChange
            ? 'Everyone on the register: the trust core team, school leaders and staff, who can sign in to Custodian, and their social media training.'
            : 'Everyone on the register, who can sign in to Custodian, and their social media training. Only an administrator can add people or record leavers.'
        }
        actions={
          canChange && (
            <Button onClick={() => setAdding(true)} disabled={schools.status !== 'ok'}>
              Add a person
            </Button>
          )
        }
      />
      {notice !== null && (
        <Alert color="green" mb="lg" withCloseButton closeButtonLabel="Dismiss this message" onClose={() => setNotice(null)} role="status">
          {notice}
        </Alert>
      )}
      {people.status === 'loading' && <Loading what="the people" />}
      {people.status === 'error' && <LoadFailed what="the people" error={people.error} onRetry={people.reload} />}
      {people.status === 'ok' && (
        <Stack gap="md">
          <Group gap="lg" align="flex-end" wrap="wrap">
            <TextInput label="Find a person" placeholder="Name, email, role or school" value={query} onChange={(event) => setQuery(event.currentTarget.value)} w={360} {...searchFieldProps} />
            <Checkbox label="Include people who have left" checked={showLeft} onChange={(event) => setShowLeft(event.currentTarget.checked)} mb={8} />
          </Group>
          {counts !== null && (
            <Text size="sm" c="dimmed">
              {counts.all} {counts.all === 1 ? 'person' : 'people'} on the register; {counts.operators} can sign in to Custodian.
            </Text>
          )}
          {untrained > 0 && (
            <Text size="sm" c="red.9" fw={600}>
              {untrained === 1 ? '1 person who can post has' : `${untrained} people who can post have`} no training in date. The policy says everyone who can post must be trained by
              an account administrator.
            </Text>
          )}
          <Paper withBorder>
            {shown.length === 0 ? (
              <Text c="dimmed" p="lg">
                {people.value.length === 0 ? 'Nobody is on the register yet.' : 'Nobody matches.'}
              </Text>
            ) : (
              <PeopleTable people={shown} schoolName={schoolName} canChange={canChange} trainingOf={trainingOf} onLeaver={setLeaver} onTraining={setTrainee} />
            )}
          </Paper>
        </Stack>
      )}
      {canChange && (
        <>
          <AddPersonDialog
            opened={adding}
            schools={schools.status === 'ok' ? schools.value : []}
            onClose={() => setAdding(false)}
            onAdded={(person) => {
              setAdding(false);
              setNotice(
                person.consoleRole === null
                  ? `${person.name} is on the register.`
                  : `${person.name} is on the register and can sign in to Custodian as ${asRole[person.consoleRole]}; they choose their own passphrase at their first sign-in.`,
              );
              people.reload();
            }}
          />
          <LeaverDialog person={leaver} nameOf={nameOf} onClose={() => setLeaver(null)} onRecorded={people.reload} />
          <TrainingDialog
            person={trainee}
            latestOf={(person) => trainingOf(person).latest}
            administrators={administrators}
            onClose={() => setTrainee(null)}
            onRecorded={(record) => {
              setTrainee(null);
              setNotice(`Training recorded for ${record.personName}: trained ${formatShortDate(record.trainedOn)}, it runs out ${formatShortDate(record.expiresOn)}.`);
              training.reload();
              compliance.reload();
            }}
          />
        </>
      )}
    </>
  );
}
