import { Stack } from '@mantine/core';
import { BackupsSection } from '../components/backups-section.component';
import { ImportsSection } from '../components/imports-section.component';
import { ReviewPackSection } from '../components/review-pack-section.component';
import { ScreenHeading } from '../components/screen-heading.component';
import { useConsoleSession } from '../session/console-session.context';

/** Data in and out: the signed annual review pack, and (administrators) backups and imports. */
export function DataScreen() {
  const { operator } = useConsoleSession();
  return (
    <>
      <ScreenHeading
        title="Data"
        intro={
          operator.consoleRole === 'admin'
            ? 'The signed annual review pack for governors, backups of the vault, and imports of what you already keep.'
            : 'The signed annual review pack for governors.'
        }
      />
      <Stack gap="xl">
        <ReviewPackSection />
        {/* backup.*: administrators only (the contract's table). */}
        {operator.consoleRole === 'admin' && <BackupsSection />}
        {/* import.*: administrators only. */}
        {operator.consoleRole === 'admin' && <ImportsSection />}
      </Stack>
    </>
  );
}
