import type { Routes } from '@angular/router';
import { adminOnly } from './admin/admin.guard';
import { InvitationPage } from './auth/invitation.page';
import { LoginPage } from './auth/login.page';
import { NOTIFICATIONS_ROUTE } from './notifications/notifications.routes';
import { signedIn } from './auth/auth';
import { ShellComponent } from './shell/shell.component';

/** One route per persona's main view; pages are loaded when first visited. */
export const routes: Routes = [
  { path: 'login', component: LoginPage, title: $localize`:@@app.title.login:Sign in · Uptake` },
  {
    path: 'invitation',
    component: InvitationPage,
    title: $localize`:@@app.title.invitation:Invitation · Uptake`,
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [signedIn],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      {
        path: 'overview',
        title: $localize`:@@app.title.overview:Overview · Uptake`,
        loadComponent: () => import('./overview/overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'business-case',
        title: $localize`:@@app.title.businessCase:Business case · Uptake`,
        loadComponent: () => import('./business-case/business-case.page').then((m) => m.BusinessCasePage),
      },
      {
        path: 'rollout',
        title: $localize`:@@app.title.rollout:Rollout · Uptake`,
        loadComponent: () => import('./rollout/rollout.page').then((m) => m.RolloutPage),
      },
      {
        path: 'adoption',
        title: $localize`:@@app.title.adoption:Adoption · Uptake`,
        loadComponent: () => import('./adoption/adoption.page').then((m) => m.AdoptionPage),
      },
      {
        path: 'communities',
        title: $localize`:@@app.title.communities:Communities · Uptake`,
        loadComponent: () => import('./communities/communities.page').then((m) => m.CommunitiesPage),
      },
      {
        path: 'connectors',
        title: $localize`:@@app.title.connectors:Connectors · Uptake`,
        loadComponent: () => import('./connectors/connectors.page').then((m) => m.ConnectorsPage),
      },
      NOTIFICATIONS_ROUTE,
      {
        path: 'settings',
        title: $localize`:@@app.title.settings:Settings · Uptake`,
        loadComponent: () => import('./settings/settings.page').then((m) => m.SettingsPage),
      },
      {
        path: 'admin',
        title: $localize`:@@app.title.admin:Admin · Uptake`,
        canActivate: [adminOnly],
        loadComponent: () => import('./admin/admin.page').then((m) => m.AdminPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
