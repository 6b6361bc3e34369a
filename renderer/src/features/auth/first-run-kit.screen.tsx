import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { invoke } from '../../api/custodian.client';
import { RecoveryKitMaker } from '../../ui/recovery-kit-maker.component';
import { AuthLayout } from './auth-layout.component';

/**
 * First run, after the administrator is created and signed in, or the first administrator sign-in
 * of a vault from before the kit ('no-kit', offered once by the core): the recovery kit, or "Later"
 * (the compliance report then shows its absence as a high finding, and the Data page makes it).
 */
export function FirstRunKitScreen({ trustName, offer, onDone }: { trustName: string; offer: 'first-run' | 'no-kit'; onDone(): void }) {
  const [step, setStep] = useState<'none' | 'made' | 'confirmed'>('none');
  return (
    <AuthLayout wide>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            Make the recovery kit
          </Title>
          <Text c="dimmed" mt={4}>
            {offer === 'first-run'
              ? `${trustName} is set up. One more step: a single printed page that keeps the trust from being locked out.`
              : `${trustName} has no recovery kit yet: a single printed page that keeps the trust from being locked out.`}
          </Text>
        </div>
        <Stack gap="xs">
          <Text>
            Custodian locks each account&apos;s login details so that only the people who hold them can open them. If every holder of an
            account leaves or forgets their passphrase, nobody can open its login details again, not even an administrator, unless the
            trust has its recovery kit. The kit can also make a new administrator if every administrator is gone.
          </Text>
          <Text>
            Save the kit as a PDF, print it, and put the page in the trust&apos;s safe. Then delete the file: the page is the only copy
            there should be.
          </Text>
        </Stack>
        <RecoveryKitMaker call={invoke} onMade={() => setStep('made')} onConfirmed={() => setStep('confirmed')} />
        <Group justify="space-between" align="center" wrap="nowrap">
          {step === 'none' ? (
            <Text size="sm" c="dimmed">
              Until a kit exists, the compliance report shows it as a high-risk finding. You can make it later on the Data page.
            </Text>
          ) : (
            <span />
          )}
          <Button variant={step === 'confirmed' ? 'filled' : 'default'} onClick={onDone} style={{ flexShrink: 0 }}>
            {step === 'none' ? 'Later' : step === 'made' ? 'Check later and continue' : 'Continue'}
          </Button>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
