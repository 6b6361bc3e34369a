import { Stack } from '@mantine/core';
import { useConsoleSession } from '../../session/console-session.context';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { BackupsSection } from './backups-section.component';
import { ImportsSection } from './imports-section.component';
import { RecoveryKitSection } from './recovery-kit-section.component';
import { ReviewPackSection } from './review-pack-section.component';

/** Data in and out: the signed annual review pack, the recovery kit, and (administrators) backups and imports. */
export function DataScreen() {
  const { operator } = useConsoleSession();
  return (
    <>
      <ScreenHeading
        title="Data"
        intro={
          operator.consoleRole === 'admin'
            ? 'The signed annual review pack for governors, the recovery kit, backups of the vault, and imports of what you already keep.'
            : 'The signed annual review pack for governors, and whether the trust has its recovery kit.'
        }
      />
      <Stack gap="xl">
        <ReviewPackSection />
        <RecoveryKitSection />
        {/* backup.*: administrators only (the contract's table). */}
        {operator.consoleRole === 'admin' && <BackupsSection />}
        {/* import.*: administrators only. */}
        {operator.consoleRole === 'admin' && <ImportsSection />}
      </Stack>
    </>
  );
}
