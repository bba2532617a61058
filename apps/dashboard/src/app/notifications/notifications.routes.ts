import type { Route } from '@angular/router';

/** The notifications page, for the shell's children (every role: what it holds follows the role). */
export const NOTIFICATIONS_ROUTE: Route = {
  path: 'notifications',
  title: $localize`:@@notifications.page.documentTitle:Notifications · Uptake`,
  loadComponent: () => import('./notifications.page').then((m) => m.NotificationsPage),
};
