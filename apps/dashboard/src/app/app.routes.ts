import type { Routes } from '@angular/router';
import { adminOnly } from './admin/admin.guard';
import { InvitationPage } from './auth/invitation.page';
import { LoginPage } from './auth/login.page';
import { signedIn } from './auth/auth';
import { ShellComponent } from './shell/shell.component';

/** One route per persona's main view; pages are loaded when first visited. */
export const routes: Routes = [
  { path: 'login', component: LoginPage, title: 'Sign in · Uptake' },
  { path: 'invitation', component: InvitationPage, title: 'Invitation · Uptake' },
  {
    path: '',
    component: ShellComponent,
    canActivate: [signedIn],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'overview' },
      {
        path: 'overview',
        title: 'Overview · Uptake',
        loadComponent: () => import('./overview/overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'business-case',
        title: 'Business case · Uptake',
        loadComponent: () => import('./business-case/business-case.page').then((m) => m.BusinessCasePage),
      },
      {
        path: 'rollout',
        title: 'Rollout · Uptake',
        loadComponent: () => import('./rollout/rollout.page').then((m) => m.RolloutPage),
      },
      {
        path: 'adoption',
        title: 'Adoption · Uptake',
        loadComponent: () => import('./adoption/adoption.page').then((m) => m.AdoptionPage),
      },
      {
        path: 'communities',
        title: 'Communities · Uptake',
        loadComponent: () => import('./communities/communities.page').then((m) => m.CommunitiesPage),
      },
      {
        path: 'connectors',
        title: 'Connectors · Uptake',
        loadComponent: () => import('./connectors/connectors.page').then((m) => m.ConnectorsPage),
      },
      {
        path: 'settings',
        title: 'Settings · Uptake',
        loadComponent: () => import('./settings/settings.page').then((m) => m.SettingsPage),
      },
      {
        path: 'admin',
        title: 'Admin · Uptake',
        canActivate: [adminOnly],
        loadComponent: () => import('./admin/admin.page').then((m) => m.AdminPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
