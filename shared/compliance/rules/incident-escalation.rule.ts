import type { ComplianceRule, Finding, FindingSubject } from '../compliance-finding';
import type { SnapshotIncident } from '../compliance-snapshot';
import { daysBetween, formatLongDate, londonDate } from '../compliance-dates';
import { indexSnapshot, type SnapshotIndex } from '../compliance-index';
import { policySentences } from '../policy-sentences';

/**
 * "Reported as soon as possible to a relevant senior member of staff": an open incident nobody
 * has escalated is a finding from the day it is opened, and urgent once it is more than a day
 * old. Evidence (screenshots) is what the senior member of staff acts on, and posts get deleted,
 * so an open incident without any is flagged too.
 */
export const incidentEscalationRule: ComplianceRule = {
  id: 'incident-escalation',
  title: 'Incidents are reported to a senior member of staff, with evidence',
  source: 'policy',
  policy: policySentences.unacceptableConduct,
  evaluate(snapshot, _profile, today) {
    const index = indexSnapshot(snapshot);
    const findings: Finding[] = [];
    for (const incident of snapshot.incidents) {
      if (incident.closedAt !== null) continue;
      const opened = londonDate(incident.openedAt);
      const subject = incidentSubject(index, incident, opened);
      const channel = index.channelSubject(incident.channelId).name;
      if (incident.escalatedTo.length === 0) {
        findings.push({
          ruleId: 'incident-escalation',
          severity: daysBetween(opened, today) > 1 ? 'high' : 'medium',
          subject,
          message: `The incident on ${channel} opened on ${formatLongDate(opened)} has not been reported to a senior member of staff.`,
          fix: 'Report it to a senior member of staff (the headteacher or principal, the DSL, or the trust core team) and record that on the incident.',
        });
      }
      if (incident.evidenceCount === 0) {
        findings.push({
          ruleId: 'incident-escalation',
          severity: 'medium',
          subject,
          message: `The incident on ${channel} opened on ${formatLongDate(opened)} has no evidence attached.`,
          fix: 'Attach screenshots or other evidence to the incident before the posts are deleted.',
        });
      }
    }
    return findings;
  },
};

function incidentSubject(index: SnapshotIndex, incident: SnapshotIncident, opened: string): FindingSubject {
  return { kind: 'incident', key: String(incident.id), name: `Incident opened ${formatLongDate(opened)} on ${index.channelSubject(incident.channelId).name}` };
}
