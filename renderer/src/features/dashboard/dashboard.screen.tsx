// The dashboard's own rules (theme/app.css holds the shared ones).
import './dashboard.css';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ChannelView, DashboardView } from '../../../../shared/contract/views';
import { useInvoke } from '../../api/use-invoke.hook';
import { channelNamer, type ChannelName } from '../../format/channel-names.format';
import { pendingWords } from '../../format/holders-keys.format';
import { formatUkShortDate } from '../../format/uk-time.format';
import { FindingList } from '../../ui/finding-list.component';
import { LoadFailed, Loading } from '../../ui/load-state.component';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { GapCard, type GapItem } from './gap-card.component';
import { RecentUseTable } from './recent-use-table.component';

function CountCard({ label, value, note }: { label: string; value: number; note: string }) {
  return (
    <Paper withBorder p="lg" role="group" aria-label={label}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text className="count-value">{value}</Text>
      <Text size="xs" c="dimmed">
        {note}
      </Text>
    </Paper>
  );
}

function gapItems(refs: string[], nameOf: (ref: string) => ChannelName): GapItem[] {
  return refs.map((ref) => {
    const name = nameOf(ref);
    return { key: ref, primary: name.name, secondary: name.where };
  });
}

function OpenFindings({ compliance, onOpen }: { compliance: DashboardView['compliance']; onOpen(): void }) {
  const { counts, top } = compliance;
  const total = counts.high + counts.medium + counts.low;
  return (
    <section aria-labelledby="open-findings">
      <Group justify="space-between" align="flex-end" mb="sm">
        <div>
          <Title order={2} size="h3" id="open-findings">
            Against the policy
          </Title>
          <Text size="sm" c="dimmed">
            {total === 0
              ? 'Every rule of the social media policy is met.'
              : `${counts.high} high, ${counts.medium} medium and ${counts.low} low ${total === 1 ? 'finding' : 'findings'}. The most urgent:`}
          </Text>
        </div>
        <Button variant="light" onClick={onOpen}>
          See all findings
        </Button>
      </Group>
      {top.length > 0 && <FindingList findings={top} label="Most urgent findings" />}
    </section>
  );
}

function Summary({
  summary,
  channels,
  onOpenCompliance,
}: {
  summary: DashboardView;
  channels: ChannelView[];
  onOpenCompliance(): void;
}) {
  const nameOf = channelNamer(channels);
  // The same number as the findings beside it and on the Compliance page (the register's gaps below are some of them).
  const { counts } = summary.compliance;
  const problems = counts.high + counts.medium + counts.low;
  return (
    <Stack gap="xl">
      <div className="count-grid">
        <CountCard label="Official channels" value={summary.counts.channels} note="accounts on the register" />
        <CountCard label="Schools with channels" value={summary.counts.schools} note="besides the trust's own accounts" />
        <CountCard label="Holders" value={summary.counts.holders} note="one per person per channel they hold" />
        <CountCard label="Things to fix" value={problems} note="findings against the policy" />
      </div>

      <OpenFindings compliance={summary.compliance} onOpen={onOpenCompliance} />

      <section aria-labelledby="needs-attention">
        <Title order={2} size="h3" id="needs-attention" mb="sm">
          Policy checks
        </Title>
        <div className="gap-grid">
          <GapCard
            title="Channels without a core-team holder"
            rule="Someone in the trust's core team should hold the login details of every channel."
            items={gapItems(summary.withoutCoreTeamHolder, nameOf)}
            allClear="Every channel has a core-team holder."
          />
          <GapCard
            title="School channels without an SLT holder"
            rule="A member of the school's senior leadership team should hold the login details of each school channel."
            items={gapItems(summary.withoutSchoolSltHolder, nameOf)}
            allClear="Every school channel has an SLT holder."
          />
          <GapCard
            title="Channels without 2FA"
            rule="Two-factor authentication (2FA) should be on wherever the platform offers it."
            items={gapItems(summary.withoutTwoFactor, nameOf)}
            allClear="2FA is on wherever the platform offers it."
          />
          <GapCard
            title="Holders who have left"
            rule="People who have left the trust must not keep login details. Revoke their access and change the password."
            items={summary.holdersWhoLeft.map((h) => ({ key: `${h.channel} ${h.holderEmail}`, primary: h.holderEmail, secondary: nameOf(h.channel).name }))}
            allClear="Nobody who has left still holds login details."
          />
          <GapCard
            title="Channels due a new password"
            rule="A holder was removed and may have seen the login details. Set a new password on the platform, then in Custodian."
            items={channels
              .filter((c) => c.rotationDueSince !== null)
              .map((c) => ({ key: String(c.id), primary: c.name, secondary: `Since ${formatUkShortDate(c.rotationDueSince ?? '')}` }))}
            allClear="No channel is waiting for a new password."
          />
          <GapCard
            title="Access still waiting"
            rule="These people have been given access but cannot open the login details until the sign-in named here."
            items={summary.waitingAccess.map((g) => ({
              key: String(g.grantId),
              primary: g.holderName,
              secondary: `${nameOf(g.channel).name}: ${pendingWords(g.pending, g.holderName).badge.toLowerCase()}`,
            }))}
            allClear="Everyone given access can open the login details."
          />
        </div>
      </section>

      <section aria-labelledby="recent-use">
        <Title order={2} size="h3" id="recent-use" mb="sm">
          Recent use of login details
        </Title>
        <Paper withBorder p="md">
          <RecentUseTable uses={summary.recentUse} nameOf={nameOf} />
        </Paper>
      </section>
    </Stack>
  );
}

export function DashboardScreen({ notice, onDismissNotice, onOpenCompliance }: { notice: string | null; onDismissNotice(): void; onOpenCompliance(): void }) {
  const summary = useInvoke('dashboard.summary', {});
  const channels = useInvoke('channel.list', {});
  const reload = () => {
    summary.reload();
    channels.reload();
  };
  return (
    <>
      <ScreenHeading
        title="Dashboard"
        intro="How the trust's official accounts stand against the social media policy today."
        actions={
          <Button variant="default" onClick={reload}>
            Refresh
          </Button>
        }
      />
      {notice !== null && (
        <Alert color="green" mb="lg" withCloseButton closeButtonLabel="Dismiss this message" onClose={onDismissNotice}>
          {notice}
        </Alert>
      )}
      {summary.status === 'loading' && <Loading what="the dashboard" />}
      {summary.status === 'error' && <LoadFailed what="the dashboard" error={summary.error} onRetry={reload} />}
      {summary.status === 'ok' && (
        <Summary
          summary={summary.value}
          channels={channels.status === 'ok' ? channels.value : []}
          onOpenCompliance={onOpenCompliance}
        />
      )}
    </>
  );
}
