import { Stack } from '@mantine/core';
import { BackupsSection } from '../components/backups-section.component';
import { ImportsSection } from '../components/imports-section.component';
import { RecoveryKitSection } from '../components/recovery-kit-section.component';
import { ReviewPackSection } from '../components/review-pack-section.component';
import { ScreenHeading } from '../components/screen-heading.component';
import { useMay } from '../session/use-may.hook';

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
