import type { ComplianceFindingView } from '../../../shared/contract/views';

type Severity = ComplianceFindingView['severity'];

// A darker orange than Mantine's: white text on its orange.9 falls short of 4.5:1.
export const severityWords: Record<Severity, { label: string; color: string; meaning: string }> = {
  high: { label: 'High', color: 'red.9', meaning: 'put right now' },
    medium: { label: 'Medium', color: '#9c3d00', meaning: 'put right soon' },
  low: { label: 'Low', color: 'gray.7', meaning: 'worth a look' },
};

export const severities: readonly Severity[] = ['high', 'medium', 'low'];
