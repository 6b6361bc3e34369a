import { Group, List, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CredentialImportView } from '../../../../shared/contract/views';
import { ImportCard } from './import-card.component';

type Format = CredentialImportView['format'];

const FORMATS: { value: Format; label: string }[] = [
  { value: 'bitwarden-json', label: 'Bitwarden (.json)' },
  { value: 'keepass-xml', label: 'KeePass (XML)' },
  { value: 'csv', label: 'Spreadsheet (CSV)' },
];

/** How to get each kind of export out of the password manager (docs/imports.md says the same). */
const HOW_TO_EXPORT: Record<Format, string> = {
  'bitwarden-json': 'In Bitwarden: Tools → Export vault → file format ".json" (not ".json (Encrypted)").',
  'keepass-xml': 'In KeePass: File → Export → KeePass XML (2.x). In KeePassXC: Database → Export → XML.',
  csv: 'A spreadsheet saved as CSV UTF-8, with the columns name, url, username, password, totp.',
};

const TEMPLATE_HEADER = 'kind,name,email,role,school,platform,handle,registration_email,two_factor,purpose';

function RegisterHelp() {
  return (
    <>
      <Text size="sm" c="dimmed">
        A spreadsheet of your social media channels, the people on the register and who holds which login details, saved as CSV
        UTF-8. Start from the template that comes with Custodian (register-template.csv); it has these columns:
      </Text>
      <pre className="file-example">{TEMPLATE_HEADER}</pre>
      <List size="sm" c="dimmed" spacing={2} mt={4}>
        <List.Item>
          <strong>channel</strong> rows: platform and handle (name, school, registration email, 2FA and purpose if you have them).
        </List.Item>
        <List.Item>
          <strong>person</strong> rows: name, email and role (core-team, slt or staff), and the school code for school staff.
        </List.Item>
        <List.Item>
          <strong>holder</strong> rows: the person&apos;s email, and the channel&apos;s platform and handle.
        </List.Item>
      </List>
    </>
  );
}

/**
 * Moving in (administrators): the register from a CSV, and channel login details from a
 * password manager's export. Both preview first and import all or nothing; the files are
 * chosen and read in main, so their text (and the passwords in an export) never reach the page.
 */
export function ImportsSection() {
  const [format, setFormat] = useState<Format>('bitwarden-json');
  return (
    <section aria-labelledby="imports-title">
      <Title order={2} size="h3" id="imports-title">
        Imports
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md">
        Bring in what you already keep. You always see a preview first, line by line; nothing changes until you choose Import, and if
        any line has a problem nothing is imported at all. Importing the same file twice is safe.
      </Text>
      {/* One card above the other: a preview table needs the full width (and responsive props inject <style>, which the CSP refuses). */}
      <Stack gap="lg">
        <ImportCard
          titleId="import-register-title"
          title="People, channels and holders (CSV)"
          fileWords="The register file"
          request={{ kind: 'register' }}
          description={<RegisterHelp />}
        />
        <ImportCard
          titleId="import-credentials-title"
          title="Login details from a password manager"
          fileWords="The export"
          request={{ kind: 'credentials', format }}
          description={
            <Text size="sm" c="dimmed">
              Passwords and 2FA keys for the channels already in Custodian, matched by each entry&apos;s web address or @handle. They go
              straight into this computer&apos;s keychain and are never shown here. Delete the export file once it is imported.
            </Text>
          }
          controls={
            <div>
              <Radio.Group label="What kind of file is it?" value={format} onChange={(next) => setFormat(next as Format)}>
                <Group gap="lg" mt={6}>
                  {FORMATS.map((f) => (
                    <Radio key={f.value} value={f.value} label={f.label} />
                  ))}
                </Group>
              </Radio.Group>
              <Text size="xs" c="dimmed" mt={6}>
                {HOW_TO_EXPORT[format]}
              </Text>
            </div>
          }
        />
      </Stack>
    </section>
  );
}
