import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { OperatorView } from '../../../../shared/contract/views';
import { invoke } from '../../api/custodian.client';
import { AuthLayout } from './auth-layout.component';

/** Right after first run: offer the example trust, or an empty start. */
export function WelcomeScreen({
  operator,
  trustName,
  onDone,
}: {
  operator: OperatorView;
  trustName: string;
  onDone(notice?: string): void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const loadExample = async () => {
    setBusy(true);
    setProblem(null);
    const loaded = await invoke('example.load', { demo: false });
    setBusy(false);
    if (!loaded.ok) return setProblem(loaded.error.message);
    const { schools, channels } = loaded.value;
    onDone(`The example trust is loaded: ${schools} schools and ${channels} official channels. Nobody holds their login details yet.`);
  };

  return (
    <AuthLayout wide>
      <Stack gap="lg">
        <div>
          <Title order={1} size="h2">
            {trustName} is set up
          </Title>
          <Text c="dimmed" mt={4}>
            You are signed in as {operator.name}, the trust&apos;s first administrator. How would you like to start?
          </Text>
        </div>
        {problem !== null && (
          <Alert color="red" title="The example trust was not loaded" role="alert">
            {problem}
          </Alert>
        )}
        <div className="choice-grid">
          <Paper withBorder p="lg" component="section" aria-labelledby="choice-example">
            <Stack gap="sm" h="100%" justify="space-between">
              <div>
                <Title order={2} size="h4" id="choice-example">
                  Use the example trust
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  Adds the schools and official channels listed in the appendix of the social media policy, so you can look around. No
                  passwords are stored and nobody is given access.
                </Text>
              </div>
              <Button onClick={() => void loadExample()} loading={busy}>
                Load the example trust
              </Button>
            </Stack>
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="choice-empty">
            <Stack gap="sm" h="100%" justify="space-between">
              <div>
                <Title order={2} size="h4" id="choice-empty">
                  Start with an empty trust
                </Title>
                <Text size="sm" c="dimmed" mt={4}>
                  Add your own schools, channels and people when you are ready.
                </Text>
              </div>
              <Button variant="default" onClick={() => onDone()} disabled={busy}>
                Go to the dashboard
              </Button>
            </Stack>
          </Paper>
        </div>
      </Stack>
    </AuthLayout>
  );
}
