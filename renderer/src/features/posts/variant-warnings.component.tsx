import { Text } from '@mantine/core';

/**
 * What a platform still takes but the author should know (a link's higher price on X), from the
 * variant's check: one look in the composer and in a post's detail, so both say the same.
 */
export function VariantWarnings({ warnings }: { warnings: readonly string[] }) {
  return warnings.map((warning) => (
    <Text key={warning} size="xs" c="orange.9">
      ⚠ {warning}
    </Text>
  ));
}
