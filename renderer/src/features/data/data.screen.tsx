import { Stack } from '@mantine/core';
import { ScreenHeading } from '../../ui/screen-heading.component';
import { BackupsSection } from './backups-section.component';
import { ImportsSection } from './imports-section.component';
import { RecoveryKitSection } from './recovery-kit-section.component';
import { ReviewPackSection } from './review-pack-section.component';
import { useMay } from '../../session/use-may.hook';

/** Data in and out: the signed annual review pack, the recovery kit, and (administrators) backups and imports. */
export function DataScreen() {
  const canBackUp = useMay('backup.create');
  const canImport = useMay('import.register');
  return (
    <>
      <ScreenHeading
        title="Data"
        intro={
          canBackUp
            ? 'The signed annual review pack for governors, the recovery kit, backups of the vault, and imports of what you already keep.'
            : 'The signed annual review pack for governors, and whether the trust has its recovery kit.'
        }
      />
      <Stack gap="xl">
        <ReviewPackSection />
        <RecoveryKitSection />
        {canBackUp && <BackupsSection />}
        {canImport && <ImportsSection />}
      </Stack>
    </>
  );
}
