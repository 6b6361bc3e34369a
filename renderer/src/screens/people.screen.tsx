import { Alert, Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PersonView } from '../../../shared/contract/views';
import type { ConsoleRole } from '../../../shared/domain/enums';
import { useInvoke } from '../api/use-invoke.hook';
import { AddPersonDialog } from '../components/add-person-dialog.component';
import { LeaverDialog } from '../components/leaver-dialog.component';
import { LoadFailed, Loading } from '../components/load-state.component';
import { ScreenHeading } from '../components/screen-heading.component';
import { channelNamer, schoolNamer } from '../format/channel-names.format';
import { consoleRoleNames, personRoleNames } from '../format/contract-words.format';
import { formatUkDate } from '../format/uk-time.format';
import { useConsoleSession } from '../session/console-session.context';
import { searchFieldProps } from '../hooks/use-search-shortcut.hook';

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

function PeopleTable({
  people,
  schoolName,
  isAdmin,
  onLeaver,
}: {
  people: PersonView[];
  schoolName(code: string | null): string;
  isAdmin: boolean;
  onLeaver(person: PersonView): void;
}) {
  return (
    <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Email</Table.Th>
          <Table.Th scope="col">Role</Table.Th>
          <Table.Th scope="col">School</Table.Th>
          <Table.Th scope="col">Console access</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          {isAdmin && (
            <Table.Th scope="col" className="people-col-actions">
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {people.map((person) => (
          <Table.Tr key={person.id} className={person.active ? undefined : 'person-row--left'}>
            <Table.Th scope="row" fw={600}>
              {person.name}
            </Table.Th>
            <Table.Td className="break-anywhere">{person.email}</Table.Td>
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
            {isAdmin && (
              <Table.Td>
                {person.leftOn === null && (
                  <Button size="xs" variant="default" onClick={() => onLeaver(person)} aria-label={`Record leaving for ${person.name}`}>
                    Record leaving
                  </Button>
                )}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function matches(person: PersonView, schoolLabel: string, query: string): boolean {
  const text = [person.name, person.email, personRoleNames[person.role], schoolLabel, person.consoleRole === null ? '' : consoleRoleNames[person.consoleRole]]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => text.includes(word));
}

export function PeopleScreen() {
  const { operator } = useConsoleSession();
  const isAdmin = operator.consoleRole === 'admin';
  const people = useInvoke('person.list', {});
  const schools = useInvoke('school.list', {});
  const channels = useInvoke('channel.list', {});
  const [query, setQuery] = useState('');
  const [showLeft, setShowLeft] = useState(true);
  const [adding, setAdding] = useState(false);
  const [leaver, setLeaver] = useState<PersonView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const schoolName = useMemo(() => schoolNamer(schools.status === 'ok' ? schools.value : []), [schools]);
  const nameOf = useMemo(() => channelNamer(channels.status === 'ok' ? channels.value : []), [channels]);
  const shown = useMemo(
    () => (people.status === 'ok' ? people.value.filter((p) => (showLeft || p.active) && matches(p, p.school === null ? 'Trust' : schoolName(p.school), query)) : []),
    [people, showLeft, query, schoolName],
  );
  const counts = people.status === 'ok' ? { all: people.value.length, operators: people.value.filter((p) => p.consoleRole !== null && p.active).length } : null;

  return (
    <>
      <ScreenHeading
        title="People"
        intro={
          isAdmin
            ? 'Everyone on the register: the trust core team, school leaders and staff, and who can sign in to Custodian.'
            : 'Everyone on the register, and who can sign in to Custodian. Only an administrator can add people or record leavers.'
        }
        actions={
          isAdmin && (
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
          <Paper withBorder>
            {shown.length === 0 ? (
              <Text c="dimmed" p="lg">
                {people.value.length === 0 ? 'Nobody is on the register yet.' : 'Nobody matches.'}
              </Text>
            ) : (
              <PeopleTable people={shown} schoolName={schoolName} isAdmin={isAdmin} onLeaver={setLeaver} />
            )}
          </Paper>
        </Stack>
      )}
      {isAdmin && (
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
                  : `${person.name} is on the register and can sign in to Custodian as ${asRole[person.consoleRole]}.`,
              );
              people.reload();
            }}
          />
          <LeaverDialog person={leaver} nameOf={nameOf} onClose={() => setLeaver(null)} onRecorded={people.reload} />
        </>
      )}
    </>
  );
}
