import { lazy } from 'react';

/*
 * The signed-in console (its shell, the dashboard, and the contract's permission table with
 * zod) loads at sign-in, and each other console page the first time it is opened, so the
 * window's first load carries only what sign-in and first run need (the bundle target in
 * docs/benchmarks.md). The chunks are same-origin app:// files, which the CSP's script-src
 * 'self' allows. React.lazy wants a module whose default is the component; the screens keep
 * their named exports, so each loader maps the named export to `default`.
 */
export const AccessRegisterScreen = lazy(() => import('../features/access/access-register.screen').then((m) => ({ default: m.AccessRegisterScreen })));
export const AuditLogScreen = lazy(() => import('../features/audit/audit-log.screen').then((m) => ({ default: m.AuditLogScreen })));
export const CalendarScreen = lazy(() => import('../features/calendar/calendar.screen').then((m) => ({ default: m.CalendarScreen })));
export const ChannelsScreen = lazy(() => import('../features/channels/channels.screen').then((m) => ({ default: m.ChannelsScreen })));
export const ComplianceScreen = lazy(() => import('../features/compliance/compliance.screen').then((m) => ({ default: m.ComplianceScreen })));
export const ConsentScreen = lazy(() => import('../features/consent/consent.screen').then((m) => ({ default: m.ConsentScreen })));
export const DataScreen = lazy(() => import('../features/data/data.screen').then((m) => ({ default: m.DataScreen })));
export const InboxScreen = lazy(() => import('../features/inbox/inbox.screen').then((m) => ({ default: m.InboxScreen })));
export const IncidentsScreen = lazy(() => import('../features/incidents/incidents.screen').then((m) => ({ default: m.IncidentsScreen })));
export const MonitoringScreen = lazy(() => import('../features/monitoring/monitoring.screen').then((m) => ({ default: m.MonitoringScreen })));
export const PeopleScreen = lazy(() => import('../features/people/people.screen').then((m) => ({ default: m.PeopleScreen })));
export const PostsScreen = lazy(() => import('../features/posts/posts.screen').then((m) => ({ default: m.PostsScreen })));
export const SignedIn = lazy(() => import('./signed-in.screen').then((m) => ({ default: m.SignedIn })));
