import { Stack } from '@mantine/core';
import { BackupsSection } from '../components/backups-section.component';
import { ReviewPackSection } from '../components/review-pack-section.component';
import { ScreenHeading } from '../components/screen-heading.component';
import { useConsoleSession } from '../session/console-session.context';

/** Data in and out: the signed annual review pack, and (administrators) backups. */
export function DataScreen() {
  const { operator } = useConsoleSession();
  return (
    <>
      <ScreenHeading
        title="Data"
        intro={
          operator.consoleRole === 'admin'
            ? 'The signed annual review pack for governors, and backups of the vault.'
            : 'The signed annual review pack for governors.'
        }
      />
      <Stack gap="xl">
        <ReviewPackSection />
        {/* backup.*: administrators only (the contract's table). */}
        {operator.consoleRole === 'admin' && <BackupsSection />}
      </Stack>
    </>
  );
}
